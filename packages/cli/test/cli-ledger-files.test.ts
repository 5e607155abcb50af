// Ledger files that are missing or not ledgers, through the real binary: every ledger command says
// which file and exits 13 (`file`), never 1 ("a bug") or 10 (an unreachable host), and changes
// nothing; `ledger advance` never prints a PostgreSQL password and tells a bad --to as the flag's.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_SCENARIO } from '@kisfo/server';
import { EXIT } from '../src/exit-codes.js';
import { isolatedEnv, type RunResult, run } from './cli-helpers.js';

function assertReport(r: RunResult, code: number, message: RegExp): void {
  assert.equal(r.code, code, r.stderr);
  assert.match(r.stderr, message);
  assert.match(r.stderr, /^next: \S/m, 'one next step');
  assert.doesNotMatch(r.stderr, /bug in kisfo|\n\s+at /, 'no "bug" report, no stack');
}

describe('kisfo ledger commands on files that are not ledgers', () => {
  const env = isolatedEnv();
  const dir = env.HOME!;
  const notDb = join(dir, 'not-a-ledger.db');
  const garbage = 'this is not SQLite '.repeat(100);
  writeFileSync(notDb, garbage);
  const scenario = join(dir, 'demo.json');
  writeFileSync(scenario, JSON.stringify(DEMO_SCENARIO));

  it('advance, copy and import name the file, exit 13, and leave it as it was', async () => {
    const notLedger = /not-a-ledger\.db is not a SQLite ledger/;
    assertReport(await run(['ledger', 'advance', '--db', notDb], env), EXIT.file, notLedger);
    const copyTo = join(dir, 'copy.db');
    assertReport(
      await run(['ledger', 'copy', '--from', notDb, '--to', copyTo], env),
      EXIT.file,
      notLedger,
    );
    assertReport(
      await run(['ledger', 'import', scenario, '--db', notDb], env),
      EXIT.file,
      notLedger,
    );
    const good = join(dir, 'good.db');
    assert.equal((await run(['ledger', 'import', scenario, '--db', good], env)).code, 0);
    assertReport(
      await run(['ledger', 'copy', '--from', good, '--to', notDb], env),
      EXIT.file,
      notLedger,
    );
    assert.equal(readFileSync(notDb, 'utf8'), garbage, 'the file is unchanged');
    const missing = join(dir, 'no-such.db');
    assertReport(
      await run(['ledger', 'copy', '--from', missing, '--to', copyTo], env),
      EXIT.file,
      /no ledger at .*no-such\.db/,
    );
    const listing = await run(['ledger', 'export', '--db', copyTo], env);
    assert.equal(listing.code, EXIT.file, 'no copy was created by the failed runs');
  });

  it('advance on a PostgreSQL URL says it moves SQLite files, with the password masked', async () => {
    const password = 'pw-never-shown-1234';
    const r = await run(
      ['ledger', 'advance', '--db', `postgres://kisfo:${password}@127.0.0.1:9/kisfo`],
      env,
    );
    assertReport(r, EXIT.usage, /SQLite ledger file; postgres:\/\/kisfo:\*+@127\.0\.0\.1:9\/kisfo/);
    assert.match(r.stderr, /business-day\/advance/, 'the admin API is the way for PostgreSQL');
    assert.ok(!(r.stdout + r.stderr).includes(password), 'the password is never printed');
  });

  it('advance --to a date not after the business date is a usage error naming --to', async () => {
    const db = join(dir, 'adv.db');
    assert.equal((await run(['ledger', 'import', scenario, '--db', db], env)).code, 0);
    const r = await run(['ledger', 'advance', '--db', db, '--to', '20250319'], env);
    assertReport(r, EXIT.usage, /--to 20250319: expected a date YYYYMMDD after 20250320/);
    assert.doesNotMatch(r.stderr, /scenario/, 'an advance is not a scenario');
    const next = await run(['ledger', 'advance', '--db', db], env);
    assert.match(next.stdout, /20250320 → 20250321/, 'the refused run changed nothing');
  });

  it('advance past the KRX calendar lists the problem as the advance, with --to as the way on', async () => {
    const late = join(dir, 'late.json');
    writeFileSync(late, JSON.stringify({ version: 1, businessDate: '20991230', accounts: [] }));
    const db = join(dir, 'late.db');
    assert.equal((await run(['ledger', 'import', late, '--db', db], env)).code, 0);
    const r = await run(['ledger', 'advance', '--db', db], env);
    assertReport(
      r,
      EXIT.file,
      /^error: the ledger cannot advance: 1 problem; nothing was written$/m,
    );
    assert.match(r.stderr, /^ {2}nextDate: 20991230 is outside the KRX holiday calendar/m);
    assert.match(r.stderr, /^next: .*--to YYYYMMDD/m);
    assert.doesNotMatch(r.stderr, /scenario/);
    const to = await run(['ledger', 'advance', '--db', db, '--to', '21000104'], env);
    assert.match(to.stdout, /20991230 → 21000104/);
  });
});
