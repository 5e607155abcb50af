// `kisfo` against a real PostgreSQL: --db URLs and KISFO_DATABASE_URL for serve, ledger import
// and export, `ledger copy` between SQLite and PostgreSQL both ways, a clear exit code when the
// database cannot be reached, and the URL's password never printed anywhere.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { startPgCluster } from '../../server/test/pg-cluster.js';
import { isolatedEnv, run, serve } from './cli-helpers.js';
import { connectStdio } from './mcp-helpers.js';

const DEMO = new URL('../../server/scenarios/demo.json', import.meta.url).pathname;
const PASSWORD = 'Pw-never-printed-7731';
const cluster = await startPgCluster();
after(() => cluster.stop());

/** A fresh database's URL with a password in it (trust auth ignores it; the CLI must hide it). */
async function dbWithPassword(): Promise<string> {
  const url = new URL(await cluster.createDatabase());
  url.password = PASSWORD;
  return url.toString();
}

function assertNoPassword(...texts: string[]): void {
  for (const t of texts) assert.ok(!t.includes(PASSWORD), `password printed in:\n${t}`);
}

describe('kisfo with a PostgreSQL ledger', () => {
  it('ledger import --db URL, export via KISFO_DATABASE_URL: the same document, password masked', async () => {
    const url = await dbWithPassword();
    const env = isolatedEnv();
    const imp = await run(['ledger', 'import', DEMO, '--db', url], env);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(
      imp.stdout,
      // 4: the demo's domestic, overseas, one-side-policy overseas and paper accounts.
      /imported into postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/\w+: 4 accounts/,
    );
    const exp = await run(['ledger', 'export'], { ...env, KISFO_DATABASE_URL: url });
    assert.equal(exp.code, 0, exp.stderr);
    // Byte for byte what the same import into a SQLite file exports.
    const file = join(env.HOME!, 'same.db');
    assert.equal((await run(['ledger', 'import', DEMO, '--db', file], env)).code, 0);
    const fromFile = await run(['ledger', 'export', '--db', file], env);
    assert.equal(exp.stdout, fromFile.stdout);
    assert.equal(
      JSON.parse(exp.stdout).businessDate,
      JSON.parse(readFileSync(DEMO, 'utf8')).businessDate,
    );
    assertNoPassword(imp.stdout, imp.stderr, exp.stderr);
  });

  it('ledger copy moves a ledger SQLite → PostgreSQL → SQLite unchanged', async () => {
    const url = await dbWithPassword();
    const env = isolatedEnv();
    const home = env.HOME!;
    const a = join(home, 'a.db');
    const b = join(home, 'b.db');
    assert.equal((await run(['ledger', 'import', DEMO, '--db', a], env)).code, 0);
    const there = await run(['ledger', 'copy', '--from', a, '--to', url], env);
    assert.equal(there.code, 0, there.stderr);
    assert.match(
      there.stdout,
      /copied .*a\.db → postgres:\/\/postgres:\*\*\*@.*4 accounts.*\(verified\)/,
    );
    const back = await run(['ledger', 'copy', '--from', url, '--to', b], env);
    assert.equal(back.code, 0, back.stderr);
    const ea = await run(['ledger', 'export', '--db', a], env);
    const eb = await run(['ledger', 'export', '--db', b], env);
    assert.equal(eb.stdout, ea.stdout);
    assertNoPassword(there.stdout, there.stderr, back.stdout, back.stderr);
    const same = await run(['ledger', 'copy', '--from', a, '--to', a], env);
    assert.equal(same.code, 2);
  });

  it('an unreachable database is exit 10 with the URL masked and a next step', async () => {
    const env = isolatedEnv();
    const url = `postgres://kisfo:${PASSWORD}@127.0.0.1:1/nowhere`;
    const r = await run(['ledger', 'export', '--db', url], env);
    assert.equal(r.code, 10, r.stderr);
    assert.match(r.stderr, /postgres:\/\/kisfo:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    assert.match(r.stderr, /check that PostgreSQL is running/);
    const s = await run(['serve', '--port', '0'], { ...env, KISFO_DATABASE_URL: url });
    assert.equal(s.code, 10, s.stderr);
    assertNoPassword(r.stdout, r.stderr, s.stdout, s.stderr);
  });

  it('serve --db URL answers from the database; the banner masks the password', async () => {
    const url = await dbWithPassword();
    const env = isolatedEnv();
    assert.equal((await run(['ledger', 'import', DEMO, '--db', url], env)).code, 0);
    const served = await serve(['--db', url, '--paper-port', '0'], env);
    try {
      assert.match(served.output(), /ledger postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
      const health = (await (await fetch(`${served.realUrl}/kisfo/health`)).json()) as {
        businessDate: string;
      };
      assert.equal(health.businessDate, '20250320');
      const bal = await run(['balance', '--base-url', served.realUrl, '--json'], {
        ...env,
        ...demoCredentials(served.output()),
      });
      assert.equal(bal.code, 0, bal.stderr);
      assertNoPassword(bal.stdout, bal.stderr);
    } finally {
      await served.stop();
    }
    assertNoPassword(served.output());
  });
});

describe('kisfo mcp with a PostgreSQL ledger', () => {
  it('what-if reads the database named by KISFO_DATABASE_URL; tools name it without the password', async () => {
    const url = await dbWithPassword();
    const env = isolatedEnv();
    assert.equal((await run(['ledger', 'import', DEMO, '--db', url], env)).code, 0);
    const served = await serve(['--db', url, '--paper-port', '0'], env);
    const session = await connectStdio([], {
      ...env,
      ...demoCredentials(served.output()),
      KIS_BASE_URL: served.realUrl,
      KISFO_DATABASE_URL: url,
    });
    try {
      const listed = JSON.stringify(await session.client.listTools());
      assert.match(listed, /postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/);
      const r = await session.client.callTool({
        name: 'margin_what_if',
        arguments: { account: '80012345-03', add: [{ pdno: '101W06', side: 'long', qty: 1 }] },
      });
      const text = JSON.stringify(r);
      assert.notEqual((r as { isError?: boolean }).isError, true, text);
      assertNoPassword(listed, text);
    } finally {
      await session.close();
      await served.stop();
    }
  });
});

/** The demo app key, secret and account printed by `kisfo serve` for the demo ledger. */
function demoCredentials(out: string): Record<string, string> {
  const key = /KIS_APP_KEY=(\S+)/.exec(out)?.[1];
  const secret = /KIS_APP_SECRET=(\S+)/.exec(out)?.[1];
  const account = /KIS_ACCOUNT=(\S+)/.exec(out)?.[1];
  if (!key || !secret || !account) return {};
  return { KIS_APP_KEY: key, KIS_APP_SECRET: secret, KIS_ACCOUNT: account, KIS_ENV: 'real' };
}
