import { Decimal } from '@kisfo/protocol';
import { settleKrxDay } from '@kisfo/risk';
import { assertAnswerable } from './admin/answerable.js';
import { addKrxBusinessDays, isKrxClosed } from './calendar/krx-calendar.js';
import { LedgerValidationError } from './errors.js';
import { isYmd } from './scenario/checks.js';
import { krxMarketOf, krxSettlementParametersOf } from './services/domestic-input.js';
import { krxBookOf } from './services/krx-rows.js';
import type { LedgerPosition, LedgerStore } from './store/types.js';

/** What one account's end of day did. */
export interface AccountDayEnd {
  accountId: string;
  /** KRW cash change (domestic: variation, premium, final settlement − fees). */
  cashChange: string;
  /** Positions carried into the new day. */
  carried: number;
  /** Physical deliveries left for the back office (domestic USD futures at expiry). */
  deliveries: number;
}

/** Result of {@link advanceBusinessDay}. */
export interface BusinessDayAdvance {
  from: string;
  to: string;
  accounts: AccountDayEnd[];
  expiredOrders: number;
}

/**
 * Close the business day and open the next, in one transaction:
 * - domestic accounts: KRX daily settlement (`settleKrxDay`) of start-of-day positions and the
 *   day's fills — KRW cash moves by 당일차금 + 갱신차금 + 옵션차금 + final settlement − fees, open
 *   positions are carried with today's settlement as the new prior settlement, expiring series
 *   are finally settled;
 * - overseas accounts: net positions carried (cash is not variation-settled; see the README);
 * - open orders expire (day orders);
 * - today's prices (minus expired series), underlyings and FX are copied to the new date as its
 *   opening marks unless that date already has them;
 * - the business date moves to `nextDate` (default: the next KRX business day, weekends and KRX
 *   holidays skipped; past the holiday calendar's years an error asks for `nextDate`), which
 *   must be a KRX business day itself (a weekend, or a holiday of a year the calendar covers, is
 *   refused);
 * - every account must still answer its inquiry on the new date (as after any admin write: the
 *   domestic balance computes and fits KIS's wire fields, an overseas margin detail in every
 *   currency view): the new date's prices, underlyings and FX rates, loaded ahead or copied
 *   forward, enter the answers here, so a bad one refuses the whole advance.
 *
 * @throws LedgerValidationError for a bad `nextDate`, or naming each account the new date would
 *   leave unanswerable (nothing is written); the engine's error for inconsistent data.
 * @example
 * ```ts
 * advanceBusinessDay(store); // { from: '20250320', to: '20250321', … }
 * ```
 */
export function advanceBusinessDay(store: LedgerStore, nextDate?: string): BusinessDayAdvance {
  const from = store.businessDate();
  if (from === undefined) {
    throw new LedgerValidationError([{ path: 'businessDate', message: 'the ledger has none' }]);
  }
  const to = nextDate ?? addKrxBusinessDays(from, 1, 'nextDate');
  if (!isYmd(to) || to <= from) {
    throw new LedgerValidationError([
      { path: 'nextDate', message: `expected a date YYYYMMDD after ${from}` },
    ]);
  }
  if (isKrxClosed(to)) {
    throw new LedgerValidationError([
      {
        path: 'nextDate',
        message: `${to} is not a KRX business day (a weekend or KRX holiday); the next one after ${from} is ${nextBusinessDayOrNone(from)}`,
      },
    ]);
  }
  return store.transaction(() => {
    const market = krxMarketOf(store, from);
    const parameters = krxSettlementParametersOf(store);
    const accounts: AccountDayEnd[] = [];
    let expiredOrders = 0;
    for (const a of store.listAccounts()) {
      const positions = store.positions(a.id, from);
      const fills = store.fills(a.id, from);
      let carried: LedgerPosition[];
      let cashChange = Decimal.ZERO;
      let deliveries = 0;
      if (a.kind === 'domestic') {
        const day = settleKrxDay({
          ...krxBookOf(positions, fills),
          market,
          ...(parameters === undefined ? {} : { parameters }),
          pathPrefix: `accounts.${a.id}.`,
        });
        carried = day.carried.map((p) => ({
          accountId: a.id,
          businessDate: to,
          instrument: p.pdno,
          side: p.side,
          qty: p.qty,
          avgPrice: String(p.avgPrice),
          priorSettlement: String(p.priorSettlement),
        }));
        cashChange = day.net_cash;
        deliveries = day.deliveries.length;
        const krw = store.deposits(a.id).find((d) => d.currency === 'KRW');
        store.putDeposit({
          accountId: a.id,
          currency: 'KRW',
          cash: Decimal.parse(krw?.cash ?? '0')
            .add(cashChange)
            .toString(),
          substitutes: krw?.substitutes ?? '0',
        });
      } else {
        carried = carryOverseas(positions, fills, a.id, to);
      }
      store.replacePositions(a.id, to, carried);
      for (const o of store.orders(a.id, 'open')) {
        store.putOrder({ ...o, status: 'expired' });
        expiredOrders++;
      }
      accounts.push({
        accountId: a.id,
        cashChange: cashChange.toString(),
        carried: carried.length,
        deliveries,
      });
    }
    rollMarketData(store, from, to);
    store.setBusinessDate(to);
    // Prices or FX rates written ahead for `to` were checked against nobody (their date was not
    // the business date); from here they are in every answer. A refusal rolls everything back.
    assertAnswerable(
      store,
      accounts.map((a) => [a.accountId, 'nextDate'] as const),
    );
    return { from, to, accounts, expiredOrders };
  });
}

