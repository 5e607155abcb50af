// A scenario whose `masters` are the six sample KIS master files and whose one domestic account
// holds a series of every KRX product family (weekly options by their master codes, KTB 3/5/10y,
// USD/JPY/EUR/CNH, gold, lean hog, night-linked …): the ledger's balance matches the hand figures
// written out in the shared fixture, row by row, with KIS's names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import {
  decodeCp949,
  KIS_MASTER_FILES,
  KrxMaster,
  kisMasterFileOf,
  parseKisMasterText,
} from '@kisfo/risk';
import { HELD, TOTAL } from '../../risk/test/fixtures/every-family.js';
import { createBackOffice, importScenario, openLedger, type Scenario } from '../src/index.js';

const fixtures = new URL('../../risk/test/fixtures/masters/', import.meta.url);
const lines = (file: string) =>
  decodeCp949(readFileSync(new URL(file, fixtures)))
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '');
const domestic = KIS_MASTER_FILES.filter((f) => f !== 'ffcode.mst');
// The margin groups the masters give these products (one per rule group or underlying).
const groups = [
  ...new Set(
    [
      ...new KrxMaster(
        domestic.flatMap((f) => parseKisMasterText(kisMasterFileOf(f), lines(f).join('\n'))),
      ).products.values(),
    ].map((p) => p.group),
  ),
];
const level = {
  priceRange: '0.1',
  spreadRate: '0',
  shortOptionMinimumRate: '0',
  deliveryRate: '0',
  groupMinimum: '0',
};

const scenario: Scenario = {
  version: 1,
  businessDate: '20260115',
  apps: [],
  accounts: [{ id: '80012345-03', kind: 'domestic', cash: { KRW: '100000000000' } }],
  prices: HELD.map((h) => ({ instrument: h.pdno, price: h.today, priorSettlement: h.prior })),
  underlyings: groups.map((group) => ({ group, level: '100', vol: '0.2' })),
  positions: HELD.map((h) => ({
    account: '80012345-03',
    instrument: h.pdno,
    side: h.side,
    qty: h.qty,
    avgPrice: h.prior,
  })),
  risk: {
    krxMargin: {
      pricePoints: 31,
      rate: 0.035,
      dividendYield: 0.015,
      cashRatio: '0.5',
      rounding: 'ceil',
      groups: groups.map((group) => ({
        group,
        initial: level,
        maintenance: level,
        volShift: 0.25,
        optionAdjustmentRate: 0.3,
        deliveryWindowDays: 0,
      })),
    },
  },
  masters: domestic.map((file) => ({ file, lines: lines(file) })),
};

test('every product family from a scenario’s masters: the ledger balance matches the hand figures', () => {
  const store = openLedger();
  const summary = importScenario(store, scenario);
  assert.equal(summary.positions, HELD.length);
  const bal = createBackOffice(store).domesticBalance(
    { cano: '80012345', acntPrdtCd: '03' },
    { mgnaDvsn: '01', exccStatCd: '1' },
  );
  assert.equal(bal.output1.length, HELD.length, 'no position dropped');
  for (const h of HELD) {
    const row = bal.output1.find((r) => r.shtn_pdno === h.pdno);
    assert.ok(row, `${h.pdno} in the balance`);
    assert.equal(row.prdt_name, h.name, `${h.pdno} prdt_name`);
    for (const [field, hand] of [
      ['pchs_amt', h.pchs],
      ['evlu_amt', h.evlu],
      ['evlu_pfls_amt', h.pfls],
    ] as const) {
      assert.ok(
        Decimal.from(row[field] as Decimal).eq(hand),
        `${h.pdno} ${field} ${row[field]} vs ${hand}`,
      );
    }
  }
  const o2 = bal.output2;
  assert.ok(Decimal.from(o2.pchs_amt_smtl as Decimal).eq(TOTAL.pchs));
  assert.ok(Decimal.from(o2.evlu_amt_smtl as Decimal).eq(TOTAL.evlu));
  assert.ok(Decimal.from(o2.evlu_pfls_amt_smtl as Decimal).eq(TOTAL.pfls));
  store.close();
});
