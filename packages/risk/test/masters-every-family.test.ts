// One account holding one series of every KRX product family, resolved from the bundled KIS
// master fixtures plus the product-rule table, balanced by the engine. Every pchs_amt / evlu_amt /
// evlu_pfls_amt below is written out by hand from the rule values (qty × price × multiplier, in
// each product's quoting convention), not taken from the engine.
import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import {
  computeDomesticBalance,
  KIS_MASTER_FILES,
  type KisMasterRow,
  type KrxMarginParameters,
  KrxMaster,
  kisMasterFileOf,
  parseKisMaster,
  parseKrxCode,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '../src/index.js';

import { HELD, TOTAL } from './fixtures/every-family.js';

const dir = new URL('./fixtures/masters/', import.meta.url);

async function loadAll(): Promise<KisMasterRow[]> {
  const rows: KisMasterRow[] = [];
  for (const file of KIS_MASTER_FILES) {
    for await (const r of parseKisMaster(
      kisMasterFileOf(file),
      createReadStream(new URL(file, dir)),
    ))
      rows.push(r);
  }
  return rows;
}

describe('every KRX product family from KIS masters', () => {
  it('balances one account holding one of each family, every amount as computed by hand', async () => {
    const master = new KrxMaster(await loadAll());
    const groups = [...new Set([...master.products.values()].map((p) => p.group))];
    const g0 = SAMPLE_KRX_MARGIN_PARAMETERS.groups[0]!;
    const marginParameters: KrxMarginParameters = {
      ...SAMPLE_KRX_MARGIN_PARAMETERS,
      groups: groups.map((group) => ({ ...g0, group })),
    };
    const bal = computeDomesticBalance({
      account: {
        dnca_cash: '100000000000',
        frcr_dncl_amt: '0',
        dnca_sbst: '0',
        positions: HELD.map((h) => ({ pdno: h.pdno, side: h.side, qty: h.qty, avgPrice: h.prior })),
        fills: [],
        orders: [],
      },
      market: {
        asOf: '2026-01-15',
        quotes: HELD.map((h) => ({ pdno: h.pdno, price: h.today, priorSettlement: h.prior })),
        underlyings: groups.map((group) => ({ group, level: '100', vol: 0.2 })),
        master,
      },
      marginParameters,
      mgnaDvsn: '01',
      exccStatCd: '1',
    });
    assert.equal(bal.output1.length, HELD.length, 'no position dropped');
    for (const h of HELD) {
      const row = bal.output1.find((r) => r.shtn_pdno === h.pdno);
      assert.ok(row, `${h.pdno} resolved`);
      assert.equal(row.prdt_name, h.name, `${h.pdno} prdt_name as the master prints it`);
      assert.equal(row.sll_buy_dvsn_name, h.side === 'long' ? '매수' : '매도');
      assert.ok(row.pchs_amt.eq(h.pchs), `${h.pdno} pchs_amt ${row.pchs_amt} vs ${h.pchs}`);
      assert.ok(row.evlu_amt.eq(h.evlu), `${h.pdno} evlu_amt ${row.evlu_amt} vs ${h.evlu}`);
      assert.ok(
        row.evlu_pfls_amt.eq(h.pfls),
        `${h.pdno} evlu_pfls_amt ${row.evlu_pfls_amt} vs ${h.pfls}`,
      );
    }
    const o2 = bal.output2;
    assert.ok(Decimal.from(o2.pchs_amt_smtl).eq(TOTAL.pchs), `pchs_amt_smtl ${o2.pchs_amt_smtl}`);
    assert.ok(Decimal.from(o2.evlu_amt_smtl).eq(TOTAL.evlu), `evlu_amt_smtl ${o2.evlu_amt_smtl}`);
    assert.ok(
      Decimal.from(o2.evlu_pfls_amt_smtl).eq(TOTAL.pfls),
      `evlu_pfls_amt_smtl ${o2.evlu_pfls_amt_smtl}`,
    );
  });

  it('weekly options resolve from the master by either code, with their week and expiry', async () => {
    const master = new KrxMaster(await loadAll());
    const thu = parseKrxCode('209603W4350', 2026, master);
    assert.equal(thu.standardCode, 'KR4209633509');
    assert.equal(thu.week, 4);
    assert.equal(thu.strike?.toString(), '350');
    assert.equal(thu.expiry, '2026-03-26'); // 4th Thursday of March 2026
    assert.equal(thu.productName, '코스피위클리 C 2603W4 350.0');
    const mon = parseKrxCode('KR43AF633458', 2026, master);
    assert.equal(mon.shortCode, '3AF603W2345');
    assert.equal(mon.spec.kind, 'put');
    assert.equal(mon.spec.expiryRule, 'weekly-monday');
    assert.equal(mon.expiry, '2026-03-09'); // 2nd Monday of March 2026
    assert.equal(mon.multiplier.toString(), '250000');
    // Without a master the kisfo short code scheme still addresses both weekly families.
    assert.equal(parseKrxCode('3AF603W2345', 2026).expiry, '2026-03-09');
    assert.throws(
      () => parseKrxCode('KR43AF633458', 2026),
      /weekly options are addressed by short code/,
    );
  });

  it('gold and lean hog expire on the third Wednesday, currencies on the third Monday', async () => {
    const master = new KrxMaster(await loadAll());
    assert.equal(parseKrxCode('185603', 2026, master).expiry, '2026-03-18');
    assert.equal(parseKrxCode('186603', 2026, master).expiry, '2026-03-18');
    assert.equal(parseKrxCode('176603', 2026, master).expiry, '2026-03-16');
    assert.equal(parseKrxCode('166603', 2026, master).expiry, '2026-03-17'); // KTB: third Tuesday
  });
});

describe('fo_eurex_code.mst after [0:59], as KIS slices it', () => {
  it('reads ATM [0:1], 행사가 [1:9], 기초자산 단축코드 [9:17], 기초자산 명 [17:] of the left-stripped rest', async () => {
    const { parseKisMasterText } = await import('../src/index.js');
    const head = `22E1603355KR42E1633555${'유렉스 C 202603 355.0'.padEnd(37)}`;
    // An 8-character underlying code with its name right after it: only [9:17] / [17:] split it.
    const [row] = parseKisMasterText(
      'fo_eurex_code.mst',
      `${head}   1355.00  B0163355코스피200옵션\n`,
    );
    assert.ok(row && row.file === 'fo_eurex_code.mst');
    assert.deepEqual(
      [row.atm, row.strike, row.underlyingCode, row.underlyingName],
      ['1', '355.00', 'B0163355', '코스피200옵션'],
    );
  });
});
