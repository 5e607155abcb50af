// `kisfo ledger check` end to end (the real binary, a real SQLite ledger): every account of the
// demo answers (exit 0); after data written to the store past the admin API's checks, the accounts
// that would answer EGW00002 are listed with why (exit 12, with a next step), the same as
// `checkLedger` finds, as JSON too; the file is only read.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkLedger, DEMO_SCENARIO, importScenario, openLedger } from '@kisfo/server';
import { isolatedEnv, run } from './cli-helpers.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('kisfo ledger check: exit 0 when every account answers, 12 naming each one that would not', async () => {
  const db = join(mkdtempSync(join(tmpdir(), 'kisfo-check-')), 'ledger.db');
  const store = openLedger({ path: db });
  importScenario(store, DEMO_SCENARIO);
  const bd = store.businessDate()!;
  const accounts = store.listAccounts().length;
  store.close();
  const env = isolatedEnv();

  const ok = await run(['ledger', 'check', '--db', db], env);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, `${db}: business date ${bd}; ${accounts} accounts, every one answers\n`);

  // A price far off for a held series, past the admin API (written to the store directly).
  const w = openLedger({ path: db });
  w.putPrice({
    date: bd,
    instrument: '101W06',
    price: '100000000000000',
    priorSettlement: '344.08',
  });
  const expected = checkLedger(w);
  w.close();
  assert.ok(expected.unanswerable.length > 0);
  const before = sha(db);

  const bad = await run(['ledger', 'check', '--db', db], env);
  assert.equal(bad.code, 12, bad.stderr);
  const lines = bad.stdout.trimEnd().split('\n');
  assert.equal(
    lines[0],
    `${db}: business date ${bd}; ${accounts} accounts, ${expected.unanswerable.length} would not answer`,
  );
  assert.deepEqual(
    lines.slice(1),
    expected.unanswerable.map((u) => `  ${u.account} (${u.kind}): ${u.problem}`),
  );
  assert.match(bad.stderr, /^next: correct the data named above/m);

  const json = await run(['ledger', 'check', '--db', db, '--json'], env);
  assert.equal(json.code, 12);
  assert.deepEqual(JSON.parse(json.stdout), expected);
  assert.equal(sha(db), before, 'the ledger file is only read');

  const missing = await run(['ledger', 'check', '--db', join(tmpdir(), 'kisfo-no-such.db')], env);
  assert.equal(missing.code, 13);
  assert.match(missing.stderr, /no ledger at/);
});
