import { Decimal } from '@kisfo/protocol';
import { KIS_FO_PRODUCT_TYPE_CODE } from './codes.js';
import { computeKrxMargin, type KrxMarginPosition, type KrxMarginResult } from './margin.js';
import { SAMPLE_KRX_MARGIN_PARAMETERS } from './margin-params.js';
import { decimalAt, instrumentKey, KrxInputError, KrxMarketIndex, qtyAt } from './resolve.js';
import { type KrxSettledLeg, settleKrxDay } from './settlement.js';
import { SAMPLE_KRX_SETTLEMENT_PARAMETERS } from './settlement-params.js';
import type {
  DomesticBalance,
  DomesticBalanceInput,
  DomesticBalanceRow,
  DomesticBalanceSummary,
} from './types.js';

const PRICE_SCALE = 8;
const ZERO = Decimal.ZERO;

/**
 * The domestic futures/options balance (선물옵션 잔고현황, CTFO6118R): every `output1` row and the
 * `output2` summary under their wire names, following kisfo's documented computation contract.
 *
 * Rows are one per series and side that is open or was closed today, sorted by `pdno` then long
 * before short, so paging is stable. Prices carry 8 decimals; KRW amounts are integers rounded
 * with the settlement parameters' `amountRounding`.
 *
 * @throws KrxInputError naming the path of bad input (`account.positions[3].pdno: unknown KRX code "XYZ" …`).
 * @example
 * const bal = computeDomesticBalance({
 *   account: { dnca_cash: '10101527360', frcr_dncl_amt: '0', dnca_sbst: '0',
 *     positions: [{ pdno: 'KR4101SC0009', side: 'long', qty: 3, avgPrice: '320.50', priorSettlement: '309.10' }],
 *     fills: [], orders: [] },
 *   market: { asOf: '2022-11-01', quotes: [{ pdno: '101S12', price: '307.45' }],
 *     underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }] },
 *   mgnaDvsn: '01', exccStatCd: '1',
 * });
 * bal.output1[0]?.pchs_amt.toString(); // '231825000'
 */
