import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal, type RoundingMode } from '@kisfo/protocol';
import fc from 'fast-check';
import {
  buildKrxSettlementBatch,
  type KrxBatchAccountInput,
  KrxInputError,
  type KrxMarketData,
  KrxMarketIndex,
  type KrxSettlementParameters,
  krxBatchAmounts,
  krxInstrumentKey,
  SAMPLE_KRX_SETTLEMENT_PARAMETERS,
  settleKrxBatch,
  settleKrxDay,
} from '../src/index.js';
import { quotientRounder } from '../src/krx/settlement-batch-fixed.js';
import { accountArb, MARKET } from './krx-helpers.js';

const MODES: RoundingMode[] = ['down', 'up', 'floor', 'ceil', 'half-up', 'half-even'];

// Expiry day for part of the series: the 201 call finishes in the money, the 301 put out of it,
// 101S12 settles finally at its price.
const FINAL_MARKET: KrxMarketData = {
  ...MARKET,
  quotes: MARKET.quotes.map((q) =>
    ['101S12', '201S12350', '301S12340'].includes(q.pdno) ? { ...q, final: true } : q,
  ),
  underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2, finalLevel: '351.27' }],
};

/**
 * Some positions state their own prior settlement and some fills carry sub-tick digits (legal
 * input, and the only way KOSPI200 multipliers leave fractions of a won to round): the batch's
 * common scale becomes 3 or 6, and at 6 large fees take the bigint path.
 */
