import { Decimal } from '@kisfo/protocol';
import type {
  DomesticBalanceInput,
  KrxMarginParameters,
  KrxQuote,
  KrxSettlementParameters,
  KrxUnderlyingQuote,
} from '@kisfo/risk';
import { isOverseasInstrument } from '../instrument-key.js';
import type { LedgerAccount, LedgerPrice, LedgerStore } from '../store/types.js';
import { krxBookOf } from './krx-rows.js';
import { ledgerKrxMaster } from './masters.js';

/** `YYYYMMDD` → `YYYY-MM-DD`. */
export function isoDate(ymd: string): string {
  return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
}

/**
 * A domestic price row as the KRX engines take it.
 *
 * @example
 * ```ts
 * krxQuoteOf({ date: '20260105', instrument: '101W03', price: '350.25', vol: '0.18' });
 * // { pdno: '101W03', price: '350.25', vol: 0.18 }
 * ```
 */
export function krxQuoteOf(p: LedgerPrice): KrxQuote {
  const q: KrxQuote = { pdno: p.instrument, price: p.price };
  if (p.priorSettlement !== undefined) q.priorSettlement = p.priorSettlement;
  // Volatility feeds a float pricer anyway; money never goes through Number.
  if (p.vol !== undefined) q.vol = Number(p.vol);
  if (p.final === true) q.final = true;
  return q;
}

/**
 * The KRX market data of a date from the ledger's price and underlying tables, with the ledger's
 * instrument master (when one is loaded) so its products resolve.
 */
export function krxMarketOf(store: LedgerStore, date: string): DomesticBalanceInput['market'] {
  const quotes: KrxQuote[] = [];
  for (const p of store.prices(date)) {
    if (!isOverseasInstrument(p.instrument)) quotes.push(krxQuoteOf(p));
  }
  const underlyings: KrxUnderlyingQuote[] = store.underlyings(date).map((u) => {
    const out: KrxUnderlyingQuote = { group: u.group, level: u.level, vol: Number(u.vol) };
    if (u.finalLevel !== undefined) out.finalLevel = u.finalLevel;
    return out;
  });
  const master = ledgerKrxMaster(store);
  return { asOf: isoDate(date), quotes, underlyings, ...(master === undefined ? {} : { master }) };
}

/** The stored KRX margin parameters (`undefined` → the engine's samples). */
export function krxMarginParametersOf(store: LedgerStore): KrxMarginParameters | undefined {
  const v = store.riskParameters('krx-margin');
  return v === undefined || v === 'sample' ? undefined : (v as KrxMarginParameters);
}

/** The stored KRX settlement (fee) parameters (`undefined` → the engine's samples). */
export function krxSettlementParametersOf(store: LedgerStore): KrxSettlementParameters | undefined {
  const v = store.riskParameters('krx-settlement');
  return v === undefined || v === 'sample' ? undefined : (v as KrxSettlementParameters);
}

/**
 * Cash of a domestic account: KRW cash and substitutes, and foreign cash at its KRW value on
 * `date` (truncated to the won, as KRW amounts are).
 *
 * @throws Error when a foreign currency has no FX rate on `date`.
 */
export function domesticCashOf(
  store: LedgerStore,
  accountId: string,
  date: string,
): { dnca_cash: Decimal; dnca_sbst: Decimal; frcr_dncl_amt: Decimal } {
  let dnca_cash = Decimal.ZERO;
  let dnca_sbst = Decimal.ZERO;
  let frcr = Decimal.ZERO;
  let rates: Record<string, string> | undefined;
  for (const d of store.deposits(accountId)) {
    if (d.currency === 'KRW') {
      dnca_cash = Decimal.parse(d.cash);
      dnca_sbst = Decimal.parse(d.substitutes);
      continue;
    }
    rates ??= store.fxRates(date);
    const rate = rates[d.currency];
    if (rate === undefined)
      throw new Error(`account ${accountId}: no ${d.currency} FX rate on ${date}`);
    frcr = frcr.add(Decimal.parse(d.cash).mul(Decimal.parse(rate)).round(0, 'down'));
  }
  return { dnca_cash, dnca_sbst, frcr_dncl_amt: frcr };
}

/**
 * Map the ledger rows of a domestic account on the business date into the engine's input.
 *
 * @example
 * ```ts
 * const input = domesticBalanceInput(store, account, { mgnaDvsn: '01', exccStatCd: '1' });
 * computeDomesticBalance(input);
 * ```
 */
export function domesticBalanceInput(
  store: LedgerStore,
  account: LedgerAccount,
  query: { mgnaDvsn: '01' | '02'; exccStatCd: '1' | '2' },
): DomesticBalanceInput {
  const bd = store.businessDate() ?? '';
  const input: DomesticBalanceInput = {
    account: {
      cano: account.cano,
      acntPrdtCd: account.acntPrdtCd,
      ...domesticCashOf(store, account.id, bd),
      ...krxBookOf(store.positions(account.id, bd), store.fills(account.id, bd)),
      orders: store.orders(account.id, 'open').map((o) => ({
        orderId: o.id,
        pdno: o.instrument,
        side: o.side,
        openClose: o.openClose,
        qty: o.qty,
        ...(o.price === undefined ? {} : { price: o.price }),
      })),
    },
    market: krxMarketOf(store, bd),
    mgnaDvsn: query.mgnaDvsn,
    exccStatCd: query.exccStatCd,
  };
  const mp = krxMarginParametersOf(store);
  if (mp !== undefined) input.marginParameters = mp;
  const sp = krxSettlementParametersOf(store);
  if (sp !== undefined) input.settlementParameters = sp;
  return input;
}
