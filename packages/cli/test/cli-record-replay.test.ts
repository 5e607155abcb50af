import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET } from '@kisfo/server';
import { EXIT } from '../src/index.js';
import { isolatedEnv, run, type Served, serve } from './cli-helpers.js';
import { start } from './cli-long-running.js';

describe('kisfo record and kisfo serve --replay (the real binary)', () => {
  let server: Served;
  let env: NodeJS.ProcessEnv;
  let cassette: string;

  before(async () => {
    env = isolatedEnv();
    cassette = join(env.HOME!, 'session.jsonl');
    server = await serve(['--business-date', '20250320'], env);
  });
  after(() => server.stop());

  const clientEnv = (base: string) => ({
    ...env,
    KIS_ENV: 'real',
    KIS_BASE_URL: base,
    KIS_APP_KEY: DEMO_REAL_APPKEY,
    KIS_APP_SECRET: DEMO_REAL_APPSECRET,
    KIS_ACCOUNT: '80012345-03',
  });

  it('records balance and margin through the proxy, then replays them offline, identically', async () => {
    const rec = await start(
      ['record', '--target', server.realUrl, '--out', cassette],
      env,
      /proxy\s+(http\S+)/,
    );
    let live: { balance: string; margin: string };
    try {
      const b = await run(['balance', '--json'], clientEnv(rec.url));
      assert.equal(b.code, 0, b.stderr);
      const m = await run(
        ['margin', '--account', '12345678-08', '--date', '20250320', '--json'],
        clientEnv(rec.url),
      );
      assert.equal(m.code, 0, m.stderr);
      live = { balance: b.stdout, margin: m.stdout };
    } finally {
      assert.equal(await rec.stop(), 0);
    }
    assert.match(
      rec.output(),
      /GET \/uapi\/domestic-futureoption\/v1\/trading\/inquire-balance → 200/,
    );
    assert.match(rec.output(), /stopped: \d+ exchange\(s\) recorded/);
    const text = readFileSync(cassette, 'utf8');
    assert.equal(text.includes(DEMO_REAL_APPKEY), false);
    assert.equal(text.includes(DEMO_REAL_APPSECRET), false);
    assert.equal(/Bearer [A-Za-z0-9]/.test(text), false);

    // The upstream is gone: the cassette alone answers.
    await server.stop();
    const replay = await start(
      ['serve', '--replay', cassette, '--port', '0'],
      env,
      /real\s+(http\S+)/,
    );
    try {
      const b = await run(['balance', '--json'], clientEnv(replay.url));
      assert.equal(b.code, 0, b.stderr);
      assert.equal(b.stdout, live.balance);
      const m = await run(
        ['margin', '--account', '12345678-08', '--date', '20250320', '--json'],
        clientEnv(replay.url),
      );
      assert.equal(m.stdout, live.margin);
      // Something never recorded: a clear error naming it, the not-found exit code.
      const miss = await run(
        ['margin', '--account', '12345678-08', '--date', '20250320', '--currency', 'VND', '--json'],
        clientEnv(replay.url),
      );
      assert.equal(miss.code, EXIT['not-found'], miss.stderr);
      assert.match(miss.stderr, /not recorded/);
    } finally {
      assert.equal(await replay.stop(), 0);
    }
    assert.match(
      replay.output(),
      /not recorded: GET \/uapi\/overseas-futureoption\/v1\/trading\/margin-detail\?.*CRCY_CD=VND/,
    );
    server = await serve(['--business-date', '20250320'], env);
  });

  it('usage errors: missing --target, a bad mode, a missing cassette', async () => {
    const a = await run(['record', '--out', cassette], env);
    assert.equal(a.code, EXIT.usage);
    assert.match(a.stderr, /--target URL is required/);
    const b = await run(['serve', '--replay', cassette, '--replay-mode', 'update'], env);
    assert.equal(b.code, EXIT.usage);
    assert.match(b.stderr, /lockdown or passthrough/);
    const c = await run(['serve', '--replay', join(env.HOME!, 'nope.jsonl'), '--port', '0'], env);
    assert.equal(c.code, EXIT.usage);
    assert.match(c.stderr, /not found/);
  });

  it('scenario from-kis and reconcile: every determined field equal; an edit is named', async () => {
    const r = await run(['reconcile', '--in', cassette], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^balance 80012345-03 MGNA_DVSN=01 EXCC_STAT_CD=1$/m);
    assert.match(r.stdout, /output2\.tot_dncl_amt +\d+ +\d+ +0 +determined/);
    const summary = /(\d+) of (\d+) fields equal \(determined (\d+)\/(\d+)/.exec(r.stdout);
    assert.ok(summary !== null, r.stdout.slice(-400));
    assert.equal(summary[3], summary[4]);
    const j = await run(['reconcile', '--in', cassette, '--json'], env);
    const report = JSON.parse(j.stdout) as {
      summary: { total: number; determinedDifferent: number };
    };
    assert.equal(report.summary.determinedDifferent, 0);
    assert.equal(report.summary.total, Number(summary[2]));

    // A scenario file round trip: from-kis writes it, reconcile --scenario reads it.
    const scenarioPath = join(env.HOME!, 'from-kis.json');
    const s = await run(['scenario', 'from-kis', '--in', cassette, '--out', scenarioPath], env);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stderr, /note: .*closed out today/);
    const positions = (JSON.parse(readFileSync(scenarioPath, 'utf8')) as { positions: unknown[] })
      .positions;
    assert.ok(positions.length > 3);
    const again = await run(
      ['reconcile', '--in', cassette, '--scenario', scenarioPath, '--json'],
      env,
    );
    assert.equal(again.code, 0, again.stderr);

    // One summary figure edited in one page: exactly that field, exit 12.
    const lines = readFileSync(cassette, 'utf8').trim().split('\n');
    const i = lines.findIndex((l) => l.includes('inquire-balance') && l.includes('pchs_amt_smtl'));
    const e = JSON.parse(lines[i]!);
    const body = JSON.parse(e.response.body);
    body.output2.pchs_amt_smtl = String(BigInt(body.output2.pchs_amt_smtl) + 1000n);
    e.response.body = JSON.stringify(body);
    lines[i] = JSON.stringify(e);
    const editedPath = join(env.HOME!, 'edited.jsonl');
    writeFileSync(editedPath, `${lines.join('\n')}\n`);
    const bad = await run(['reconcile', '--in', editedPath, '--differences'], env);
    assert.equal(bad.code, EXIT['check-failed'], bad.stderr);
    const named = bad.stdout.split('\n').filter((l) => l.startsWith('✗'));
    assert.equal(named.length, 1, bad.stdout);
    assert.match(named[0]!, /output2\.pchs_amt_smtl +\d+ +\d+ +-1000 +determined/);
    assert.match(bad.stderr, /1 determined field\(s\) differ/);
    const usage = await run(['reconcile', '--in', join(env.HOME!, 'nope.jsonl')], env);
    assert.equal(usage.code, EXIT.usage);
  });
});
