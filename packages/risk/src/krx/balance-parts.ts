/**
 * The pieces of the domestic balance that {@link computeDomesticBalance} and the kept
 * {@link DomesticBalanceBook} share: the input checks, working orders, one row per leg, the row
 * sums and the `output2` summary. Every sum here is exact (rows are rounded before they are
 * summed), so a book that takes one series' rows out and puts new ones in reaches the same sums.
 */
import { Decimal } from '@kisfo/protocol';
import { KIS_FO_PRODUCT_TYPE_CODE } from './codes.js';
import type { KrxMarginPosition, KrxMarginResult } from './margin.js';
import type { KrxMarginParameters } from './margin-params.js';
import { SAMPLE_KRX_MARGIN_PARAMETERS } from './margin-params.js';
import { decimalAt, instrumentKey, KrxInputError, KrxMarketIndex, qtyAt } from './resolve.js';
import type { KrxSettledLeg } from './settlement.js';
import type { KrxSettlementParameters } from './settlement-params.js';
import { SAMPLE_KRX_SETTLEMENT_PARAMETERS } from './settlement-params.js';
import type {
  DomesticBalanceInput,
  DomesticBalanceRow,
  DomesticBalanceSummary,
  KrxOpenOrder,
} from './types.js';

const PRICE_SCALE = 8;
const ZERO = Decimal.ZERO;

/** The checked top of a balance input. */
export interface CheckedBalanceInput {
  sp: KrxSettlementParameters;
  mp: KrxMarginParameters;
  rnd: (d: Decimal) => Decimal;
  market: KrxMarketIndex;
  dnca_cash: Decimal;
  frcr_dncl_amt: Decimal;
  dnca_sbst: Decimal;
}

/** Check the codes, the market index and the deposits of a balance input. */
export function checkBalanceInput(input: DomesticBalanceInput): CheckedBalanceInput {
  if (input.mgnaDvsn !== '01' && input.mgnaDvsn !== '02') {
    throw new KrxInputError(
      `mgnaDvsn: must be "01" or "02" (got ${JSON.stringify(input.mgnaDvsn)})`,
    );
  }
  if (input.exccStatCd !== '1' && input.exccStatCd !== '2') {
    throw new KrxInputError(
      `exccStatCd: must be "1" or "2" (got ${JSON.stringify(input.exccStatCd)})`,
    );
  }
  const acct = input.account;
  const sp = input.settlementParameters ?? SAMPLE_KRX_SETTLEMENT_PARAMETERS;
  const mp = input.marginParameters ?? SAMPLE_KRX_MARGIN_PARAMETERS;
  if (input.marketIndex !== undefined && input.marketIndex.market !== input.market)
    throw new KrxInputError(
      'marketIndex: not the index of this market (build it from input.market)',
    );
  const market = input.marketIndex ?? new KrxMarketIndex(input.market);
  const dnca_cash = decimalAt(acct.dnca_cash, 'account.dnca_cash');
  const frcr_dncl_amt = decimalAt(acct.frcr_dncl_amt, 'account.frcr_dncl_amt');
  const dnca_sbst = decimalAt(acct.dnca_sbst, 'account.dnca_sbst');
  for (const k of ['positions', 'fills', 'orders'] as const) {
    if (!Array.isArray(acct[k])) throw new KrxInputError(`account.${k}: must be an array`);
  }
  return {
    sp,
    mp,
    rnd: (d: Decimal) => d.round(0, sp.amountRounding),
    market,
    dnca_cash,
    frcr_dncl_amt,
    dnca_sbst,
  };
}

/** Working orders as the balance reads them. */
export interface WorkingOrders {
  /** Closing quantity per `series|side` it would close: reduces lqd_psbl_qty. */
  pendingClose: Map<string, number>;
  /** Opening quantity, margined with the positions. */
  positions: KrxMarginPosition[];
  /** Premium of opening option buys (exact): paid in cash on top of the margin. */
  longOptionPremium: Decimal;
}

/** Check and read the working orders (`account.orders[i]` paths in errors). */
export function workingOrders(
  orders: readonly KrxOpenOrder[],
  market: KrxMarketIndex,
): WorkingOrders {
  const pendingClose = new Map<string, number>();
  const positions: KrxMarginPosition[] = [];
  let longOptionPremium = ZERO;
  orders.forEach((o, i) => {
    const path = `account.orders[${i}]`;
    const ins = market.resolve(o.pdno, `${path}.pdno`);
    const qty = qtyAt(o.qty, `${path}.qty`);
    if (o.side !== 'buy' && o.side !== 'sell')
      throw new KrxInputError(`${path}.side: must be "buy" or "sell"`);
    const quote = market.quote(ins, `${path}.pdno`);
    const price = o.price === undefined ? quote.priceD : decimalAt(o.price, `${path}.price`);
    if (o.openClose === 'close') {
      const key = `${instrumentKey(ins)}|${o.side === 'sell' ? 'long' : 'short'}`;
      pendingClose.set(key, (pendingClose.get(key) ?? 0) + qty);
    } else if (o.openClose === 'open') {
      positions.push({ instrument: ins, qty: o.side === 'buy' ? qty : -qty });
      if (ins.spec.kind !== 'future' && o.side === 'buy') {
        longOptionPremium = longOptionPremium.add(price.mul(ins.multiplier).mul(qty));
      }
    } else {
      throw new KrxInputError(
        `${path}.openClose: must be "open" or "close" (got ${JSON.stringify(o.openClose)})`,
      );
    }
  });
  return { pendingClose, positions, longOptionPremium };
}

