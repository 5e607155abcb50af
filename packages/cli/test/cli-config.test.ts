import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDomesticAdd, parseOverseasAdd } from '../src/commands/what-if.js';
import { resolveConnection } from '../src/config.js';
import { groupDigits, renderCsv, renderTable } from '../src/output/formats.js';
import { displayWidth, styleFor } from '../src/output/style.js';

function profileFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'kisfo-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('connection settings: flags, then environment, then profile', () => {
  const file = profileFile({
    defaultProfile: 'paper',
    profiles: {
      paper: {
        env: 'paper',
        appKey: 'PROFILEKEY',
        appSecret: 'PROFILESECRET',
        account: '11111111-01',
      },
      real: { env: 'real', appKey: 'REALKEY', appSecret: 'REALSECRET' },
    },
  });

  it('takes the default profile when nothing else is set', () => {
    const c = resolveConnection({}, { KISFO_CONFIG: file });
    assert.equal(c.env, 'paper');
    assert.equal(c.appKey, 'PROFILEKEY');
    assert.equal(c.sources.appKey, 'profile');
  });

  it('environment beats profile, flags beat both', () => {
    const c = resolveConnection(
      { account: '22222222-02' },
      { KISFO_CONFIG: file, KIS_APP_KEY: 'ENVKEY', KIS_ACCOUNT: '33333333-03' },
    );
    assert.equal(c.appKey, 'ENVKEY');
    assert.equal(c.sources.appKey, 'env');
    assert.equal(c.account, '22222222-02');
    assert.equal(c.sources.account, 'flag');
    assert.equal(c.appSecret, 'PROFILESECRET');
  });

  it('--profile picks another profile; an unknown one is an error', () => {
    assert.equal(resolveConnection({ profile: 'real' }, { KISFO_CONFIG: file }).appKey, 'REALKEY');
    assert.throws(
      () => resolveConnection({ profile: 'x' }, { KISFO_CONFIG: file }),
      /no profile "x"/,
    );
  });

  it('says what is missing and where to set it, without values', () => {
    assert.throws(
      () => resolveConnection({}, { KISFO_CONFIG: profileFile({}) }),
      (e: Error) => /KIS_APP_KEY/.test(e.message) && /KIS_APP_SECRET/.test(e.message),
    );
    assert.throws(
      () => resolveConnection({}, { KISFO_CONFIG: profileFile('{oops') }),
      /not valid JSON/,
    );
    assert.throws(
      () => resolveConnection({ env: 'prod' }, { KIS_APP_KEY: 'k', KIS_APP_SECRET: 's' }),
      /real or paper/,
    );
  });
});

describe('output', () => {
  it('aligns Korean text by display width', () => {
    assert.equal(displayWidth('매수'), 4);
    const t = renderTable(
      [
        { a: '매수', b: '1' },
        { a: 'BUY', b: '22' },
      ],
      [
        { header: 'side', get: (r) => r.a },
        { header: 'qty', get: (r) => r.b, right: true },
      ],
    );
    const lines = t.trimEnd().split('\n');
    assert.equal(displayWidth(lines[2]!), displayWidth(lines[3]!));
  });

  it('quotes CSV cells as RFC 4180 says', () => {
    assert.equal(
      renderCsv([{ v: 'a,"b"' }], [{ header: 'v', get: (r) => r.v }]),
      'v\r\n"a,""b"""\r\n',
    );
  });

  it('groups digits without touching the decimals', () => {
    assert.equal(groupDigits('-1237500'), '-1,237,500');
    assert.equal(groupDigits('1234567.12345678'), '1,234,567.12345678');
  });

  it('colours only on a TTY without NO_COLOR', () => {
    assert.equal(styleFor({ isTTY: false }, {}).enabled, false);
    assert.equal(styleFor({ isTTY: true }, {}).enabled, true);
    assert.equal(styleFor({ isTTY: true }, { NO_COLOR: '1' }).enabled, false);
  });
});

describe('what-if position specs', () => {
  it('parses domestic and overseas positions', () => {
    assert.deepEqual(parseDomesticAdd('101S12:short:2'), { pdno: '101S12', side: 'short', qty: 2 });
    assert.deepEqual(parseDomesticAdd('201s12350:buy:5@2.15'), {
      pdno: '201S12350',
      side: 'long',
      qty: 5,
      price: '2.15',
    });
    assert.deepEqual(parseOverseasAdd('CME:ES:202506:C:5400:-1'), {
      exchange: 'CME',
      classCode: 'ES',
      contractMonth: '202506',
      kind: 'call',
      strike: '5400',
      quantity: -1,
    });
    assert.throws(() => parseDomesticAdd('101S12:long:0'), /positive/);
    assert.throws(() => parseOverseasAdd('CME:ES:2025:1'), /EXCH:CLASS:YYYYMM/);
  });
});

describe('docs/cli.md', () => {
  it('is the reference made from the commands, up to date (npm run docs:cli)', async () => {
    const { readFileSync } = await import('node:fs');
    const { cliReference } = await import('../src/index.js');
    const file = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    assert.equal(file, await cliReference(), 'docs/cli.md is stale: run `npm run docs:cli`');
  });

  it('the generator script says so too (what `npm run docs:cli` runs, with --check)', async () => {
    const { spawnSync } = await import('node:child_process');
    const script = new URL('../../../scripts/gen-cli-docs.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /docs\/cli\.md is current/);
  });

  it('lists every command and group with its help, and every exit code', async () => {
    const { cliReference, COMMANDS, EXIT } = await import('../src/index.js');
    const doc = await cliReference();
    for (const e of COMMANDS) assert.ok(doc.includes(`## \`kisfo ${e.name}\``), e.name);
    for (const g of ['ledger', 'scenario']) assert.ok(doc.includes(`## \`kisfo ${g}\``), g);
    for (const [name, code] of Object.entries(EXIT)) {
      assert.ok(doc.includes(`| ${code} | ${name} |`), name);
    }
  });
});
