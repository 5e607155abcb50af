import { Decimal, type MarginDetailCurrency } from '@kisfo/protocol';
import {
  computeDomesticBalance,
  computeOverseasMarginDetail,
  type OverseasPositionInput,
} from '@kisfo/risk';
import {
  domesticBalanceInput,
  type LedgerStore,
  MARGIN_DETAIL_CURRENCY_DECIMALS,
  overseasMarginInput,
} from '@kisfo/server';
import { UsageError } from './cli-errors.js';

/** The domestic summary figures a what-if reports (output2 wire names). */
export const WHAT_IF_DOMESTIC_FIELDS = [
  'mgna_tota',
  'cash_mgna',
  'sbst_mgna',
  'ord_psbl_tota',
  'ord_psbl_cash',
  'wdrw_psbl_tot_amt',
  'add_mgna_tota',
  'evlu_pfls_amt_smtl',
] as const;

/** The overseas margin figures a what-if reports (margin-detail wire names). */
export const WHAT_IF_OVERSEAS_FIELDS = [
  'fm_brkg_mgn_amt',
  'fm_mntn_mgn_amt',
  'fm_ustl_mgn_amt',
  'fm_span_brkg_mgn_amt',
  'fm_eurx_brkg_mgn_amt',
  'fm_gnrl_brkg_mgn_amt',
  'fm_ord_mgn_amt',
  'fm_ord_psbl_amt',
  'fm_add_mgn_amt',
] as const;

/** A hypothetical domestic trade: `long`/`short` `qty` of `pdno`, at `price` (default today's). */
export interface DomesticAdd {
  pdno: string;
  side: 'long' | 'short';
  qty: number;
  price?: string;
}

/** Hypothetical changes to an account's book. Removals take quantity off a held position. */
export interface WhatIfChanges {
  domestic: { add: DomesticAdd[]; remove: DomesticAdd[] };
  overseas: { add: OverseasPositionInput[]; remove: OverseasPositionInput[] };
}

/** One figure before and after the changes. */
export interface WhatIfRow {
  field: string;
  before: Decimal;
  after: Decimal;
  change: Decimal;
}

/** The outcome of {@link whatIfFigures}. */
export interface WhatIfFigures {
  account: string;
  kind: 'domestic' | 'overseas';
  /** The ledger's business date the figures are for (YYYYMMDD). */
  businessDate: string;
  rows: WhatIfRow[];
}

type KrxBook = ReturnType<typeof domesticBalanceInput>['account']['positions'];

/**
 * Add a hypothetical trade to the start-of-day book the way KRX nets it: more of the same side
 * averages the price, the opposite side closes first and any excess opens the other way.
 */
export function netDomesticPosition(book: KrxBook, add: DomesticAdd, price: string): void {
  const i = book.findIndex((p) => p.pdno.toUpperCase() === add.pdno);
  const held = i === -1 ? undefined : book[i]!;
  if (held === undefined) {
    book.push({
      pdno: add.pdno,
      side: add.side,
      qty: add.qty,
      avgPrice: price,
      priorSettlement: price,
    });
    return;
  }
  if (held.side === add.side) {
    const total = held.qty + add.qty;
    const cost = Decimal.from(held.avgPrice).mul(held.qty).add(Decimal.from(price).mul(add.qty));
    book[i] = { ...held, qty: total, avgPrice: cost.div(total, 8, 'half-up').toString() };
    return;
  }
  const left = held.qty - add.qty;
  if (left > 0) book[i] = { ...held, qty: left };
  else if (left === 0) book.splice(i, 1);
  else
    book[i] = {
      pdno: held.pdno,
      side: add.side,
      qty: -left,
      avgPrice: price,
      priorSettlement: price,
    };
}

const contractKey = (p: OverseasPositionInput) =>
  [
    p.exchange.toUpperCase(),
    p.classCode.toUpperCase(),
    p.contractMonth,
    p.kind ?? 'future',
    p.strike === undefined ? '' : Decimal.from(p.strike).normalize().toString(),
  ].join(':');

const describeOverseas = (p: OverseasPositionInput) =>
  `${p.exchange}:${p.classCode}:${p.contractMonth}${p.kind === undefined || p.kind === 'future' ? '' : `:${p.kind === 'call' ? 'C' : 'P'}:${p.strike}`}`;

/** A removal as the opposite signed quantity, after checking the book holds that much. */
function overseasRemoval(
  book: readonly OverseasPositionInput[],
  remove: OverseasPositionInput,
): OverseasPositionInput {
  const key = contractKey(remove);
  const held = Decimal.sum(
    book.filter((p) => contractKey(p) === key).map((p) => Decimal.from(p.quantity)),
  );
  const take = Decimal.from(remove.quantity);
  const enough = take.isPositive()
    ? held.gte(take)
    : take.isNegative() && held.isNegative() && held.lte(take);
  if (!enough) {
    throw new UsageError(
      `cannot remove ${take} of ${describeOverseas(remove)}: the account holds ${held} (long > 0, short < 0)`,
    );
  }
  return { ...remove, quantity: take.neg().toString() };
}