const bumpArb = fc.option(fc.integer({ min: -999, max: 999 }));
const batchArb = fc
  .tuple(
    fc.constantFrom(3, 6),
    fc.array(
      fc.tuple(
        accountArb,
        fc.array(bumpArb, { maxLength: 4 }),
        fc.array(bumpArb, { maxLength: 12 }),
      ),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map(([scale, xs]) =>
    xs.map(([acc, priors, prices]) => ({
      positions: acc.positions.map((p, i) => {
        const bump = priors[i];
        if (bump === undefined || bump === null) return p;
        const q = MARKET.quotes.find((x) => x.pdno === p.pdno)!;
        const prior = Decimal.parse(String(q.priorSettlement)).add(Decimal.of(BigInt(bump), scale));
        return { ...p, priorSettlement: prior.toString() };
      }),
      fills: acc.fills.map((f, i) => {
        const bump = prices[i];
        if (bump === undefined || bump === null) return f;
        const price = Decimal.parse(String(f.price)).add(Decimal.of(BigInt(bump), scale));
        return price.isNegative() ? f : { ...f, price: price.toString() };
      }),
    })),
  );

const paramsArb: fc.Arbitrary<KrxSettlementParameters> = fc.record({
  feeRates: fc.record({
    default: fc.constantFrom('0.00003', '0.0015', '0.000021', '0'),
    '201': fc.constantFrom('0.0015', '0.00123', '0.5'),
  }),
  feeRounding: fc.constantFrom(...MODES),
  amountRounding: fc.constantFrom(...MODES),
});

/** settleKrxDay's figures for one account, and its carried quantities by series (signed). */
function reference(acc: KrxBatchAccountInput, market: KrxMarketIndex, p: KrxSettlementParameters) {
  const d = settleKrxDay({ ...acc, market, parameters: p });
  const carried = new Map<string, number>();
  for (const c of d.carried) carried.set(c.pdno, c.side === 'long' ? c.qty : -c.qty);
  return {
    amounts: {
      thdt_dfpa: d.thdt_dfpa.coefficient,
      rnwl_dfpa: d.rnwl_dfpa.coefficient,
      opt_dfpa: d.opt_dfpa.coefficient,
      final_settlement: d.final_settlement.coefficient,
      fee: d.fee.coefficient,
      net_cash: d.net_cash.coefficient,
    },
    carried,
  };
}

function assertSameAsDay(
  accounts: KrxBatchAccountInput[],
  marketData: KrxMarketData,
  p: KrxSettlementParameters,
): void {
  const market = new KrxMarketIndex(marketData);
  const result = settleKrxBatch(buildKrxSettlementBatch(accounts, market, p));
  const { batch } = result;
  accounts.forEach((acc, a) => {
    const ref = reference(acc, market, p);
    assert.deepEqual(krxBatchAmounts(result, a), ref.amounts, `accounts[${a}]`);
    const carried = new Map<string, number>();
    for (let l = batch.legStart[a]!; l < batch.legStart[a + 1]!; l++) {
      const q = result.carriedQty[l]!;
      if (q !== 0) carried.set(batch.seriesKey[batch.legSeries[l]!]!, q);
    }
    assert.deepEqual(carried, ref.carried, `accounts[${a}] carried`);
  });
}

describe('settleKrxBatch', () => {
  it('gives exactly the figures of settleKrxDay, account by account', () => {
    fc.assert(
      fc.property(batchArb, paramsArb, fc.boolean(), (accounts, p, expiry) => {
        assertSameAsDay(accounts, expiry ? FINAL_MARKET : MARKET, p);
      }),
      { numRuns: 300 },
    );
  });

  it('is zero-sum between accounts whose fills are matched', () => {
    fc.assert(
      fc.property(fc.array(accountArb, { minLength: 1, maxLength: 6 }), (xs) => {
        const mirrored = xs.map((a) => ({
          positions: a.positions.map((p) => ({
            ...p,
            side: p.side === 'long' ? ('short' as const) : ('long' as const),
          })),
          fills: a.fills.map((f) => ({
            ...f,
            side: f.side === 'buy' ? ('sell' as const) : ('buy' as const),
          })),
        }));
        const r = settleKrxBatch(buildKrxSettlementBatch([...xs, ...mirrored], MARKET));
        for (let i = 0; i < xs.length; i++) {
          const j = i + xs.length;
          assert.equal(r.thdt_dfpa[i]! + r.thdt_dfpa[j]!, 0);
          assert.equal(r.rnwl_dfpa[i]! + r.rnwl_dfpa[j]!, 0);
          assert.equal(r.opt_dfpa[i]! + r.opt_dfpa[j]!, 0);
          assert.equal(r.net_cash[i]! + r.fee[i]! + r.net_cash[j]! + r.fee[j]!, 0);
          assert.ok(r.fee[i]! >= 0 && r.fee[j]! >= 0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reports final settlement and carried quantities per leg', () => {
    const accounts: KrxBatchAccountInput[] = [
      {
        positions: [
          { pdno: '201S12350', side: 'long', qty: 2, avgPrice: '1', priorSettlement: '0.55' },
          { pdno: '101T03', side: 'short', qty: 3, avgPrice: '310' },
        ],
        fills: [
          { fillId: '1', pdno: '101T03', side: 'buy', openClose: 'close', qty: 1, price: '308' },
        ],
      },
    ];
    const r = settleKrxBatch(buildKrxSettlementBatch(accounts, FINAL_MARKET));
    // Call 350 at a final level of 351.27: 2 × 1.27 × 250,000.
    assert.equal(r.final_settlement[0], 635_000);
    assert.deepEqual([...r.carriedQty], [0, -2]);
    assert.deepEqual([...r.finalQty], [2, 0]);
    assert.deepEqual(
      r.batch.seriesKey,
      ['201S12350', '101T03'].map((c) =>
        krxInstrumentKey(new KrxMarketIndex(MARKET).resolve(c, '')),
      ),
    );
    assertSameAsDay(accounts, FINAL_MARKET, SAMPLE_KRX_SETTLEMENT_PARAMETERS);
  });

  it('throws the same errors as settleKrxDay, naming account and field', () => {
    const pos = { pdno: '101S12', side: 'long' as const, qty: 1, avgPrice: '300' };
    const fill = {
      fillId: 'x',
      pdno: '101S12',
      side: 'buy' as const,
      openClose: 'open' as const,
      qty: 1,
      price: '307',
    };
    const bad: KrxBatchAccountInput[] = [
      { positions: [{ ...pos, pdno: '999S12' }], fills: [] },
      { positions: [{ ...pos, side: 'flat' as 'long' }], fills: [] },
      { positions: [{ ...pos, qty: 0 }], fills: [] },
      { positions: [{ ...pos, avgPrice: 'abc' }], fills: [] },
      { positions: [{ ...pos, pdno: '101V03' }], fills: [] },
      { positions: [pos, { ...pos, side: 'short' }], fills: [] },
      { positions: [], fills: [{ ...fill, openClose: 'maybe' as 'open' }] },
      { positions: [], fills: [{ ...fill, price: '-1' }] },
      { positions: [pos], fills: [{ ...fill, side: 'sell', openClose: 'close', qty: 2 }] },
      { positions: [pos], fills: [{ ...fill, side: 'sell' }] },
      { positions: [{ ...pos, priorSettlement: '1.2.3' }], fills: [] },
      // Forms the one-pass reader leaves to the Decimal path: they must fail the same way.
      { positions: [{ ...pos, avgPrice: ' 300' }], fills: [] },
      { positions: [{ ...pos, avgPrice: undefined as unknown as string }], fills: [] },
      { positions: [{ ...pos, priorSettlement: '3e2' }], fills: [] },
      { positions: [], fills: [{ ...fill, price: '' }] },
      { positions: [], fills: [{ ...fill, price: '-0.50' }] },
      { positions: [], fills: [{ ...fill, price: 307.5 as unknown as string }] },
      { positions: [], fills: [{ ...fill, price: undefined as unknown as string }] },
      { positions: [], fills: [{ ...fill, qty: 1.5 }] },
    ];
    const market = new KrxMarketIndex(MARKET);
    const ok = { positions: [pos], fills: [fill] };
    for (const acc of bad) {
      let expected = '';
      try {
        settleKrxDay({ ...acc, market, pathPrefix: 'accounts[1].' });
      } catch (e) {
        assert.ok(e instanceof KrxInputError);
        expected = e.message;
      }
      assert.ok(expected.startsWith('accounts[1].'), expected);
      assert.throws(() => buildKrxSettlementBatch([ok, acc], market), {
        name: 'KrxInputError',
        message: expected,
      });
    }
  });
});

describe('settleKrxBatch input forms', () => {
  it('reads every accepted form of a price as settleKrxDay does (strings, numbers, Decimals)', () => {
    const market = new KrxMarketIndex(MARKET);
    const forms: unknown[] = [
      '307',
      '307.',
      '+307.0',
      '0307.00',
      307,
      307n,
      Decimal.parse('307.000'),
    ];
    const priors: unknown[] = ['309.10', '309.1000', '.5', 309, Decimal.parse('309.1')];
    const accounts: KrxBatchAccountInput[] = forms.flatMap((price) =>
      priors.map((priorSettlement) => ({
        positions: [
          {
            pdno: '101S12',
            side: 'long' as const,
            qty: 2,
            avgPrice: price as string,
            priorSettlement: priorSettlement as string,
          },
        ],
        fills: [
          {
            fillId: 'a',
            pdno: '101S12',
            side: 'sell' as const,
            openClose: 'close' as const,
            qty: 1,
            price: price as string,
          },
          {
            fillId: 'b',
            pdno: '201S12350',
            side: 'buy' as const,
            openClose: 'open' as const,
            qty: 3,
            price: price as string,
          },
        ],
      })),
    );
    const day = settleKrxBatch(buildKrxSettlementBatch(accounts, market));
    accounts.forEach((acc, a) => {
      const one = settleKrxDay({ ...acc, market });
      assert.equal(BigInt(day.net_cash[a]!), one.net_cash.coefficient, `account ${a}`);
      assert.equal(BigInt(day.fee[a]!), one.fee.coefficient, `account ${a}`);
      assert.equal(BigInt(day.rnwl_dfpa[a]!), one.rnwl_dfpa.coefficient, `account ${a}`);
    });
  });
});

describe('settleKrxBatch exactness guard', () => {
  const market = new KrxMarketIndex(MARKET);

  it('settles with bigints where the fixed-point unit would pass 2^53, with the same figures', () => {
    const accounts: KrxBatchAccountInput[] = [
      // 2^30 contracts: the 0.01-won amounts pass 2^53, the won figures still fit a float.
      {
        positions: [{ pdno: '101S12', side: 'long', qty: 2 ** 30, avgPrice: '300' }],
        fills: [
          { fillId: '1', pdno: '201S12350', side: 'buy', openClose: 'open', qty: 1, price: '0.4' },
        ],
      },
      // 2^50 contracts: the won figures themselves pass 2^53 (NaN in the arrays, exact in `wide`).
      {
        positions: [{ pdno: '105S12', side: 'short', qty: 2 ** 50, avgPrice: '300' }],
        fills: [
          {
            fillId: '2',
            pdno: '301S12340',
            side: 'sell',
            openClose: 'open',
            qty: 2 ** 45,
            price: '33.05',
          },
        ],
      },
      { positions: [{ pdno: '101S12', side: 'long', qty: 1, avgPrice: '300' }], fills: [] },
    ];
    const batch = buildKrxSettlementBatch(accounts, market);
    assert.deepEqual([...batch.exactPath], [1, 1, 0]);
    const r = settleKrxBatch(batch);
    assert.ok(Number.isSafeInteger(r.rnwl_dfpa[0]));
    assert.ok(Number.isNaN(r.rnwl_dfpa[1]) && r.wide.has(1));
    assert.deepEqual([...r.wide.keys()], [1]);
    assertSameAsDay(accounts, MARKET, SAMPLE_KRX_SETTLEMENT_PARAMETERS);
    assertSameAsDay(accounts, MARKET, { ...SAMPLE_KRX_SETTLEMENT_PARAMETERS, feeRounding: 'up' });
  });

  it('flags exactly the accounts near the bound and agrees on both sides of it', () => {
    // Fee of one 0.01-won amount × rate 3 (scale 5+2): x = price × 250000 × qty × 3.
    fc.assert(
      fc.property(fc.integer({ min: 2 ** 17, max: 2 ** 20 }), (qty) => {
        const acc = {
          positions: [],
          fills: [
            {
              fillId: 'f',
              pdno: '101S12',
              side: 'buy' as const,
              openClose: 'open' as const,
              qty,
              price: '307.45',
            },
          ],
        };
        assertSameAsDay([acc], MARKET, SAMPLE_KRX_SETTLEMENT_PARAMETERS);
        const x = 30745 * 250_000 * qty * 3;
        const flagged = buildKrxSettlementBatch([acc], market).exactPath[0] === 1;
        assert.equal(flagged, x + 1e7 > Number.MAX_SAFE_INTEGER);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses prices the fixed-point columns cannot hold, naming the field', () => {
    const fill = (price: string) => ({
      positions: [],
      fills: [
        {
          fillId: 'f',
          pdno: '101S12',
          side: 'buy' as const,
          openClose: 'open' as const,
          qty: 1,
          price,
        },
      ],
    });
    assert.throws(() => buildKrxSettlementBatch([fill('1234567890123456.5')], market), {
      name: 'KrxInputError',
      message: /^accounts\[0\]\.fills\[0\]\.price: .*more than 15 significant digits/,
    });
    // A fill price with 14 decimals sets the common scale: today's 307.45 would be 3.07e16 units.
    assert.throws(() => buildKrxSettlementBatch([fill('7.45000000000001')], market), {
      name: 'KrxInputError',
      message:
        /^market\.quotes\[0\]\.price: exceeds 2\^53 − 1 in units of 10\^-14.*set by accounts\[0\]\.fills\[0\]\.price/,
    });
  });

  it('rounds float quotients like Decimal.round up to 2^53', () => {
    const limit = Number.MAX_SAFE_INTEGER;
    fc.assert(
      fc.property(
        fc.constantFrom(...MODES),
        fc.integer({ min: 0, max: 15 }),
        fc.oneof(fc.integer(), fc.integer({ min: -limit, max: limit }), fc.constant(limit - 1e15)),
        (mode, k, raw) => {
          const d = 10 ** k;
          const x = Math.sign(raw) * Math.min(Math.abs(raw), limit - d);
          const want = Decimal.of(BigInt(x), k).round(0, mode).coefficient;
          assert.equal(BigInt(quotientRounder(mode)(x, d)), want, `${mode} ${x} / ${d}`);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
