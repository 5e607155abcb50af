import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  DEMO_SCENARIO,
  exportScenario,
  generateScenario,
  importScenario,
  LedgerValidationError,
  loadScenarioFile,
  openLedger,
  validateScenario,
} from '../src/index.js';
import { ledgerTempDir } from './ledger-helpers.js';

const here = new URL('.', import.meta.url).pathname;
const scenarios = join(here, '..', 'scenarios');

test('validation collects every error with its path', () => {
  type Rows = Record<string, unknown>[];
  // A deliberately malformed clone: fields get values of the wrong type.
  const bad = structuredClone(DEMO_SCENARIO) as unknown as {
    fills: Rows;
    positions: Rows;
    accounts: { cash: Record<string, unknown> }[];
    prices: Rows;
    apps: Rows;
    businessDate: string;
  };
  bad.fills[3]!.price = 'abc';
  bad.fills[1]!.qty = 0;
  bad.positions[0]!.account = '11111111-01';
  bad.accounts[0]!.cash.KRW = '1,000';
  bad.prices[2]!.instrument = '999Z99';
  bad.apps[0]!.appsecret = 42;
  bad.businessDate = '20250231';
  const issues = validateScenario(bad);
  const paths = issues.map((i) => `${i.path}: ${i.message}`);
  for (const want of [
    'fills[3].price: not a decimal number',
    'fills[1].qty: must be a positive integer',
    'positions[0].account: unknown account "11111111-01"',
    'accounts[0].cash.KRW: not a decimal number',
    'apps[0].appsecret: expected a non-empty string',
    'businessDate: expected a date YYYYMMDD',
  ]) {
    assert.ok(paths.includes(want), `missing ${want} in\n${paths.join('\n')}`);
  }
  assert.ok(paths.some((p) => p.startsWith('prices[2].instrument: unknown KRX code')));
  assert.ok(!JSON.stringify(issues).includes(DEMO_REAL_APPSECRET.slice(0, 20)));
});

test('a scenario with errors changes nothing (all or nothing)', () => {
  const s = openLedger();
  importScenario(s, DEMO_SCENARIO);
  const before = exportScenario(s);
  const bad = structuredClone(DEMO_SCENARIO);
  bad.fills![0]!.price = 'x';
  assert.throws(
    () => importScenario(s, bad),
    (e) => e instanceof LedgerValidationError && e.issues.length === 1,
  );
  assert.deepEqual(exportScenario(s), before);
  s.close();
});

test('export round-trips: import(export(x)) exports the same document', () => {
  const s = openLedger();
  importScenario(s, DEMO_SCENARIO);
  const once = exportScenario(s);
  const t = openLedger();
  importScenario(t, JSON.parse(JSON.stringify(once)));
  assert.deepEqual(exportScenario(t), once);
  assert.ok(once.apps?.some((a) => a.appkey === DEMO_REAL_APPKEY));
  assert.equal(DEMO_REAL_APPKEY.length, 36);
  assert.equal(DEMO_REAL_APPSECRET.length, 180);
});

test('demo.json on disk is DEMO_SCENARIO; the YAML example loads', async () => {
  const disk = JSON.parse(readFileSync(join(scenarios, 'demo.json'), 'utf8'));
  assert.deepEqual(disk, JSON.parse(JSON.stringify(DEMO_SCENARIO)));
  const y = await loadScenarioFile(join(scenarios, 'example.yaml'));
  const s = openLedger();
  const summary = importScenario(s, y);
  assert.ok(summary.positions > 0);
});

test('loadScenarioFile reports syntax errors as validation errors', async () => {
  const { dir, cleanup } = ledgerTempDir();
  try {
    const f = join(dir, 'bad.yaml');
    writeFileSync(f, 'businessDate: [\n');
    await assert.rejects(loadScenarioFile(f), LedgerValidationError);
  } finally {
    cleanup();
  }
});

test('generateScenario is deterministic for a seed and valid', () => {
  const a = generateScenario({ positions: 500, accounts: 2, seed: 9 });
  const b = generateScenario({ positions: 500, accounts: 2, seed: 9 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, generateScenario({ positions: 500, accounts: 2, seed: 10 }));
  assert.equal(a.positions!.length, 500);
  assert.deepEqual(validateScenario(a), []);
});

test('SIGKILL during an import leaves the ledger as before and not corrupt', async () => {
  const { dir, cleanup } = ledgerTempDir();
  try {
    const path = join(dir, 'kill.db');
    const s = openLedger({ path });
    importScenario(s, DEMO_SCENARIO);
    const before = exportScenario(s);
    s.close();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(here, 'ledger-sigkill-child.ts'), path],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const outcome = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('started')) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => resolve(`${out.trim()}|${signal ?? code}`));
    });
    assert.equal(outcome, 'started|SIGKILL');
    const after = openLedger({ path });
    const check = (after as unknown as { db: { pragma(s: string, o: object): unknown } }).db.pragma(
      'integrity_check',
      { simple: true },
    );
    assert.equal(check, 'ok');
    assert.deepEqual(exportScenario(after), before);
    after.close();
  } finally {
    cleanup();
  }
});
