// A --timeout longer than a timer can wait (2³¹ − 1 ms, about 24.8 days) is a usage error before
// any request. Before, Node printed a TimeoutOverflowWarning, set the wait to 1 ms, and every
// attempt "timed out" at once, ending with "raise --timeout" (exit 10).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT } from '../src/exit-codes.js';
import { isolatedEnv, run } from './cli-helpers.js';

describe('kisfo --timeout beyond what a timer can wait', () => {
  const env = isolatedEnv({
    KIS_ENV: 'real',
    KIS_APP_KEY: 'PSNOTUSED0123456789',
    KIS_APP_SECRET: 'not-used-secret-0123456789',
    KIS_ACCOUNT: '80012345-03',
    // Port 9 on loopback: a request sent anyway fails as a connection error (10), not 2 or 3.
    KIS_BASE_URL: 'http://127.0.0.1:9',
  });

  it('a flag or KISFO_TIMEOUT over the limit is a usage error naming it; the limit itself is fine', async () => {
    for (const [args, extra] of [
      [['balance', '--timeout', '99999999999s'], {}],
      [['token', '--timeout', '40000m'], {}],
      [['balance'], { KISFO_TIMEOUT: '2147484s' }],
    ] as const) {
      const r = await run([...args], { ...env, ...extra });
      assert.equal(r.code, EXIT.usage, r.stderr);
      assert.match(r.stderr, /must be at most 2147483647 ms/);
      assert.doesNotMatch(r.stderr, /TimeoutOverflowWarning|raise --timeout/);
    }
    const ok = await run(['config', '--json', '--timeout', '2147483s'], env);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('a profile timeout over the limit is a settings error', async () => {
    const file = join(env.HOME!, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({ defaultProfile: 'p', profiles: { p: { timeout: 3_000_000_000 } } }),
      { mode: 0o600 },
    );
    const r = await run(['balance'], { ...env, KISFO_CONFIG: file });
    assert.equal(r.code, EXIT.config, r.stderr);
    assert.match(r.stderr, /timeout in profile "p" must be at most 2147483647 ms/);
    assert.doesNotMatch(r.stderr, /TimeoutOverflowWarning/);
  });
});