/** The KRX business day after `ymd`, or a word saying the calendar does not reach it. */
function nextBusinessDayOrNone(ymd: string): string {
  try {
    return addKrxBusinessDays(ymd, 1, 'nextDate');
  } catch {
    return 'past the holiday calendar';
  }
}

// Overseas books net per series; the average price follows the opening fills.
function carryOverseas(
  positions: LedgerPosition[],
  fills: { instrument: string; side: 'buy' | 'sell'; qty: number; price: string }[],
  accountId: string,
  to: string,
): LedgerPosition[] {
  const book = new Map<string, { qty: bigint; cost: Decimal }>();
  const apply = (instrument: string, q: bigint, price: Decimal) => {
    const b = book.get(instrument) ?? { qty: 0n, cost: Decimal.ZERO };
    const sameWay = b.qty === 0n || b.qty > 0n === q > 0n;
    if (sameWay) {
      b.cost = b.cost.add(price.mul(q < 0n ? -q : q));
    } else {
      // Closing: keep the remaining lots' average; a flip starts at the fill price.
      const left = b.qty + q;
      const avg = b.qty === 0n ? price : b.cost.div(b.qty < 0n ? -b.qty : b.qty, 8, 'half-up');
      b.cost =
        left === 0n
          ? Decimal.ZERO
          : left > 0n === b.qty > 0n
            ? avg.mul(left < 0n ? -left : left)
            : price.mul(left < 0n ? -left : left);
    }
    b.qty += q;
    book.set(instrument, b);
  };
  for (const p of positions) {
    apply(
      p.instrument,
      p.side === 'long' ? BigInt(p.qty) : -BigInt(p.qty),
      Decimal.parse(p.avgPrice),
    );
  }
  for (const f of fills)
    apply(f.instrument, f.side === 'buy' ? BigInt(f.qty) : -BigInt(f.qty), Decimal.parse(f.price));
  const out: LedgerPosition[] = [];
  for (const [instrument, b] of book) {
    if (b.qty === 0n) continue;
    const qty = b.qty < 0n ? -b.qty : b.qty;
    out.push({
      accountId,
      businessDate: to,
      instrument,
      side: b.qty > 0n ? 'long' : 'short',
      qty: Number(qty),
      avgPrice: b.cost.div(qty, 8, 'half-up').normalize().toString(),
    });
  }
  return out;
}

function rollMarketData(store: LedgerStore, from: string, to: string): void {
  const have = new Set(store.prices(to).map((p) => p.instrument));
  for (const p of store.prices(from)) {
    if (p.final === true || have.has(p.instrument)) continue;
    store.putPrice({
      date: to,
      instrument: p.instrument,
      price: p.price,
      priorSettlement: p.price,
      ...(p.vol === undefined ? {} : { vol: p.vol }),
    });
  }
  if (store.underlyings(to).length === 0) {
    for (const u of store.underlyings(from)) {
      store.putUnderlying({ date: to, group: u.group, level: u.finalLevel ?? u.level, vol: u.vol });
    }
  }
  if (Object.keys(store.fxRates(to)).length === 0) {
    for (const [ccy, rate] of Object.entries(store.fxRates(from))) store.putFx(to, ccy, rate);
  }
}
