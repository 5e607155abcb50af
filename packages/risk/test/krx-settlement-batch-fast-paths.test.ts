import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import fc from 'fast-check';
import {
  buildKrxSettlementBatch,
  type KrxBatchAccountInput,
  type KrxMarketData,
  KrxMarketIndex,
  type KrxSettlementBatch,
  krxBatchAmounts,
  SAMPLE_KRX_SETTLEMENT_PARAMETERS,
  settleKrxBatch,
  settleKrxDay,
} from '../src/index.js';
import { buildBatch } from '../src/krx/settlement-batch-build.js';
import { type Fixed, scanPlainDecimal } from '../src/krx/settlement-batch-columns.js';
import { noAccountCanBeWide, wideAccounts } from '../src/krx/settlement-batch-wide.js';
import { accountArb, MARKET } from './krx-helpers.js';

// The batch builder's fast paths against the general ones they stand in for: the one-pass row
// reader against the general reader (every column, every error), the plain-decimal scanner
// against Decimal, columns grown past their first room, and the whole-batch bound that skips
// the wide-account pass against that pass.

const FINAL_MARKET: KrxMarketData = {
  ...MARKET,
  quotes: MARKET.quotes.map((q) => (q.pdno === '201S12350' ? { ...q, final: true } : q)),
  underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2, finalLevel: '351.27' }],
};

/** Another way of writing decimal `d` (`form` picks which); some are not plain, some are bad. */
function writeDecimal(d: string, form: number): unknown {
  switch (form) {
    case 1:
      return `+${d}`;
    case 2:
      return `00${d}`;
    case 3:
      return d.includes('.') ? `${d}000` : `${d}.`;
    case 4:
      return Number(d); // a number: the Decimal path
    case 5:
      return Decimal.parse(d);
    case 6:
      return `${d.includes('.') ? d : `${d}.`}0000000000000`; // > 15 digits, same value
    case 7:
      return `.${d.replace('.', '')}`; // a leading dot: the Decimal path
    case 8:
      return ` ${d}`; // refused
    case 9:
      return `${d}.1.2`; // refused
    default:
      return d;
  }
}

