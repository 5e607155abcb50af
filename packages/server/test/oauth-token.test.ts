import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenRegistry } from '../src/index.js';
import { OTHER_APP, PAPER_APP, REAL_APP } from './http-fake-back-office.js';
import {
  balanceQuery,
  harness,
  inquire,
  issueToken,
  kisHeaders,
  marginQuery,
  postJson,
  T0,
} from './http-harness.js';

const HOUR = 3_600_000;
const tokenBody = (app = REAL_APP) => ({
  grant_type: 'client_credentials',
  appkey: app.appKey,
  appsecret: app.appSecret,
});

describe('POST /oauth2/tokenP', () => {
  it('issues an HS512 JWT with a Korea-time expiry, 24 h, token_type Bearer', async () => {
    const h = harness();
    const res = await postJson(h.real, '/oauth2/tokenP', tokenBody());
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), [
      'access_token',
      'access_token_token_expired',
      'expires_in',
      'token_type',
    ]);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 86400);
    // T0 is 2024-05-22 09:00:00 KST; 24 h later in Korea time, without zone.
    assert.equal(body.access_token_token_expired, '2024-05-23 09:00:00');
    const [head, payload] = String(body.access_token).split('.');
    assert.deepEqual(JSON.parse(Buffer.from(head!, 'base64url').toString()), {
      alg: 'HS512',
      typ: 'JWT',
    });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    assert.equal(claims.aud, 'real');
    assert.equal(claims.exp - claims.iat, 86400);
    assert.equal(typeof claims.jti, 'string');
    assert.ok(!String(body.access_token).includes(REAL_APP.appKey), 'the app key is not readable');
  });

  it('returns the same token within 6 h, a new one after', async () => {
    const h = harness();
    const first = await issueToken(h.real, REAL_APP);
    h.clock.now = T0 + 5 * HOUR;
    const again = await postJson(h.real, '/oauth2/tokenP', tokenBody());
    const againBody = (await again.json()) as Record<string, unknown>;
    assert.equal(againBody.access_token, first);
    assert.equal(againBody.access_token_token_expired, '2024-05-23 09:00:00');
    assert.equal(againBody.expires_in, 19 * 3600, 'a reused token reports the time it has left');
    h.clock.now = T0 + 6 * HOUR + 1000;
    const later = await issueToken(h.real, REAL_APP);
    assert.notEqual(later, first);
  });

  it('throttles new issuance to one per minute per app key (EGW00133, token body, 403)', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    await postJson(h.real, '/oauth2/revokeP', {
      appkey: REAL_APP.appKey,
      appsecret: REAL_APP.appSecret,
      token,
    });
    h.clock.now = T0 + 30_000;
    const res = await postJson(h.real, '/oauth2/tokenP', tokenBody());
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), {
      error_description: '접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)',
      error_code: 'EGW00133',
    });
    // Another app key is not affected.
    await issueToken(h.real, OTHER_APP);
    h.clock.now = T0 + 61_000;
    const next = await issueToken(h.real, REAL_APP);
    assert.notEqual(next, token);
  });

  it('refuses unknown app keys (EGW00103), wrong secrets (EGW00105), paper keys on real (EGW02004)', async () => {
    const h = harness();
    const cases: [Record<string, string>, string, 'real' | 'paper'][] = [
      [{ ...tokenBody(), appkey: 'PSnobody' }, 'EGW00103', 'real'],
      [{ ...tokenBody(), appsecret: 'wrong' }, 'EGW00105', 'real'],
      [tokenBody(PAPER_APP), 'EGW02004', 'real'],
      [tokenBody(REAL_APP), 'EGW00103', 'paper'],
    ];
    for (const [body, code, env] of cases) {
      const res = await postJson(h[env], '/oauth2/tokenP', body);
      assert.equal(res.status, 403, code);
      const json = (await res.json()) as Record<string, unknown>;
      assert.equal(json.error_code, code);
      assert.equal(typeof json.error_description, 'string');
      assert.equal(json.rt_cd, undefined, 'token body shape, not the envelope');
    }
    const bad = await postJson(h.real, '/oauth2/tokenP', {
      ...tokenBody(),
      grant_type: 'password',
    });
    assert.equal(bad.status, 403);
    assert.match(
      ((await bad.json()) as { error_description: string }).error_description,
      /grant_type/,
    );
    const notJson = await h.real('/oauth2/tokenP', { method: 'POST', body: '{oops' });
    assert.equal(notJson.status, 403);
  });

  it('issues paper tokens on the paper host', async () => {
    const h = harness();
    const token = await issueToken(h.paper, PAPER_APP);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    assert.equal(claims.aud, 'paper');
  });
});

