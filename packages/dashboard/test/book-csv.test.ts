import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { domesticWhatIf, SAMPLE_KRX_MARGIN_PARAMETERS } from '@kisfo/risk';
import fc from 'fast-check';
import { tradeDomestic, tradeOverseas } from '../src/app/book.js';
import {
  CsvError,
  domesticBookRows,
  overseasBookRows,
  parseCsvRows,
  parseDomesticCsv,
  parseOverseasCsv,
  toCsv,
  whatIfCsv,
} from '../src/app/csv.js';
import { payoffCurves } from '../src/app/payoff.js';

const MARKET = {
  asOf: '2025-03-20',
  quotes: [
    { pdno: '101W06', price: '345.85', priorSettlement: '344.10', vol: 0.18 },
    { pdno: '201W06350', price: '9.65', priorSettlement: '9.20', vol: 0.18 },
    { pdno: '301W06335', price: '6.62', priorSettlement: '7.10', vol: 0.2 },
  ],
  underlyings: [{ group: 'KOSPI200', level: '345.20', vol: 0.18 }],
};

describe('CSV', () => {
  it('round-trips cells with commas, quotes and newlines', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          fc.pre(rows.every((r) => !(r.length === 1 && r[0] === '')));
          assert.deepEqual(parseCsvRows(toCsv(rows)), rows);
        },
      ),
    );
  });

  it('domestic books: upload format in and out, Korean sides accepted, bad lines named', () => {
    const book = parseDomesticCsv(
      '\uFEFFpdno,side,qty,avgPrice\r\n101W06,매수,3,345.85\r\n201W06350,short,5,9.80\r\n',
    );
    assert.deepEqual(book, [
      { pdno: '101W06', side: 'long', qty: 3, avgPrice: '345.85' },
      { pdno: '201W06350', side: 'short', qty: 5, avgPrice: '9.80' },
    ]);
    assert.deepEqual(parseDomesticCsv(toCsv(domesticBookRows(book))), book);
    assert.throws(() => parseDomesticCsv('pdno,side,qty\n'), /missing column "avgPrice"/);
    assert.throws(
      () => parseDomesticCsv('pdno,side,qty,avgPrice\n101W06,long,0,1\n'),
      (e: unknown) => e instanceof CsvError && e.line === 2,
    );
    assert.throws(() => parseDomesticCsv('pdno,side,qty,avgPrice\n101W06,up,1,1\n'), /side "up"/);
  });

  it('overseas books: codes with options, signed quantities', () => {
    const book = parseOverseasCsv(
      'instrument,quantity\nCME:ES:202506:C:5400,-1\nCME:ES:202506,+2\n',
    );
    assert.deepEqual(book, [
      {
        exchange: 'CME',
        classCode: 'ES',
        contractMonth: '202506',
        kind: 'call',
        strike: '5400',
        quantity: '-1',
      },
      { exchange: 'CME', classCode: 'ES', contractMonth: '202506', quantity: '2' },
    ]);
    assert.deepEqual(parseOverseasCsv(toCsv(overseasBookRows(book))), book);
    assert.throws(() => parseOverseasCsv('instrument,quantity\nCME:ES:202506,0\n'), /line 2/);
  });

  it('the export carries the exact figures', () => {
    const input = {
      account: {
        dnca_cash: '100000000',
        frcr_dncl_amt: '0',
        dnca_sbst: '0',
        positions: [],
        fills: [],
        orders: [],
      },
      market: MARKET,
      mgnaDvsn: '01' as const,
      exccStatCd: '1' as const,
    };
    const book = tradeDomestic([], { pdno: '101W06', side: 'long', qty: 1 }, '345.85');
    const w = domesticWhatIf(input, book);
    const rows = parseCsvRows(whatIfCsv(w, domesticBookRows(book)));
    assert.deepEqual(rows[1], [
      'initial',
      '0',
      w.after.initial.toString(),
      w.change.initial.toString(),
    ]);
    assert.deepEqual(rows[6], ['pdno', 'side', 'qty', 'avgPrice', 'priorSettlement']);
  });
});

describe('book edits', () => {
  it('domestic: same side averages, the other side closes first, then opens the rest', () => {
    let b = tradeDomestic([], { pdno: '101W06', side: 'long', qty: 2 }, '340.00');
    b = tradeDomestic(b, { pdno: '101W06', side: 'long', qty: 2 }, '350.00');
    assert.deepEqual(b, [
      { pdno: '101W06', side: 'long', qty: 4, avgPrice: '345.00000000', priorSettlement: '340.00' },
    ]);
    b = tradeDomestic(b, { pdno: '101W06', side: 'short', qty: 1 }, '346.00');
    assert.equal(b[0]!.qty, 3);
    b = tradeDomestic(b, { pdno: '101W06', side: 'short', qty: 5 }, '347.00');
    assert.deepEqual(b, [
      { pdno: '101W06', side: 'short', qty: 2, avgPrice: '347.00', priorSettlement: '347.00' },
    ]);
    assert.deepEqual(tradeDomestic(b, { pdno: '101W06', side: 'long', qty: 2 }, '1'), []);
  });

  it('overseas: nets by series; zero leaves the book', () => {
    const es = { exchange: 'CME', classCode: 'ES', contractMonth: '202506' };
    let b = tradeOverseas([], { ...es, quantity: '2' });
    b = tradeOverseas(b, { ...es, quantity: '-3' });
    assert.deepEqual(b, [{ ...es, quantity: '-1' }]);
    assert.deepEqual(tradeOverseas(b, { ...es, quantity: 1 }), []);
  });
});

describe('payoff', () => {
  const input = {
    account: {
      dnca_cash: '0',
      frcr_dncl_amt: '0',
      dnca_sbst: '0',
      positions: [],
      fills: [],
      orders: [],
    },
    market: MARKET,
    marginParameters: SAMPLE_KRX_MARGIN_PARAMETERS,
    mgnaDvsn: '01' as const,
    exccStatCd: '1' as const,
  };
  it('a long future: linear, zero at the current level, the same today and at expiry', () => {
    const [c] = payoffCurves(input, [{ pdno: '101W06', qty: 2 }], 0.1, 21);
    assert.ok(c);
    assert.equal(c.today[10], 0);
    c.levels.forEach((s, i) => {
      assert.ok(Math.abs(c.today[i]! - 2 * 250000 * 345.85 * (s / 345.2 - 1)) < 1e-6);
      assert.equal(c.atExpiry[i], c.today[i]);
    });
  });
  it('a short put: at expiry the premium above the strike, the intrinsic loss below', () => {
    const [c] = payoffCurves(input, [{ pdno: '301W06335', qty: -1 }], 0.1, 21);
    assert.ok(c);
    const m = 250000;
    c.levels.forEach((s, i) => {
      const want = -m * (Math.max(0, 335 - s) - 6.62);
      assert.ok(Math.abs(c.atExpiry[i]! - want) < 1e-6);
    });
    assert.equal(c.today[10], 0);
    // A short put gains as the underlying rises, today as at expiry.
    for (let i = 1; i < c.today.length; i++) assert.ok(c.today[i]! >= c.today[i - 1]!);
  });
});
