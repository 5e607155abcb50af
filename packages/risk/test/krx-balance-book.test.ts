// A DomesticBalanceBook is told of one change after another (fills, new quotes) and recomputes
// only the series each touches. These tests check it against a fresh computeDomesticBalance of
// the same state after every change, to the won, and that a refused change changes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  computeDomesticBalance,
  DomesticBalanceBook,
  type DomesticBalanceInput,
  KrxInputError,
  KrxMarketIndex,
  type KrxOpenOrder,
  type KrxQuote,
  parseKrxCode,
} from '../src/index.js';
import { accountArb, fresh, heldNow, MARKET, SERIES, strings } from './krx-helpers.js';

const change = fc.oneof(
  fc.record({
    kind: fc.constant('fill' as const),
    s: fc.constantFrom(...SERIES),
    buy: fc.boolean(),
    qty: fc.integer({ min: 1, max: 12 }),
    bump: fc.integer({ min: -300, max: 300 }),
  }),
  fc.record({
    kind: fc.constant('quote' as const),
    s: fc.constantFrom(...SERIES),
    bump: fc.integer({ min: -800, max: 800 }),
    priorBump: fc.integer({ min: -200, max: 200 }),
    vol: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
  }),
);

const ordersArb = fc.array(
  fc.record({
    s: fc.constantFrom(...SERIES),
    buy: fc.boolean(),
    open: fc.boolean(),
    qty: fc.integer({ min: 1, max: 5 }),
    limit: fc.boolean(),
  }),
  { maxLength: 3 },
);

const cents = (price: unknown, bump: number) =>
  (Math.max(1, Math.round(Number(price) * 100) + bump) / 100).toFixed(2);

