import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET } from '@kisfo/server';
import { isolatedEnv, run, serve } from './cli-helpers.js';

/** Issue a token, restart the server on the same ledger, query again: was the token kept? */
async function tokenSurvivesRestart(secret: string | undefined): Promise<boolean> {
  const env = isolatedEnv(secret === undefined ? {} : { KISFO_TOKEN_SECRET: secret });
  const db = join(env.HOME!, 'ledger.db');
  const client = (url: string) => ({
    ...env,
    KIS_ENV: 'real',
    KIS_BASE_URL: url,
    KIS_APP_KEY: DEMO_REAL_APPKEY,
    KIS_APP_SECRET: DEMO_REAL_APPSECRET,
    KIS_ACCOUNT: '80012345-03',
  });
  // A fixed port: the client's token store binds a token to its host URL.
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const args = ['--db', db, '--port', port, '--paper-port', '0'];
  const first = await serve(args, env);
  const before = await run(['token', '--json'], client(first.realUrl));
  assert.equal(await first.stop(), 0);
  const second = await serve(args, env);
  try {
    const balance = await run(['balance', '--json'], client(second.realUrl));
    assert.equal(balance.code, 0, balance.stderr);
    const after = await run(['token', '--json'], client(second.realUrl));
    return JSON.parse(before.stdout).fingerprint === JSON.parse(after.stdout).fingerprint;
  } finally {
    await second.stop();
  }
}

describe('kisfo serve restarts', () => {
  it('keep issued tokens valid with KISFO_TOKEN_SECRET', async () => {
    assert.equal(await tokenSurvivesRestart('k'.repeat(48)), true);
  });

  it('void them without it (a new random secret per start); the client re-issues by itself', async () => {
    assert.equal(await tokenSurvivesRestart(undefined), false);
  });

  it('refuse a short secret', async () => {
    const r = await run(['serve', '--port', '0'], isolatedEnv({ KISFO_TOKEN_SECRET: 'short' }));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /at least 32 characters/);
  });
});