export function computeDomesticBalance(input: DomesticBalanceInput): DomesticBalance {
  if (input.mgnaDvsn !== '01' && input.mgnaDvsn !== '02') {
    throw new KrxInputError(
      'mgnaDvsn',
      `must be "01" or "02" (got ${JSON.stringify(input.mgnaDvsn)})`,
    );
  }
  if (input.exccStatCd !== '1' && input.exccStatCd !== '2') {
    throw new KrxInputError(
      'exccStatCd',
      `must be "1" or "2" (got ${JSON.stringify(input.exccStatCd)})`,
    );
  }
  const acct = input.account;
  const sp = input.settlementParameters ?? SAMPLE_KRX_SETTLEMENT_PARAMETERS;
  const mp = input.marginParameters ?? SAMPLE_KRX_MARGIN_PARAMETERS;
  const rnd = (d: Decimal) => d.round(0, sp.amountRounding);
  if (input.marketIndex !== undefined && input.marketIndex.market !== input.market)
    throw new KrxInputError(
      'marketIndex: not the index of this market (build it from input.market)',
    );
  const market = input.marketIndex ?? new KrxMarketIndex(input.market);
  const dnca_cash = decimalAt(acct.dnca_cash, 'account.dnca_cash');
  const frcr_dncl_amt = decimalAt(acct.frcr_dncl_amt, 'account.frcr_dncl_amt');
  const dnca_sbst = decimalAt(acct.dnca_sbst, 'account.dnca_sbst');
  for (const k of ['positions', 'fills', 'orders'] as const) {
    if (!Array.isArray(acct[k])) throw new KrxInputError(`account.${k}`, 'must be an array');
  }
  const day = settleKrxDay({
    positions: acct.positions,
    fills: acct.fills,
    market,
    parameters: sp,
    pathPrefix: 'account.',
    carried: false, // the balance reads the legs and figures only
  });

  // Working orders: closing quantity reduces lqd_psbl_qty; opening quantity is margined.
  const pendingClose = new Map<string, number>();
  const orderPositions: KrxMarginPosition[] = [];
  let longOptionPremium = ZERO;
  acct.orders.forEach((o, i) => {
    const path = `account.orders[${i}]`;
    const ins = market.resolve(o.pdno, `${path}.pdno`);
    const qty = qtyAt(o.qty, `${path}.qty`);
    if (o.side !== 'buy' && o.side !== 'sell')
      throw new KrxInputError(`${path}.side`, 'must be "buy" or "sell"');
    const quote = market.quote(ins, `${path}.pdno`);
    const price = o.price === undefined ? quote.priceD : decimalAt(o.price, `${path}.price`);
    if (o.openClose === 'close') {
      const key = `${instrumentKey(ins)}|${o.side === 'sell' ? 'long' : 'short'}`;
      pendingClose.set(key, (pendingClose.get(key) ?? 0) + qty);
    } else if (o.openClose === 'open') {
      orderPositions.push({ instrument: ins, qty: o.side === 'buy' ? qty : -qty });
      if (ins.spec.kind !== 'future' && o.side === 'buy') {
        longOptionPremium = longOptionPremium.add(price.mul(ins.multiplier).mul(qty));
      }
    } else {
      throw new KrxInputError(
        `${path}.openClose`,
        `must be "open" or "close" (got ${JSON.stringify(o.openClose)})`,
      );
    }
  });

  const cano = acct.cano ?? '';
  const acntPrdtCd = acct.acntPrdtCd ?? '';
  const output1: DomesticBalanceRow[] = [];
  const held: KrxMarginPosition[] = [];
  const sums = {
    pchs: ZERO,
    evlu: ZERO,
    futrEvlu: ZERO,
    optEvlu: ZERO,
    futrTrad: ZERO,
    optTrad: ZERO,
    optValue: ZERO,
  };
  for (const leg of day.legs) {
    const row = balanceRow(leg, input.exccStatCd, pendingClose, cano, acntPrdtCd, rnd);
    output1.push(row);
    const qty = Number(row.cblc_qty.coefficient);
    if (qty > 0) held.push({ instrument: leg.instrument, qty: leg.side === 'long' ? qty : -qty });
    const isFuture = leg.instrument.spec.kind === 'future';
    sums.pchs = sums.pchs.add(row.pchs_amt);
    sums.evlu = sums.evlu.add(row.evlu_amt);
    if (isFuture) {
      sums.futrEvlu = sums.futrEvlu.add(row.evlu_pfls_amt);
      sums.futrTrad = sums.futrTrad.add(row.trad_pfls_amt);
    } else {
      sums.optEvlu = sums.optEvlu.add(row.evlu_pfls_amt);
      sums.optTrad = sums.optTrad.add(row.trad_pfls_amt);
      sums.optValue =
        leg.side === 'long' ? sums.optValue.add(row.evlu_amt) : sums.optValue.sub(row.evlu_amt);
    }
  }

  const margin = (
    level: 'initial' | 'maintenance',
    positions: KrxMarginPosition[],
  ): KrxMarginResult => computeKrxMargin({ positions, market, parameters: mp, level });
  const withOrders = [...held, ...orderPositions];
  const initial = margin('initial', withOrders);
  const maintenance = margin('maintenance', withOrders);
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

  const output2: DomesticBalanceSummary = {
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
  return { output1, output2 };
}

function weighted(leg: KrxSettledLeg, pick: 'settleBasis' | 'costBasis', qty: number): Decimal {
  if (qty === 0) return ZERO.round(PRICE_SCALE, 'down');
  // One lot: (basis × qty) ÷ qty is the basis itself, rounded the same way.
  if (leg.lots.length === 1) return leg.lots[0]![pick].round(PRICE_SCALE, 'half-up');
  return Decimal.sum(leg.lots.map((l) => l[pick].mul(l.qty))).div(qty, PRICE_SCALE, 'half-up');
}

function balanceRow(
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
