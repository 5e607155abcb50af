// A token is accepted only in the exact text it was issued in: base64url decoders also accept
// padding, stray characters, the standard alphabet and altered padding bits, each of which would
// otherwise pass as the same signature.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REAL_APP } from './http-fake-back-office.js';
import { balanceQuery, harness, inquire, issueToken, kisHeaders } from './http-harness.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Variants of a token whose signature decodes to the same bytes under a lenient decoder. */
function malleated(token: string): [string, string][] {
  const cut = token.lastIndexOf('.') + 1;
  const body = token.slice(0, cut);
  const sig = token.slice(cut);
  // 64 bytes in 86 characters leave 4 unused low bits in the last one.
  const last = ALPHABET.indexOf(sig.at(-1)!);
  const out: [string, string][] = [
    ['appended ==', `${token}==`],
    ['appended !', `${token}!`],
    ['padding bits', body + sig.slice(0, -1) + ALPHABET[last ^ 1]],
  ];
  if (/[-_]/.test(sig)) {
    out.push(['+ and / for - and _', body + sig.replaceAll('-', '+').replaceAll('_', '/')]);
  }
  return out;
}

describe('token signatures are compared on their canonical encoding only', () => {
  it('refuses every malleated form of a valid token with EGW00121, accepts the token', async () => {
    const h = harness();
    let token = await issueToken(h.real, REAL_APP);
    // Find a token whose signature has a '-' or '_' to swap (a new one every 7 h).
    for (let i = 0; i < 40 && !/[-_]/.test(token.slice(token.lastIndexOf('.') + 1)); i++) {
      h.clock.now += 7 * 3_600_000;
      token = await issueToken(h.real, REAL_APP);
    }
    const variants = malleated(token);
    assert.equal(variants.length, 4, 'every kind of malleation is tried');
    const ok = await inquire(
      h.real,
      balanceQuery('80012345'),
      kisHeaders(REAL_APP, token, 'CTFO6118R'),
    );
    assert.equal(ok.body.rt_cd, '0');
    for (const [what, forged] of variants) {
      assert.notEqual(forged, token);
      h.clock.now += 1000; // stay under the rate limit
      const res = await inquire(
        h.real,
        balanceQuery('80012345'),
        kisHeaders(REAL_APP, forged, 'CTFO6118R'),
      );
      assert.equal(res.body.msg_cd, 'EGW00121', `${what} accepted`);
      assert.equal(h.tokens.inspect(forged), undefined, `${what} inspected as valid`);
    }
  });
});