/** Sums of the rows (each row already rounded). */
export interface RowSums {
  pchs: Decimal;
  evlu: Decimal;
  futrEvlu: Decimal;
  optEvlu: Decimal;
  futrTrad: Decimal;
  optTrad: Decimal;
  /** Long option value − short option value. */
  optValue: Decimal;
}

/** All sums zero. */
export function emptyRowSums(): RowSums {
  return {
    pchs: ZERO,
    evlu: ZERO,
    futrEvlu: ZERO,
    optEvlu: ZERO,
    futrTrad: ZERO,
    optTrad: ZERO,
    optValue: ZERO,
  };
}

/** Add (`sign` 1) or take out (`sign` −1) one leg's row from the sums. */
export function addRow(
  sums: RowSums,
  leg: KrxSettledLeg,
  row: DomesticBalanceRow,
  sign: 1 | -1 = 1,
): void {
  const acc = (a: Decimal, b: Decimal) => (sign === 1 ? a.add(b) : a.sub(b));
  sums.pchs = acc(sums.pchs, row.pchs_amt);
  sums.evlu = acc(sums.evlu, row.evlu_amt);
  if (leg.instrument.spec.kind === 'future') {
    sums.futrEvlu = acc(sums.futrEvlu, row.evlu_pfls_amt);
    sums.futrTrad = acc(sums.futrTrad, row.trad_pfls_amt);
  } else {
    sums.optEvlu = acc(sums.optEvlu, row.evlu_pfls_amt);
    sums.optTrad = acc(sums.optTrad, row.trad_pfls_amt);
    const v = leg.side === 'long' ? row.evlu_amt : row.evlu_amt.neg();
    sums.optValue = acc(sums.optValue, v);
  }
}

/** The margin position a row holds (signed), or `undefined` when it holds nothing. */
export function heldOf(leg: KrxSettledLeg, row: DomesticBalanceRow): KrxMarginPosition | undefined {
  const qty = Number(row.cblc_qty.coefficient);
  return qty > 0
    ? { instrument: leg.instrument, qty: leg.side === 'long' ? qty : -qty }
    : undefined;
}

function weighted(leg: KrxSettledLeg, pick: 'settleBasis' | 'costBasis', qty: number): Decimal {
  if (qty === 0) return ZERO.round(PRICE_SCALE, 'down');
  // One lot: (basis × qty) ÷ qty is the basis itself, rounded the same way.
  if (leg.lots.length === 1) return leg.lots[0]![pick].round(PRICE_SCALE, 'half-up');
  return Decimal.sum(leg.lots.map((l) => l[pick].mul(l.qty))).div(qty, PRICE_SCALE, 'half-up');
}

/** One `output1` row of a settled leg. */
export function balanceRow(
  leg: KrxSettledLeg,
  exccStatCd: '1' | '2',
  pendingClose: Map<string, number>,
  cano: string,
  acntPrdtCd: string,
  rnd: (d: Decimal) => Decimal,
): DomesticBalanceRow {
  const ins = leg.instrument;
  const key = instrumentKey(ins);
  const qty = leg.lots.reduce((a, l) => a + l.qty, 0);
  const avg = weighted(leg, 'costBasis', qty);
  const excc = exccStatCd === '1' ? weighted(leg, 'settleBasis', qty) : avg;
  const idx = leg.price.round(PRICE_SCALE, 'half-up');
  const pchs = rnd(excc.mul(ins.multiplier).mul(qty));
  const evlu = rnd(idx.mul(ins.multiplier).mul(qty));
  const long = leg.side === 'long';
  const name = qty === 0 ? '' : long ? '매수' : '매도';
  return {
    cano,
    acnt_prdt_cd: acntPrdtCd,
    pdno: key,
    prdt_type_cd: KIS_FO_PRODUCT_TYPE_CODE,
    shtn_pdno: ins.shortCode,
    prdt_name: ins.productName,
    sll_buy_dvsn_name: name,
    sll_buy_dvsn_cd: qty === 0 ? '' : long ? '02' : '01',
    trad_dvsn_name: name,
    cblc_qty: Decimal.from(qty),
    excc_unpr: excc,
    ccld_avg_unpr1: avg,
    idx_clpr: idx,
    pchs_amt: pchs,
    evlu_amt: evlu,
    evlu_pfls_amt: long ? evlu.sub(pchs) : pchs.sub(evlu),
    trad_pfls_amt: rnd(exccStatCd === '1' ? leg.realisedSettle : leg.realisedCost),
    lqd_psbl_qty: Decimal.from(
      pendingClose.size === 0
        ? qty
        : Math.max(0, qty - (pendingClose.get(`${key}|${leg.side}`) ?? 0)),
    ),
  };
}

