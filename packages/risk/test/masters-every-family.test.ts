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

interface Held {
  pdno: string;
  side: 'long' | 'short';
  qty: number;
  prior: string;
  today: string;
  /** Hand computation: qty × prior × mult, qty × today × mult, and the P&L by side. */
  pchs: number;
  evlu: number;
  pfls: number;
  name: string;
}

// Multipliers from the rule table's sources: KOSPI200 (and weekly, night-linked) 250,000/pt;
// mini 50,000/pt; KOSDAQ150 futures and options 10,000/pt; sector and theme index 10,000/pt;
// stock 10 shares; KTB 1,000,000 per 1.00 of a price quoted per 100 face (face 100 M KRW);
// USD and EUR 10,000 units, KRW per unit; JPY ¥1,000,000 quoted in KRW per ¥100, so 10,000 per
// 1.00 of quote; CNH 100,000 yuan, KRW per yuan; gold 100 g, KRW per g; lean hog 1,000 kg, KRW per kg.
const HELD: Held[] = [
  // KOSPI200 future, long 3: 3 × 350.00 × 250,000 = 262,500,000; 3 × 352.50 × 250,000 = 264,375,000
  {
    pdno: '101603',
    side: 'long',
    qty: 3,
    prior: '350.00',
    today: '352.50',
    pchs: 262_500_000,
    evlu: 264_375_000,
    pfls: 1_875_000,
    name: 'F 202603',
  },
  // Mini KOSPI200 future, long 2: 2 × 350.00 × 50,000; 2 × 351.02 × 50,000
  {
    pdno: '105603',
    side: 'long',
    qty: 2,
    prior: '350.00',
    today: '351.02',
    pchs: 35_000_000,
    evlu: 35_102_000,
    pfls: 102_000,
    name: '미니F 202603',
  },
  // KOSPI200 call 350, long 2: 2 × 5.00 × 250,000; 2 × 6.10 × 250,000
  {
    pdno: '201603350',
    side: 'long',
    qty: 2,
    prior: '5.00',
    today: '6.10',
    pchs: 2_500_000,
    evlu: 3_050_000,
    pfls: 550_000,
    name: 'C 202603 350.0',
  },
  // Thursday weekly call 350 (4th Thursday of March 2026), long 4: 4 × 3.20 × 250,000; 4 × 2.95 × 250,000
  {
    pdno: '209603W4350',
    side: 'long',
    qty: 4,
    prior: '3.20',
    today: '2.95',
    pchs: 3_200_000,
    evlu: 2_950_000,
    pfls: -250_000,
    name: '코스피위클리 C 2603W4 350.0',
  },
  // Monday weekly put 345 (2nd Monday of March 2026), short 2: 2 × 1.50 × 250,000; 2 × 1.25 × 250,000; short P&L = pchs − evlu
  {
    pdno: '3AF603W2345',
    side: 'short',
    qty: 2,
    prior: '1.50',
    today: '1.25',
    pchs: 750_000,
    evlu: 625_000,
    pfls: 125_000,
    name: '코스피위클리M P 2603W2 345.0',
  },
  // KOSDAQ150 future, short 1: 1 × 900.0 × 10,000; 1 × 910.0 × 10,000
  {
    pdno: '106603',
    side: 'short',
    qty: 1,
    prior: '900.0',
    today: '910.0',
    pchs: 9_000_000,
    evlu: 9_100_000,
    pfls: -100_000,
    name: '코스닥150 F 202603',
  },
  // KOSDAQ150 call 900, long 3: 3 × 42.3 × 10,000; 3 × 45.1 × 10,000
  {
    pdno: '206603900',
    side: 'long',
    qty: 3,
    prior: '42.3',
    today: '45.1',
    pchs: 1_269_000,
    evlu: 1_353_000,
    pfls: 84_000,
    name: '코스닥150 C 202603 900',
  },
  // KOSPI200 health-care sector future, short 1: 1 × 2,500.0 × 10,000; 1 × 2,510.2 × 10,000
  {
    pdno: '147603',
    side: 'short',
    qty: 1,
    prior: '2500.0',
    today: '2510.2',
    pchs: 25_000_000,
    evlu: 25_102_000,
    pfls: -102_000,
    name: '코스피200 헬스케어 F 202603',
  },
  // KRX BBIG K-New Deal theme future, long 2: 2 × 3,000.0 × 10,000; 2 × 2,990.0 × 10,000
  {
    pdno: '1E2603',
    side: 'long',
    qty: 2,
    prior: '3000.0',
    today: '2990.0',
    pchs: 60_000_000,
    evlu: 59_800_000,
    pfls: -200_000,
    name: 'KRX K-뉴딜 BBIG F 202603',
  },
  // SK hynix stock future, long 3: 3 × 190,000 × 10; 3 × 195,000 × 10
  {
    pdno: '1A1603',
    side: 'long',
    qty: 3,
    prior: '190000',
    today: '195000',
    pchs: 5_700_000,
    evlu: 5_850_000,
    pfls: 150_000,
    name: 'SK하이닉스 F 202603',
  },
  // SK hynix stock call 200,000, long 2: 2 × 5,000 × 10; 2 × 5,500 × 10
  {
    pdno: '2A1603200',
    side: 'long',
    qty: 2,
    prior: '5000',
    today: '5500',
    pchs: 100_000,
    evlu: 110_000,
    pfls: 10_000,
    name: 'SK하이닉스 C 202603 200,000',
  },
  // 3-year KTB, long 2: 2 × 105.10 × 1,000,000; 2 × 105.25 × 1,000,000
  {
    pdno: '165603',
    side: 'long',
    qty: 2,
    prior: '105.10',
    today: '105.25',
    pchs: 210_200_000,
    evlu: 210_500_000,
    pfls: 300_000,
    name: '3년국채 F 202603',
  },
  // 5-year KTB, short 3: 3 × 108.40 × 1,000,000; 3 × 108.21 × 1,000,000
  {
    pdno: '166603',
    side: 'short',
    qty: 3,
    prior: '108.40',
    today: '108.21',
    pchs: 325_200_000,
    evlu: 324_630_000,
    pfls: 570_000,
    name: '5년국채 F 202603',
  },
  // 10-year KTB, long 1: 1 × 115.00 × 1,000,000; 1 × 114.80 × 1,000,000
  {
    pdno: '167603',
    side: 'long',
    qty: 1,
    prior: '115.00',
    today: '114.80',
    pchs: 115_000_000,
    evlu: 114_800_000,
    pfls: -200_000,
    name: '10년국채 F 202603',
  },
  // USD, long 2: 2 × 1,380.0 × 10,000; 2 × 1,385.5 × 10,000
  {
    pdno: '175603',
    side: 'long',
    qty: 2,
    prior: '1380.0',
    today: '1385.5',
    pchs: 27_600_000,
    evlu: 27_710_000,
    pfls: 110_000,
    name: '미국달러 F 202603',
  },
  // JPY (KRW per ¥100), short 2: 2 × 905.30 × 10,000; 2 × 903.10 × 10,000
  {
    pdno: '176603',
    side: 'short',
    qty: 2,
    prior: '905.30',
    today: '903.10',
    pchs: 18_106_000,
    evlu: 18_062_000,
    pfls: 44_000,
    name: '엔 F 202603',
  },
  // EUR, long 1: 1 × 1,500.50 × 10,000; 1 × 1,512.30 × 10,000
  {
    pdno: '177603',
    side: 'long',
    qty: 1,
    prior: '1500.50',
    today: '1512.30',
    pchs: 15_005_000,
    evlu: 15_123_000,
    pfls: 118_000,
    name: '유로 F 202603',
  },
  // CNH, long 2: 2 × 190.25 × 100,000; 2 × 191.07 × 100,000
  {
    pdno: '178603',
    side: 'long',
    qty: 2,
    prior: '190.25',
    today: '191.07',
    pchs: 38_050_000,
    evlu: 38_214_000,
    pfls: 164_000,
    name: '위안 F 202603',
  },
  // Gold (KRW per g, 100 g), short 4: 4 × 95,000 × 100; 4 × 95,480 × 100
  {
    pdno: '185603',
    side: 'short',
    qty: 4,
    prior: '95000',
    today: '95480',
    pchs: 38_000_000,
    evlu: 38_192_000,
    pfls: -192_000,
    name: '금 F 202603',
  },
  // Lean hog (KRW per kg, 1,000 kg), long 2: 2 × 5,000 × 1,000; 2 × 5,100 × 1,000
  {
    pdno: '186603',
    side: 'long',
    qty: 2,
    prior: '5000',
    today: '5100',
    pchs: 10_000_000,
    evlu: 10_200_000,
    pfls: 200_000,
    name: '돈육 F 202603',
  },
  // CME-linked night KOSPI200 future, long 1: 1 × 350.00 × 250,000; 1 × 351.50 × 250,000
  {
    pdno: '1N1603',
    side: 'long',
    qty: 1,
    prior: '350.00',
    today: '351.50',
    pchs: 87_500_000,
    evlu: 87_875_000,
    pfls: 375_000,
    name: '야간 F 202603',
  },
  // EUREX-linked night KOSPI200 call 355, long 5: 5 × 3.00 × 250,000; 5 × 3.20 × 250,000
  {
    pdno: '2E1603355',
    side: 'long',
    qty: 5,
    prior: '3.00',
    today: '3.20',
    pchs: 3_750_000,
    evlu: 4_000_000,
    pfls: 250_000,
    name: '유렉스 C 202603 355.0',
  },
];
// Sums of the hand figures above.
const TOTAL = { pchs: 1_293_430_000, evlu: 1_296_723_000, pfls: 3_983_000 };

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
