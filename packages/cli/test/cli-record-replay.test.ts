import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET } from '@kisfo/server';
import { EXIT } from '../src/exit-codes.js';
import { isolatedEnv, run, type Served, serve } from './cli-helpers.js';
import { start } from './cli-long-running.js';

describe('kisfo record and kisfo serve --replay (the real binary)', () => {
  let server: Served;
  let env: NodeJS.ProcessEnv;
  let cassette: string;

  before(async () => {
    env = isolatedEnv();
    cassette = join(env.HOME!, 'session.jsonl');
    server = await serve([], env);
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
    server = await serve([], env);
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
});
