// DomesticBalanceBook.setCash replaces the account's cash (KRW cash, foreign cash at its KRW
// value, substitutes) between fills and quotes. Checked against a fresh computeDomesticBalance of
// the same state after every change, and a bad amount is refused without changing anything.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DomesticBalanceBook, type DomesticBalanceInput, KrxInputError } from '../src/index.js';
import { accountArb, fresh, heldNow, MARKET, SERIES, strings } from './krx-helpers.js';

// From nearly nothing (the account is called for margin) to plenty.
const won = fc.bigInt({ min: 0n, max: 5_000_000_000n }).map(String);
const change = fc.oneof(
  fc.record({
    kind: fc.constant('cash' as const),
    cash: won,
    foreign: fc.oneof(fc.constant('0'), won),
    sbst: fc.oneof(fc.constant('0'), won),
  }),
  fc.record({
    kind: fc.constant('fill' as const),
    s: fc.constantFrom(...SERIES),
    buy: fc.boolean(),
    qty: fc.integer({ min: 1, max: 5 }),
  }),
);

describe('DomesticBalanceBook.setCash', () => {
  it('equals a fresh computeDomesticBalance after every change of cash and opening fills', () => {
    fc.assert(
      fc.property(
        accountArb,
        fc.array(change, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('01', '02'),
        (acc, changes, mgnaDvsn) => {
          const input: DomesticBalanceInput = {
            account: {
              ...acc,
              dnca_cash: '30000000',
              frcr_dncl_amt: '0',
              dnca_sbst: '0',
              orders: [],
            },
            market: MARKET,
            mgnaDvsn: mgnaDvsn as '01' | '02',
            exccStatCd: '1',
          };
          const book = new DomesticBalanceBook(input);
          changes.forEach((c, i) => {
            if (c.kind === 'cash') {
              book.setCash({ dnca_cash: c.cash, frcr_dncl_amt: c.foreign, dnca_sbst: c.sbst });
              assert.equal(book.input.account.dnca_cash, c.cash);
            } else {
              const quote = book.input.market.quotes.find((q) => q.pdno === c.s)!;
              // Opening on the side already held (KRX nets a series).
              const cur = heldNow(book, c.s);
              const buy = cur === 0 ? c.buy : cur > 0;
              book.addFill({
                fillId: `C${i}`,
                pdno: c.s,
                side: buy ? 'buy' : 'sell',
                openClose: 'open',
                qty: c.qty,
                price: String(quote.price),
              });
            }
            assert.equal(strings(book.balance()), strings(fresh(book)), `after change ${i}`);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a bad amount and changes nothing', () => {
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
      () => book.setCash({ dnca_cash: '1000', frcr_dncl_amt: '0', dnca_sbst: 'abc' }),
      (e: unknown) => e instanceof KrxInputError && /account\.dnca_sbst/.test(e.message),
    );
    assert.equal(strings(book.balance()), before);
    assert.equal(book.input.account.dnca_cash, '50000000');
    // And a good one moves the summary's cash figures only.
    book.setCash({ dnca_cash: '1000', frcr_dncl_amt: '0', dnca_sbst: '0' });
    const after = book.balance();
    assert.equal(after.output2.dnca_cash.toString(), '1000');
    assert.equal(strings(after.output1), strings(JSON.parse(before).output1));
  });
});
