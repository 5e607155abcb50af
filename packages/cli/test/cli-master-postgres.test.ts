// `kisfo master import` against a real PostgreSQL ledger (throwaway cluster): the same rows land
// as in a SQLite ledger, the URL's password is never printed, a bad file changes nothing, and
// KISFO_DATABASE_URL is the default ledger as for the other ledger commands.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { encodeCp949 } from '@kisfo/risk';
import { openLedgerStore } from '@kisfo/server';
import { startPgCluster } from '../../server/test/pg-cluster.js';
import { isolatedEnv, run } from './cli-helpers.js';

const fixtures = new URL('../../risk/test/fixtures/masters/', import.meta.url);
const DEMO = new URL('../../server/scenarios/demo.json', import.meta.url).pathname;
const PASSWORD = 'Pw-never-printed-4412';
const cluster = await startPgCluster();
after(() => cluster.stop());

async function dbWithPassword(): Promise<string> {
  const url = new URL(await cluster.createDatabase());
  url.password = PASSWORD;
  return url.toString();
}

const masterNames = (db: string): string[] => {
  const store = openLedgerStore(db, { readonly: true });
  try {
    return store.masterRows!().map((r) => (r.file === 'ffcode.mst' ? r.code : r.name));
  } finally {
    store.close();
  }
};

describe('kisfo master import with a PostgreSQL ledger', () => {
  it('loads a CP949 master into PostgreSQL as into SQLite; the password stays masked', async () => {
    const url = await dbWithPassword();
    const env = isolatedEnv();
    assert.equal((await run(['ledger', 'import', DEMO, '--db', url], env)).code, 0);
    const stk = new URL('fo_stk_code_mts.mst', fixtures).pathname;
    const r = await run(['master', 'import', stk, '--db', url], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /^imported 4 rows of fo_stk_code_mts\.mst into postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/\w+; 4 domestic products resolve\n$/,
    );
    assert.ok(!r.stdout.includes(PASSWORD) && !r.stderr.includes(PASSWORD));
    // The default ledger is KISFO_DATABASE_URL: a second file goes to the same database.
    const com = new URL('fo_com_code.mst', fixtures).pathname;
    const r2 = await run(['master', 'import', com], { ...env, KISFO_DATABASE_URL: url });
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(r2.stdout, /imported 9 rows of fo_com_code\.mst .*; 13 domestic products resolve/);
    // The same two imports into a SQLite ledger store the same rows, in the same order.
    const file = join(env.HOME!, 'same.db');
    assert.equal((await run(['ledger', 'import', DEMO, '--db', file], env)).code, 0);
    assert.equal((await run(['master', 'import', stk, '--db', file], env)).code, 0);
    assert.equal((await run(['master', 'import', com, '--db', file], env)).code, 0);
    const names = masterNames(url);
    assert.equal(names.length, 13);
    assert.deepEqual(names, masterNames(file));
    for (const n of ['SK하이닉스 F 202603', '5년국채 F 202603', '위안 F 202603'])
      assert.ok(names.includes(n), n);
    // And the exported scenario documents agree byte for byte.
    const a = await run(['ledger', 'export', '--db', url], env);
    const b = await run(['ledger', 'export', '--db', file], env);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
  });

  it('a bad file exits 13 naming the line and writes nothing to PostgreSQL', async () => {
    const url = await dbWithPassword();
    const env = isolatedEnv();
    assert.equal((await run(['ledger', 'import', DEMO, '--db', url], env)).code, 0);
    const bad = join(env.HOME!, 'fo_idx_code_mts.mst');
    writeFileSync(
      bad,
      encodeCp949('1|101603|KR4101630009|F 202603|||1|KOSPI200|코스피200\n1|잘못된 줄\n'),
    );
    const r = await run(['master', 'import', bad, '--db', url], env);
    assert.equal(r.code, 13, r.stderr);
    assert.match(r.stderr, /fo_idx_code_mts\.mst line 2: expected 9 \|-separated columns, got 2/);
    assert.deepEqual(masterNames(url), []);
  });

  it('an unreachable database is exit 10 with the URL masked', async () => {
    const env = isolatedEnv();
    const url = `postgres://kisfo:${PASSWORD}@127.0.0.1:1/nowhere`;
    const stk = new URL('fo_stk_code_mts.mst', fixtures).pathname;
    const r = await run(['master', 'import', stk, '--db', url], env);
    assert.equal(r.code, 10, r.stderr);
    assert.match(r.stderr, /postgres:\/\/kisfo:\*\*\*@127\.0\.0\.1:1\/nowhere/);
    assert.ok(!r.stderr.includes(PASSWORD));
  });
});
