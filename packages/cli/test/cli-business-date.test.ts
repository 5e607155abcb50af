// The business date from the command line: serve --business-date, ledger advance, dates in both
// YYYYMMDD and YYYY-MM-DD, every problem of a bad scenario listed, and hints that name the
// likely cause (env, base URL) of a "service not found".
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET, DEMO_SCENARIO } from '@kisfo/server';
import { EXIT } from '../src/index.js';
import { isolatedEnv, run, type Served, serve } from './cli-helpers.js';

describe('kisfo serve --business-date and the hints of a served demo', () => {
  let server: Served;
  const env = isolatedEnv();
  before(async () => {
    server = await serve(['--business-date', '2025-03-20'], env);
  });
  after(() => server.stop());
  const demoEnv = (extra: Record<string, string> = {}) => ({
    ...env,
    KIS_BASE_URL: server.realUrl,
    KIS_APP_KEY: DEMO_REAL_APPKEY,
    KIS_APP_SECRET: DEMO_REAL_APPSECRET,
    KIS_ACCOUNT: '80012345-03',
    ...extra,
  });

  it('serves the date asked for, in either form', async () => {
    assert.match(server.output(), /business date 20250320/);
    const r = await run(
      ['margin', '--json', '--date', '2025-03-20'],
      demoEnv({ KIS_ACCOUNT: '12345678-08' }),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { resp_dt: string }).resp_dt, '20250320');
  });

  it('a date after the ledger date: OPSQ2001 naming the date and how to move it', async () => {
    const r = await run(['margin', '--date', '20250321'], demoEnv({ KIS_ACCOUNT: '12345678-08' }));
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /business date 20250320/);
    assert.match(r.stderr, /kisfo ledger advance/);
  });

  it('KIS_ENV unset: the CLI and fromEnv default to real, and reach the real host', async () => {
    const r = await run(['balance', '--json'], demoEnv());
    assert.equal(r.code, 0, r.stderr);
  });

  it('a base URL with a path or the wrong env: the hint names env and base URL, not the account', async () => {
    const path = await run(['balance'], demoEnv({ KIS_BASE_URL: `${server.realUrl}/uapi` }));
    assert.equal(path.code, 8, path.stderr);
    assert.match(path.stderr, /MCA00124/);
    assert.match(path.stderr, /base URL .*host root with no path/);
    assert.doesNotMatch(path.stderr, /check --account/);
    // A paper env against the real host sends the paper TR: the hint says which TR and why.
    const wrongEnv = await run(['balance'], demoEnv({ KIS_ENV: 'paper' }));
    assert.notEqual(wrongEnv.code, 0);
    assert.match(wrongEnv.stderr, /env/);
    assert.doesNotMatch(wrongEnv.stderr, /check --account/);
  });
});

describe('kisfo ledger advance, ledger import, scenario dates', () => {
  const env = isolatedEnv();
  const dir = env.HOME!;

  it('advance moves the ledger to the next KRX business day, or to --to in either form', async () => {
    const file = join(dir, 'demo.json');
    writeFileSync(file, JSON.stringify(DEMO_SCENARIO));
    const db = join(dir, 'adv.db');
    assert.equal((await run(['ledger', 'import', file, '--db', db], env)).code, 0);
    const next = await run(['ledger', 'advance', '--db', db], env);
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stdout, /20250320 → 20250321/);
    const to = await run(['ledger', 'advance', '--db', db, '--to', '2025-03-24', '--json'], env);
    assert.equal(to.code, 0, to.stderr);
    assert.deepEqual(
      (({ from, to: t }) => ({ from, to: t }))(
        JSON.parse(to.stdout) as { from: string; to: string },
      ),
      { from: '20250321', to: '20250324' },
    );
    const bad = await run(['ledger', 'advance', '--db', db, '--to', '24/03/2025'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /YYYYMMDD or YYYY-MM-DD/);
    const missing = await run(['ledger', 'advance', '--db', join(dir, 'none.db')], env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /kisfo ledger import/);
  });

  it('import lists every problem of a bad scenario, unknown keys by path; nothing changes', async () => {
    const broken = structuredClone(DEMO_SCENARIO) as unknown as {
      positions: Record<string, unknown>[];
      fills: Record<string, unknown>[];
      accounts: Record<string, unknown>[];
    };
    let made = 0;
    for (const p of broken.positions) {
      p.qty = -1;
      made++;
    }
    broken.fills[0]!.pricee = '1';
    broken.accounts[0]!.colour = 'red';
    made += 2;
    assert.ok(made > 20);
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const r = await run(['ledger', 'import', file, '--db', join(dir, 'broken.db')], env);
    assert.equal(r.code, EXIT.file, r.stderr);
    const listed = r.stderr.split('\n').filter((l) => /^ {2}\S+: /.test(l));
    assert.ok(listed.length >= made, `${listed.length} of at least ${made} listed:\n${r.stderr}`);
    assert.match(r.stderr, /fills\[0\]\.pricee: unknown key/);
    assert.match(r.stderr, /accounts\[0\]\.colour: unknown key/);
    assert.match(r.stderr, /positions\[24\]\.qty/);
    assert.match(r.stderr, /nothing was written/);
  });

  it('serve on a fixed-date scenario refuses another --business-date, saying what to do', async () => {
    const file = join(dir, 'fixed.json');
    writeFileSync(file, JSON.stringify({ ...DEMO_SCENARIO, relativeDates: false }));
    const r = await run(
      ['serve', '--port', '0', '--scenario', file, '--business-date', 'today'],
      env,
    );
    assert.equal(r.code, EXIT.file, r.stderr);
    assert.match(r.stderr, /fixed business date 20250320; leave out --business-date/);
  });

  it('serve on an existing ledger file keeps its date; --business-date says how to move it', async () => {
    const file = join(dir, 'demo2.json');
    writeFileSync(file, JSON.stringify(DEMO_SCENARIO));
    const db = join(dir, 'kept.db');
    assert.equal((await run(['ledger', 'import', file, '--db', db], env)).code, 0);
    const r = await run(['serve', '--port', '0', '--db', db, '--business-date', '20250321'], env);
    assert.equal(r.code, EXIT.file, r.stderr);
    assert.match(
      r.stderr,
      /ledger file is on business date 20250320; move it with `kisfo ledger advance --db FILE`/,
    );
  });

  it('scenario generate takes its date in either form and writes a relative scenario', async () => {
    const r = await run(['scenario', 'generate', '--positions', '5', '--date', '2026-01-05'], env);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { businessDate: string; relativeDates: boolean };
    assert.deepEqual([doc.businessDate, doc.relativeDates], ['20260105', true]);
    const bad = await run(['scenario', 'generate', '--date', '2026-02-30'], env);
    assert.equal(bad.code, 2);
  });
});
