// `kisfo master import` end to end (the real binary, a real SQLite ledger), and the margin tree's
// one-side lines.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeCp949 } from '@kisfo/risk';
import { openLedger } from '@kisfo/server';
import { marginTree } from '../src/output/margin-view.js';
import { styleFor } from '../src/output/style.js';
import { isolatedEnv, run } from './cli-helpers.js';

const fixtures = new URL('../../risk/test/fixtures/masters/', import.meta.url);

test('kisfo master import: loads a CP949 master into the ledger; bad files exit 13 or 2', async () => {
  const env = isolatedEnv();
  const dir = mkdtempSync(join(tmpdir(), 'kisfo-master-'));
  const db = join(dir, 'ledger.db');
  const ok = await run(
    ['master', 'import', new URL('fo_stk_code_mts.mst', fixtures).pathname, '--db', db],
    env,
  );
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(
    ok.stdout,
    /imported 4 rows of fo_stk_code_mts\.mst .*; 4 domestic products resolve/,
  );
  const store = openLedger({ path: db, readonly: true });
  assert.deepEqual(
    store.masterRows!().map((r) => (r.file === 'ffcode.mst' ? r.code : r.name)),
    [
      'SK하이닉스 F 202603',
      'SK하이닉스 C 202603 200,000',
      'SK하이닉스 P 202603 180,000',
      '카카오 F 202603',
    ],
  );
  store.close();

  const bad = join(dir, 'fo_idx_code_mts.mst');
  writeFileSync(
    bad,
    encodeCp949('1|101603|KR4101630009|F 202603|||1|KOSPI200|코스피200\n1|잘못된 줄\n'),
  );
  const rej = await run(['master', 'import', bad, '--db', db], env);
  assert.equal(rej.code, 13, rej.stderr);
  assert.match(rej.stderr, /fo_idx_code_mts\.mst line 2: expected 9 \|-separated columns, got 2/);
  const misnamed = join(dir, 'codes.txt');
  copyFileSync(new URL('fo_stk_code_mts.mst', fixtures), misnamed);
  const usage = await run(['master', 'import', misnamed, '--db', db], env);
  assert.equal(usage.code, 2, usage.stderr);
  assert.match(usage.stderr, /not a KIS master file/);
  // Nothing from the refused files was written.
  const after = openLedger({ path: db, readonly: true });
  assert.equal(after.masterRows!().length, 4);
  after.close();
});

test('kisfo master import: a name too long for prdt_name exits 13 naming the line; nothing written', async () => {
  const env = isolatedEnv();
  const dir = mkdtempSync(join(tmpdir(), 'kisfo-master-'));
  const db = join(dir, 'ledger.db');
  const file = join(dir, 'fo_stk_code_mts.mst');
  // 31 Hangul syllables: 62 bytes of CP949 against the field's 60.
  writeFileSync(
    file,
    encodeCp949(`1|1A1603|KR41A1630007|${'가'.repeat(31)}|||1|000660|SK하이닉스\n`),
  );
  const rej = await run(['master', 'import', file, '--db', db], env);
  assert.equal(rej.code, 13, rej.stderr);
  assert.match(
    rej.stderr,
    /fo_stk_code_mts\.mst line 1 \(1A1603\): 한글종목명 is 62 bytes in CP949/,
  );
  const store = openLedger({ path: db, readonly: true });
  assert.equal(store.masterRows!().length, 0);
  store.close();
});

test('the margin tree shows the one-side figure beside the netted one only when given', () => {
  const output = { fm_brkg_mgn_amt: '100', fm_mntn_mgn_amt: '90' };
  const plain = marginTree(output, false, styleFor({ isTTY: false }, {}));
  assert.doesNotMatch(plain, /One-side/);
  const withPolicy = marginTree(output, false, styleFor({ isTTY: false }, {}), {
    nettedInitial: '242',
    nettedMaintenance: '220',
    oneSideInitial: '18150',
    oneSideMaintenance: '16500',
    appliedTo: ['CME:ES'],
  });
  assert.match(withPolicy, /One-side liquidation \(policy on\) → CME:ES/);
  assert.match(withPolicy, /Netted maintenance \(standard\)\s+220/);
  assert.match(withPolicy, /One-side maintenance\s+16,500/);
});