describe('DomesticBalanceBook', () => {
  it('equals a fresh computeDomesticBalance after every change of random sequences', () => {
    fc.assert(
      fc.property(
        accountArb,
        ordersArb,
        fc.array(change, { minLength: 1, maxLength: 25 }),
        fc.constantFrom('01', '02'),
        fc.constantFrom('1', '2'),
        (acc, orderSpecs, changes, mgnaDvsn, exccStatCd) => {
          const orders: KrxOpenOrder[] = orderSpecs.map((o, i) => ({
            orderId: `O${i}`,
            pdno: o.s,
            side: o.buy ? 'buy' : 'sell',
            openClose: o.open ? 'open' : 'close',
            qty: o.qty,
            ...(o.limit
              ? { price: cents(MARKET.quotes.find((q) => q.pdno === o.s)!.price, 5) }
              : {}),
          }));
          const input: DomesticBalanceInput = {
            account: { ...acc, dnca_cash: '30000000', frcr_dncl_amt: '0', dnca_sbst: '0', orders },
            market: MARKET,
            mgnaDvsn: mgnaDvsn as '01' | '02',
            exccStatCd: exccStatCd as '1' | '2',
          };
          const book = new DomesticBalanceBook(input);
          assert.equal(strings(book.balance()), strings(computeDomesticBalance(input)));
          changes.forEach((c, i) => {
            const quote = book.input.market.quotes.find((q) => q.pdno === c.s)!;
            if (c.kind === 'fill') {
              const cur = heldNow(book, c.s);
              const closing = (c.buy && cur < 0) || (!c.buy && cur > 0);
              book.addFill({
                fillId: `C${i}`,
                pdno: c.s,
                side: c.buy ? 'buy' : 'sell',
                openClose: closing ? 'close' : 'open',
                qty: closing ? Math.min(c.qty, Math.abs(cur)) : c.qty,
                price: cents(quote.price, c.bump),
              });
            } else {
              const next: KrxQuote = {
                ...quote,
                price: cents(quote.price, c.bump),
                priorSettlement: cents(quote.priorSettlement, c.priorBump),
              };
              if (c.vol !== undefined) next.vol = c.vol / 100;
              book.setQuote(next);
            }
            assert.equal(strings(book.balance()), strings(fresh(book)), `after change ${i}`);
          });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('stays exact over a long run of new quotes, one given under its other code', () => {
    const positions = SERIES.map((pdno, i) => ({
      pdno,
      side: (i % 2 ? 'long' : 'short') as 'long' | 'short',
      qty: 1 + i,
      avgPrice: String(MARKET.quotes[i]!.price),
    }));
    const input: DomesticBalanceInput = {
      account: {
        dnca_cash: '90000000',
        frcr_dncl_amt: '0',
        dnca_sbst: '0',
        positions,
        fills: [],
        orders: [],
      },
      market: MARKET,
      mgnaDvsn: '01',
      exccStatCd: '1',
    };
    const book = new DomesticBalanceBook(input);
    const standard = parseKrxCode('101S12', 2022).standardCode!;
    for (let i = 0; i < 45; i++) {
      const pdno = SERIES[i % SERIES.length]!;
      const q = book.input.market.quotes.find(
        (x) => x.pdno === pdno || (pdno === '101S12' && x.pdno === standard),
      )!;
      book.setQuote({
        ...q,
        pdno: pdno === '101S12' && i % 12 === 0 ? standard : q.pdno,
        price: cents(q.price, ((i * 37) % 21) - 10),
      });
      assert.equal(book.input.market.quotes.length, MARKET.quotes.length);
      assert.equal(strings(book.balance()), strings(fresh(book)), `after quote ${i}`);
    }
  });

  it('refuses a fill that closes more than is held, and changes nothing', () => {
    const input: DomesticBalanceInput = {
      account: {
        dnca_cash: '50000000',
        frcr_dncl_amt: '0',
        dnca_sbst: '0',
        positions: [{ pdno: '101S12', side: 'long', qty: 2, avgPrice: '305.00' }],
        fills: [],
        orders: [],
      },
      market: MARKET,
      mgnaDvsn: '01',
      exccStatCd: '1',
    };
    const book = new DomesticBalanceBook(input);
    const before = strings(book.balance());
    assert.throws(
      () =>
        book.addFill({
          fillId: 'X',
          pdno: '101S12',
          side: 'sell',
          openClose: 'close',
          qty: 3,
          price: '307.00',
        }),
      (e: unknown) =>
        e instanceof KrxInputError && /closing 3 of "101S12" but only 2 long/.test(e.message),
    );
    assert.throws(() => book.setQuote({ pdno: '101S12', price: 'abc' }), KrxInputError);
    assert.throws(
      () => book.setQuote({ pdno: '201S12350', price: '0.40', vol: -1 }),
      KrxInputError,
    );
    assert.equal(strings(book.balance()), before);
    assert.equal(book.input.account.fills.length, 0);
    assert.equal(book.input.market, MARKET);
  });
});

describe('a market index looks quotes up lazily', () => {
  it('finds a quote given under the short code for the series parsed from its standard code', () => {
    const ins = parseKrxCode('101S12', 2022);
    assert.ok(ins.standardCode !== undefined);
    const index = new KrxMarketIndex(MARKET);
    const viaStandard = index.resolve(ins.standardCode!, 'test');
    assert.equal(index.quote(viaStandard, 'test').price, '307.45');
  });

  it('still refuses the same series quoted twice under two spellings, on first look-up', () => {
    const ins = parseKrxCode('101S12', 2022);
    const market = {
      ...MARKET,
      quotes: [...MARKET.quotes, { pdno: ins.standardCode!, price: '1.00' }],
    };
    const index = new KrxMarketIndex(market);
    assert.throws(
      () => index.quote(index.resolve('101S12', 'test'), 'test'),
      /market\.quotes\[6\]\.pdno: duplicate quote/,
    );
    assert.throws(
      () => new KrxMarketIndex({ ...MARKET, quotes: [MARKET.quotes[0]!, MARKET.quotes[0]!] }),
      /duplicate quote/,
    );
  });

  it('parses a code once per process for the same pivot year and master, not per index', () => {
    const a = new KrxMarketIndex(MARKET).resolve('201S12350', 'test');
    const b = new KrxMarketIndex(MARKET).resolve('201S12350', 'test');
    assert.equal(a, b, 'one parse shared by two indexes');
    assert.deepEqual(a, parseKrxCode('201S12350', 2022), 'the same as a fresh parse');
    const later = new KrxMarketIndex({ ...MARKET, asOf: '2031-11-15' }).resolve('101S12', 'test');
    assert.deepEqual(later, parseKrxCode('101S12', 2031), 'another pivot year parses anew');
  });

  it('withQuote replaces one series and keeps every other quote and code', () => {
    const index = new KrxMarketIndex(MARKET);
    const f = index.resolve('101S12', 'test');
    const o = index.resolve('201S12350', 'test');
    index.quote(o, 'test');
    const next = index.withQuote({ pdno: '101S12', price: '310.00', priorSettlement: '309.10' });
    assert.equal(next.market.quotes.length, MARKET.quotes.length);
    assert.equal(next.quote(f, 'test').priceD.toString(), '310.00');
    assert.equal(next.quote(o, 'test').priceD.toString(), '0.42');
    assert.equal(index.quote(f, 'test').priceD.toString(), '307.45', 'the old index is unchanged');
    assert.equal(MARKET.quotes[0]!.price, '307.45');
  });
});