function domesticRemoval(book: KrxBook, remove: DomesticAdd): DomesticAdd {
  const held = book.find((p) => p.pdno.toUpperCase() === remove.pdno);
  if (held === undefined || held.side !== remove.side || held.qty < remove.qty) {
    const holds = held === undefined ? 'nothing' : `${held.side} ${held.qty}`;
    throw new UsageError(
      `cannot remove ${remove.side} ${remove.qty} of ${remove.pdno}: the account holds ${holds}`,
    );
  }
  // Closing never flips the side, so the price only keeps the held average.
  return {
    pdno: remove.pdno,
    side: remove.side === 'long' ? 'short' : 'long',
    qty: remove.qty,
    price: Decimal.from(held.avgPrice).toString(),
  };
}

/**
 * An account's margin figures before and after hypothetical changes, from the same engines and
 * ledger inputs the server answers with. Nothing is written. Domestic figures are on the
 * settlement basis (정산) with the given margin basis; overseas figures in the given view on the
 * ledger's business date.
 *
 * @example
 * ```ts
 * const r = whatIfFigures(store, '80012345-03', {
 *   domestic: { add: [{ pdno: '101W06', side: 'short', qty: 2 }], remove: [] },
 *   overseas: { add: [], remove: [] },
 * }, { basis: 'initial', currency: 'TKR' });
 * r.rows.find((x) => x.field === 'mgna_tota')?.change.toString();
 * ```
 */
export function whatIfFigures(
  store: LedgerStore,
  id: string,
  changes: WhatIfChanges,
  options: { basis: 'initial' | 'maintenance'; currency: MarginDetailCurrency },
): WhatIfFigures {
  const account = store.getAccount(id);
  if (account === undefined) {
    const known = store
      .listAccounts()
      .map((a) => a.id)
      .join(', ');
    throw new UsageError(`no account ${id} in the ledger (accounts: ${known})`);
  }
  const businessDate = store.businessDate() ?? '';
  const other = account.kind === 'domestic' ? changes.overseas : changes.domestic;
  if (other.add.length + other.remove.length > 0) {
    throw new UsageError(
      `${id} is a ${account.kind} account: give ${account.kind === 'domestic' ? 'domestic (PDNO)' : 'overseas (EXCH:CLASS:YYYYMM)'} positions`,
    );
  }
  const rowsOf = <F extends string>(
    fields: readonly F[],
    before: Record<F, Decimal>,
    after: Record<F, Decimal>,
  ): WhatIfRow[] =>
    fields.map((f) => ({
      field: f,
      before: before[f],
      after: after[f],
      change: after[f].sub(before[f]),
    }));
  if (account.kind === 'domestic') {
    const input = domesticBalanceInput(store, account, {
      mgnaDvsn: options.basis === 'initial' ? '01' : '02',
      exccStatCd: '1',
    });
    const before = computeDomesticBalance(input).output2;
    const book = input.account.positions;
    // Removals are checked against the book as it stands, before any addition.
    const closes = changes.domestic.remove.map((r) => domesticRemoval(book, r));
    for (const add of [...closes, ...changes.domestic.add]) {
      // A hypothetical position is taken at today's price: it adds margin, not P&L.
      const price = add.price ?? input.market.quotes.find((q) => q.pdno === add.pdno)?.price;
      const priceText = price === undefined ? undefined : String(price);
      if (priceText === undefined) throw new UsageError(`no price for ${add.pdno} in the ledger`);
      netDomesticPosition(book, add, priceText);
    }
    const after = computeDomesticBalance(input).output2;
    return {
      account: id,
      kind: 'domestic',
      businessDate,
      rows: rowsOf(WHAT_IF_DOMESTIC_FIELDS, before, after),
    };
  }
  const input = overseasMarginInput(store, account, {
    crcyCd: options.currency,
    inqrDt: businessDate,
  });
  const before = computeOverseasMarginDetail(input);
  const closes = changes.overseas.remove.map((r) => overseasRemoval(input.positions, r));
  input.positions = [...input.positions, ...closes, ...changes.overseas.add];
  const after = computeOverseasMarginDetail(input);
  // Written with the view's decimals, as the margin detail is on the wire ("0.00" in USD views).
  const decimals = MARGIN_DETAIL_CURRENCY_DECIMALS[options.currency];
  const rows = rowsOf(WHAT_IF_OVERSEAS_FIELDS, before, after).map((r) => ({
    field: r.field,
    before: r.before.rescale(decimals),
    after: r.after.rescale(decimals),
    change: r.change.rescale(decimals),
  }));
  return {
    account: id,
    kind: 'overseas',
    businessDate,
    rows,
  };
}