describe('POST /oauth2/revokeP and refused tokens', () => {
  it('revokes a token; the revoked token is refused with EGW00121', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    const ok = await inquire(h.real, marginQuery(), kisHeaders(REAL_APP, token, 'OTFM3115R'));
    assert.equal(ok.body.rt_cd, '0');
    const res = await postJson(h.real, '/oauth2/revokeP', {
      appkey: REAL_APP.appKey,
      appsecret: REAL_APP.appSecret,
      token,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { code: 200, message: '접근토큰 폐기에 성공하였습니다' });
    const refused = await inquire(h.real, marginQuery(), kisHeaders(REAL_APP, token, 'OTFM3115R'));
    assert.equal(refused.status, 500);
    assert.equal(refused.body.msg_cd, 'EGW00121');
    assert.equal(refused.body.rt_cd, '1');
  });

  it('refuses to revoke another app’s token (EGW00121, token body)', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    const res = await postJson(h.real, '/oauth2/revokeP', {
      appkey: OTHER_APP.appKey,
      appsecret: OTHER_APP.appSecret,
      token,
    });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error_code: string }).error_code, 'EGW00121');
  });

  it('answers expired tokens with EGW00123 and tampered or foreign ones with EGW00121', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    const code = async (t: string, app = REAL_APP, send = h.real, trId = 'CTFO6118R') =>
      (await inquire(send, balanceQuery('80012345'), kisHeaders(app, t, trId))).body.msg_cd;

    const [head, payload, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 1e6 })).toString(
      'base64url',
    );
    assert.equal(await code(`${head}.${forged}.${sig}`), 'EGW00121', 'edited claims');
    // Two other characters at the end (a signature ending in "AA" already, 1 in 256, would
    // otherwise be sent unchanged).
    const edit = token.endsWith('AA') ? 'QA' : 'AA';
    assert.equal(await code(`${token.slice(0, -2)}${edit}`), 'EGW00121', 'edited signature');
    assert.equal(await code('not-a-jwt'), 'EGW00121');
    const elsewhere = new TokenRegistry({ clock: () => h.clock.now }).issue(REAL_APP);
    assert.ok(elsewhere.ok);
    assert.equal(await code(elsewhere.token.accessToken), 'EGW00121', 'another server secret');
    assert.equal(await code(token, OTHER_APP), 'EGW00121', 'another app’s headers');
    const paperToken = await issueToken(h.paper, PAPER_APP);
    assert.equal(
      await code(token, REAL_APP, h.paper, 'VTFO6118R'),
      'EGW00121',
      'real token on paper',
    );
    assert.equal(await code(paperToken, PAPER_APP, h.real), 'EGW02004', 'paper app on real');

    const noAuth = await inquire(h.real, balanceQuery('80012345'), {
      ...kisHeaders(REAL_APP, token, 'CTFO6118R'),
      authorization: '',
    });
    assert.equal(noAuth.body.msg_cd, 'EGW00121');

    h.clock.now = T0 + 24 * HOUR;
    const expired = await inquire(
      h.real,
      balanceQuery('80012345'),
      kisHeaders(REAL_APP, token, 'CTFO6118R'),
    );
    assert.equal(expired.status, 500);
    assert.equal(expired.body.msg_cd, 'EGW00123');
    assert.equal(expired.body.msg1.trim(), '기간이 만료된 token 입니다.');
  });

  it('voids tokens when the app secret changes', async () => {
    const h = harness();
    const app = { ...REAL_APP, appSecret: REAL_APP.appSecret };
    h.backOffice.apps[0] = app;
    const token = await issueToken(h.real, app);
    app.appSecret = `${'X'.repeat(10)}rotated`;
    const r = await inquire(h.real, balanceQuery('80012345'), kisHeaders(app, token, 'CTFO6118R'));
    assert.equal(r.body.msg_cd, 'EGW00121');
  });
});