/** The day's figures the summary reads (rounded as `settleKrxDay` rounds them). */
export interface SummaryDay {
  net_cash: Decimal;
  tot_ccld_amt: Decimal;
  opt_dfpa: Decimal;
  thdt_dfpa: Decimal;
  rnwl_dfpa: Decimal;
  fee: Decimal;
}

/** The `output2` summary from the deposits, the day, the row sums and both margin levels. */
export function balanceSummary(
  input: DomesticBalanceInput,
  c: CheckedBalanceInput,
  day: SummaryDay,
  sums: RowSums,
  longOptionPremium: Decimal,
  initial: Pick<KrxMarginResult, 'total' | 'cash' | 'substitute'>,
  maintenance: Pick<KrxMarginResult, 'total' | 'cash' | 'substitute'>,
): DomesticBalanceSummary {
  const { mp, dnca_cash, frcr_dncl_amt, dnca_sbst } = c;
  const chosen = input.mgnaDvsn === '01' ? initial : maintenance;
  let cash_mgna = chosen.cash.add(longOptionPremium.round(0, mp.rounding));
  let sbst_mgna = chosen.substitute;
  if (input.marginOverride !== undefined) {
    cash_mgna = decimalAt(input.marginOverride.cash_mgna, 'marginOverride.cash_mgna');
    sbst_mgna = decimalAt(input.marginOverride.sbst_mgna, 'marginOverride.sbst_mgna');
  }
  const mgna_tota = cash_mgna.add(sbst_mgna);
  const nxdy_dnca = dnca_cash.add(day.net_cash);
  const prsm_dpast = nxdy_dnca.add(sums.optValue);
  // After the close: deposits against the maintenance requirement; a call restores the initial one.
  const cashEquity = nxdy_dnca.add(frcr_dncl_amt);
  const equity = cashEquity.add(dnca_sbst);
  const called = equity.lt(maintenance.total) || cashEquity.lt(maintenance.cash);
  const add_mgna_tota = called ? Decimal.max(0, initial.total.sub(equity)) : ZERO;
  const add_mgna_cash = called ? Decimal.max(0, initial.cash.sub(cashEquity)) : ZERO;
  // 유지증거금총액/현금: the maintenance requirement, shown (like mtnc_rt and isfc_amt) when
  // deposits after the close are below it; 0 otherwise, as in KIS's example.
  const mmga_tot_amt = called ? maintenance.total : ZERO;
  const mmga_cash_amt = called ? maintenance.cash : ZERO;
  const mtnc_rt =
    called && maintenance.total.isPositive()
      ? equity.mul(100).div(maintenance.total, PRICE_SCALE, 'down')
      : ZERO.round(PRICE_SCALE, 'down');
  const ord_psbl_sbst = Decimal.max(0, dnca_sbst.sub(sbst_mgna));
  const ord_psbl_cash = dnca_cash.sub(cash_mgna).sub(Decimal.max(0, sbst_mgna.sub(dnca_sbst)));
  return {
    dnca_cash,
    frcr_dncl_amt,
    dnca_sbst,
    tot_dncl_amt: dnca_cash.add(frcr_dncl_amt).add(dnca_sbst),
    tot_ccld_amt: day.tot_ccld_amt,
    cash_mgna,
    sbst_mgna,
    mgna_tota,
    opt_dfpa: day.opt_dfpa,
    thdt_dfpa: day.thdt_dfpa,
    rnwl_dfpa: day.rnwl_dfpa,
    fee: day.fee,
    nxdy_dnca,
    nxdy_dncl_amt: nxdy_dnca.add(frcr_dncl_amt).add(dnca_sbst),
    prsm_dpast,
    prsm_dpast_amt: prsm_dpast.add(frcr_dncl_amt).add(dnca_sbst),
    pprt_ord_psbl_cash: Decimal.max(0, dnca_cash.sub(mgna_tota)),
    add_mgna_cash,
    add_mgna_tota,
    futr_trad_pfls_amt: sums.futrTrad,
    opt_trad_pfls_amt: sums.optTrad,
    futr_evlu_pfls_amt: sums.futrEvlu,
    opt_evlu_pfls_amt: sums.optEvlu,
    trad_pfls_amt_smtl: sums.futrTrad.add(sums.optTrad),
    evlu_pfls_amt_smtl: sums.futrEvlu.add(sums.optEvlu),
    wdrw_psbl_tot_amt: Decimal.max(0, dnca_cash.add(dnca_sbst).sub(mgna_tota)),
    ord_psbl_cash,
    ord_psbl_sbst,
    ord_psbl_tota: ord_psbl_cash.add(ord_psbl_sbst),
    pchs_amt_smtl: sums.pchs,
    evlu_amt_smtl: sums.evlu,
    mmga_tot_amt,
    mmga_cash_amt,
    mtnc_rt,
    isfc_amt: Decimal.max(0, maintenance.total.sub(equity)),
  };
}
