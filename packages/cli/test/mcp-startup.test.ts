// `kisfo mcp --db FILE` reads the what-if ledger before it serves: a file that is not a ledger is
// a file error (13) naming it at start. Before, SQLite opened it read-only without complaint and
// every margin_what_if call then failed as an "internal" error.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_SCENARIO } from '@kisfo/server';
import { EXIT } from '../src/exit-codes.js';
import { isolatedEnv, run } from './cli-helpers.js';
import { demoRealConnection } from './demo-connection.js';

describe('kisfo mcp checks its what-if ledger at start', () => {
  const env = isolatedEnv(demoRealConnection('http://127.0.0.1:9', '80012345-03'));
  const dir = env.HOME!;

  it('a --db file that is not a ledger stops it with exit 13, a real ledger serves', async () => {
    const notDb = join(dir, 'not-a-ledger.db');
    writeFileSync(notDb, 'this is not SQLite '.repeat(100));
    // stdin is closed at once: a server that starts serving stops again with exit 0.
    const bad = await run(['mcp', '--db', notDb], env);
    assert.equal(bad.code, EXIT.file, bad.stderr);
    assert.match(bad.stderr, /not-a-ledger\.db is not a SQLite ledger/);
    assert.match(bad.stderr, /^next: /m);
    assert.doesNotMatch(bad.stderr, /serving/, 'it never served');
    assert.equal(bad.stdout, '', 'nothing on the protocol stream');

    const scenario = join(dir, 'demo.json');
    writeFileSync(scenario, JSON.stringify(DEMO_SCENARIO));
    const db = join(dir, 'ledger.db');
    assert.equal((await run(['ledger', 'import', scenario, '--db', db], env)).code, 0);
    const good = await run(['mcp', '--db', db], env);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stderr, /serving over stdio/);
  });
});