/** Rows of `accountArb` accounts rewritten: odd forms, a few bad values, own priors. */
const rowsArb = fc
  .array(
    fc.tuple(
      accountArb,
      fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 16, maxLength: 16 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((xs) =>
    xs.map(([acc, dice]): KrxBatchAccountInput => {
      let k = 0;
      // Mostly plain (form 0), now and then another form (above 9: plain again).
      const roll = () => {
        const v = dice[k++ % dice.length]!;
        return v > 9 ? 0 : v;
      };
      const bad = () => dice[k++ % dice.length] === 120;
      return {
        positions: acc.positions.map((p) => {
          const q = MARKET.quotes.find((x) => x.pdno === p.pdno)!;
          const own = dice[k++ % dice.length]! % 3;
          return {
            ...p,
            side: bad() ? ('flat' as 'long') : p.side,
            qty: bad() ? 0 : p.qty,
            avgPrice: writeDecimal(String(p.avgPrice), roll()) as string,
            priorSettlement:
              own === 0
                ? undefined
                : (writeDecimal(
                    own === 1 ? String(q.priorSettlement) : '309.125',
                    roll(),
                  ) as string),
          };
        }),
        fills: acc.fills.map((f) => ({
          ...f,
          pdno: bad() ? '999S12' : f.pdno,
          openClose: bad() ? ('maybe' as 'open') : f.openClose,
          qty: bad() ? 1.5 : f.qty,
          price: writeDecimal(f.price as string, roll()) as string,
        })),
      };
    }),
  );

/** Everything a batch holds, as plain values (typed arrays as arrays, instruments by key). */
function contents(b: KrxSettlementBatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) {
    if (k === 'seriesInstrument') continue; // the same objects from the index; keys compared
    out[k] = ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v;
  }
  return out;
}

/** The batch or the error message, built with or without the one-pass reader. */
function attempt(accounts: KrxBatchAccountInput[], market: KrxMarketIndex, onePass: boolean) {
  try {
    return { batch: buildBatch(accounts, market, SAMPLE_KRX_SETTLEMENT_PARAMETERS, onePass) };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

describe('settlement batch: one-pass reader', () => {
  it('writes exactly the columns of the general reader, and refuses alike', () => {
    let built = 0;
    let refused = 0;
    fc.assert(
      fc.property(rowsArb, fc.boolean(), (accounts, expiry) => {
        const market = new KrxMarketIndex(expiry ? FINAL_MARKET : MARKET);
        const general = attempt(
          accounts,
          new KrxMarketIndex(expiry ? FINAL_MARKET : MARKET),
          false,
        );
        const onePass = attempt(accounts, market, true);
        if (general.error !== undefined) {
          refused++;
          assert.equal(onePass.error, general.error);
          return;
        }
        built++;
        assert.ok(onePass.batch, onePass.error);
        assert.deepEqual(contents(onePass.batch), contents(general.batch!));
      }),
      { numRuns: 400 },
    );
    // Both outcomes were exercised, not only one.
    assert.ok(built > 50 && refused > 50, `built ${built}, refused ${refused}`);
  });

  it('reads plain decimal strings exactly as Decimal.parse(text).normalize()', () => {
    const out: Fixed = { c: 0, s: 0 };
    const text = fc
      .array(fc.constantFrom(...'0123456789.+-'.split(''), '0', '0', '5'), { maxLength: 18 })
      .map((cs) => cs.join(''));
    let plain = 0;
    fc.assert(
      fc.property(text, (t) => {
        if (!scanPlainDecimal(t, out)) return;
        plain++;
        assert.ok(Decimal.isDecimalString(t), t);
        const d = Decimal.parse(t).normalize();
        assert.equal(BigInt(out.c), d.coefficient, t);
        assert.equal(out.s, d.scale, t);
      }),
      { numRuns: 5000 },
    );
    assert.ok(plain > 500, `${plain} plain strings`);
    // Digits past 15 are not read here (the Decimal path takes them), trailing zeros included.
    assert.equal(scanPlainDecimal('123456789012345', out), true);
    assert.equal(scanPlainDecimal('1234567890123456', out), false);
    assert.equal(scanPlainDecimal('1.00000000000000', out), true);
    assert.equal(scanPlainDecimal('1.000000000000000', out), false);
    for (const t of ['', '+', '-', '.', '.5', '+.5', '5..', '1.2.3', ' 1', '1 ', '1e3'])
      assert.equal(scanPlainDecimal(t, out), false, JSON.stringify(t));
  });

  it('grows its columns past their first room and hands out views of the rows in use', () => {
    // 3 accounts start with room for 16 rows of each kind; these have 18 positions, 120 fills
    // and 18 legs.
    const fills = (n: number, pdno: string) =>
      Array.from({ length: n }, (_, i) => ({
        fillId: `${pdno}-${i}`,
        pdno,
        side: 'buy' as const,
        openClose: 'open' as const,
        qty: 1 + (i % 3),
        price: (300 + i / 100).toFixed(2),
      }));
    const accounts: KrxBatchAccountInput[] = [0, 1, 2].map((a) => ({
      positions: [
        { pdno: '101S12', side: 'long', qty: 2 + a, avgPrice: '300', priorSettlement: '308.5' },
        ...['105S12', '101T03', '201S12350', '301S12340', '205S12352'].map((pdno) => ({
          pdno,
          side: 'short' as const,
          qty: 1,
          avgPrice: '1',
        })),
      ],
      fills: [
        ...fills(30, '101S12'),
        ...fills(10, '101T03').map((f) => ({ ...f, side: 'sell' as const, price: '1' })),
      ],
    }));
    const market = new KrxMarketIndex(MARKET);
    const batch = buildKrxSettlementBatch(accounts, market);
    const n = accounts.length;
    assert.equal(batch.positionSeries.length, batch.positionStart[n]);
    assert.equal(batch.positionPrior.length, 18);
    assert.equal(batch.fillPrice.length, batch.fillStart[n]);
    assert.equal(batch.fillLeg.length, 120);
    assert.equal(batch.legSeries.length, batch.legStart[n]);
    assert.equal(batch.legOpenQty.length, 18);
    assert.deepEqual(
      contents(batch),
      contents(buildBatch(accounts, market, SAMPLE_KRX_SETTLEMENT_PARAMETERS, false)),
    );
    const day = settleKrxBatch(batch);
    accounts.forEach((acc, a) => {
      const one = settleKrxDay({ ...acc, market });
      const got = krxBatchAmounts(day, a);
      assert.equal(got.net_cash, one.net_cash.coefficient);
      assert.equal(got.fee, one.fee.coefficient);
      assert.equal(got.thdt_dfpa, one.thdt_dfpa.coefficient);
      assert.equal(got.rnwl_dfpa, one.rnwl_dfpa.coefficient);
    });
  });
});

/** The bound's inputs, from the batch itself: largest Σ|qty| of an account and largest |price|. */
function boundInputs(b: KrxSettlementBatch): [number, number] {
  let most = 0;
  for (let a = 0; a < b.accountCount; a++) {
    let q = 0;
    for (let p = b.positionStart[a]!; p < b.positionStart[a + 1]!; p++)
      q += Math.abs(b.positionQty[p]!);
    for (let f = b.fillStart[a]!; f < b.fillStart[a + 1]!; f++) q += Math.abs(b.fillQty[f]!);
    most = Math.max(most, q);
  }
  let price = 0;
  for (const v of b.positionPrior) price = Math.max(price, Math.abs(v));
  for (const v of b.fillPrice) price = Math.max(price, Math.abs(v));
  return [most, price];
}

describe('settlement batch: wide-account bound', () => {
  // Quantities from 1 to 2^46 and prices with sub-tick digits (scale 6): around the bound.
  // One magnitude per batch (quantities up to 2^k, k up to 46), prices with or without sub-tick
  // digits (common scale 6 or 2): batches on both sides of the bound and across it.
  const bigAccountsArb = fc
    .tuple(
      fc.integer({ min: 0, max: 46 }),
      fc.boolean(),
      fc.array(
        fc.record({
          pdno: fc.constantFrom('101S12', '105S12', '201S12350', '301S12340'),
          qty: fc.double({ min: 0, max: 1, noNaN: true }),
          fillQty: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
    )
    .map(([k, subTick, rows]) => {
      const qty = (x: number) => Math.max(1, Math.floor(x * 2 ** k));
      return rows.map(
        (r, i): KrxBatchAccountInput => ({
          positions: [{ pdno: r.pdno, side: 'long', qty: qty(r.qty), avgPrice: '300' }],
          fills: [
            {
              fillId: `${i}`,
              pdno: r.pdno,
              side: 'buy',
              openClose: 'open',
              qty: qty(r.fillQty),
              price: subTick ? '12.345678' : '12.35',
            },
          ],
        }),
      );
    });

  it('flags exactly the accounts the per-account pass flags', () => {
    const market = new KrxMarketIndex(MARKET);
    let skipped = 0;
    let flagged = 0;
    fc.assert(
      fc.property(bigAccountsArb, (accounts) => {
        const batch = buildKrxSettlementBatch(accounts, market);
        const exact = wideAccounts(batch);
        assert.deepEqual([...batch.exactPath], [...exact]);
        if (noAccountCanBeWide(batch, ...boundInputs(batch))) {
          skipped++;
          assert.ok(!exact.includes(1), 'the bound skipped a batch with a wide account');
        }
        if (exact.includes(1)) flagged++;
      }),
      // Enough runs that both kinds come up well over 20 times whatever the seed: wide accounts
      // come up in about 8 % of runs (about 100 here; at 400 runs a seed gave only 20).
      { numRuns: 1200 },
    );
    assert.ok(skipped > 20 && flagged > 20, `skipped ${skipped}, flagged ${flagged}`);
  });

  it('skips the pass for ordinary batches', () => {
    const market = new KrxMarketIndex(MARKET);
    fc.assert(
      fc.property(fc.array(accountArb, { minLength: 1, maxLength: 20 }), (accounts) => {
        const batch = buildKrxSettlementBatch(accounts, market);
        assert.equal(noAccountCanBeWide(batch, ...boundInputs(batch)), true);
        assert.ok(!batch.exactPath.includes(1));
      }),
      { numRuns: 100 },
    );
  });
});
