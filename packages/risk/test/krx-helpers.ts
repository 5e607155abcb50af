// Shared generators for the KRX tests (not a test file itself).
import fc from 'fast-check';
import {
  computeDomesticBalance,
  type DomesticBalance,
  type DomesticBalanceBook,
  type KrxFill,
  type KrxMarketData,
  KrxMarketIndex,
  type KrxPosition,
} from '../src/index.js';

export const SERIES = [
  '101S12',
  '105S12',
  '101T03',
  '201S12350',
  '301S12340',
  '205S12352',
] as const;

export const MARKET: KrxMarketData = {
  asOf: '2022-11-15',
  quotes: [
    { pdno: '101S12', price: '307.45', priorSettlement: '309.10' },
    { pdno: '105S12', price: '307.44', priorSettlement: '309.12' },
    { pdno: '101T03', price: '308.20', priorSettlement: '309.95' },
    { pdno: '201S12350', price: '0.42', priorSettlement: '0.55', vol: 0.21 },
    { pdno: '301S12340', price: '33.15', priorSettlement: '31.80', vol: 0.24 },
    { pdno: '205S12352', price: '0.31', priorSettlement: '0.36' },
  ],
  underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }],
};

const priceOf = (pdno: string) => MARKET.quotes.find((q) => q.pdno === pdno)!;

/** A fill price near the quote, on a 0.01 grid. */
const fillPrice = (pdno: string, bump: number) => {
  const base = Math.round(Number(priceOf(pdno).price) * 100);
  return (Math.max(1, base + bump) / 100).toFixed(2);
};

export interface GenAccount {
  positions: KrxPosition[];
  fills: KrxFill[];
}

/** Prior positions plus fills that respect KRX netting (open same side, close what is open). */
export const accountArb = fc
  .record({
    start: fc.array(
      fc.record({
        s: fc.constantFrom(...SERIES),
        long: fc.boolean(),
        qty: fc.integer({ min: 1, max: 20 }),
        avgBump: fc.integer({ min: -500, max: 500 }),
      }),
      { maxLength: 4 },
    ),
    ops: fc.array(
      fc.record({
        s: fc.constantFrom(...SERIES),
        buy: fc.boolean(),
        qty: fc.integer({ min: 1, max: 15 }),
        bump: fc.integer({ min: -300, max: 300 }),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ start, ops }) => {
    const held = new Map<string, number>(); // signed
    const positions: KrxPosition[] = [];
    for (const p of start) {
      if (held.has(p.s)) continue;
      held.set(p.s, p.long ? p.qty : -p.qty);
      positions.push({
        pdno: p.s,
        side: p.long ? 'long' : 'short',
        qty: p.qty,
        avgPrice: fillPrice(p.s, p.avgBump),
      });
    }
    const fills: KrxFill[] = [];
    ops.forEach((o, i) => {
      const cur = held.get(o.s) ?? 0;
      const closing = (o.buy && cur < 0) || (!o.buy && cur > 0);
      const qty = closing ? Math.min(o.qty, Math.abs(cur)) : o.qty;
      fills.push({
        fillId: `F${i}`,
        pdno: o.s,
        side: o.buy ? 'buy' : 'sell',
        openClose: closing ? 'close' : 'open',
        qty,
        price: fillPrice(o.s, o.bump),
      });
      held.set(o.s, cur + (o.buy ? qty : -qty));
    });
    return { positions, fills } satisfies GenAccount;
  });

/** JSON of a result with its bigints as strings: two results compare field by field, exactly. */
export const strings = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? String(x) : x));

/** What a fresh computation of the book's state gives (its own new index, nothing kept). */
export const fresh = (book: DomesticBalanceBook): DomesticBalance =>
  computeDomesticBalance({ ...book.input, marketIndex: undefined });

/** Signed quantity the book holds of a series now, read from its rows. */
export function heldNow(book: DomesticBalanceBook, pdno: string): number {
  const key = new KrxMarketIndex(MARKET).resolve(pdno, 'test');
  let q = 0;
  for (const r of book.balance().output1) {
    if (r.shtn_pdno !== key.shortCode) continue;
    const n = Number(r.cblc_qty.coefficient);
    q += r.sll_buy_dvsn_cd === '02' ? n : -n;
  }
  return q;
}
