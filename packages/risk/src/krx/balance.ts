import {
  addRow,
  balanceRow,
  balanceSummary,
  checkBalanceInput,
  emptyRowSums,
  heldOf,
  workingOrders,
} from './balance-parts.js';
import { computeKrxMargin, type KrxMarginPosition, type KrxMarginResult } from './margin.js';
import { settleKrxDay } from './settlement.js';
import type { DomesticBalance, DomesticBalanceInput, DomesticBalanceRow } from './types.js';

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
  const c = checkBalanceInput(input);
  const { market, mp } = c;
  const acct = input.account;
  const day = settleKrxDay({
    positions: acct.positions,
    fills: acct.fills,
    market,
    parameters: c.sp,
    pathPrefix: 'account.',
    carried: false, // the balance reads the legs and figures only
  });
  // Working orders: closing quantity reduces lqd_psbl_qty; opening quantity is margined.
  const orders = workingOrders(acct.orders, market);
  const cano = acct.cano ?? '';
  const acntPrdtCd = acct.acntPrdtCd ?? '';
  const output1: DomesticBalanceRow[] = [];
  const held: KrxMarginPosition[] = [];
  const sums = emptyRowSums();
  for (const leg of day.legs) {
    const row = balanceRow(leg, input.exccStatCd, orders.pendingClose, cano, acntPrdtCd, c.rnd);
    output1.push(row);
    const h = heldOf(leg, row);
    if (h !== undefined) held.push(h);
    addRow(sums, leg, row);
  }
  const margin = (
    level: 'initial' | 'maintenance',
    positions: KrxMarginPosition[],
  ): KrxMarginResult => computeKrxMargin({ positions, market, parameters: mp, level });
  const withOrders = [...held, ...orders.positions];
  const initial = margin('initial', withOrders);
  const maintenance = margin('maintenance', withOrders);
  const output2 = balanceSummary(
    input,
    c,
    day,
    sums,
    orders.longOptionPremium,
    initial,
    maintenance,
  );
  return { output1, output2 };
}
