/**
 * A kept domestic balance: built once from a {@link DomesticBalanceInput}, then told of each
 * change (a fill, a series' new quote). A change touches one series, so only that series is
 * settled again, only its rows are replaced, and only its net quantity is set again in its
 * group's margin state; every sum is exact and taken out and put back per series, so the figures
 * equal a fresh {@link computeDomesticBalance} of the same state to the won.
 */
import { Decimal } from '@kisfo/protocol';
import {
  addRow,
  balanceRow,
  balanceSummary,
  type CheckedBalanceInput,
  checkBalanceInput,
  emptyRowSums,
  heldOf,
  type RowSums,
  type WorkingOrders,
  workingOrders,
} from './balance-parts.js';
import type { KrxInstrument } from './codes.js';
import { type KrxMarginResult, krxMarginRollUp } from './margin.js';
import { KrxGroupMarginState } from './margin-group.js';
import { krxPricePoints } from './margin-scan.js';
import { decimalAt, instrumentKey, KrxInputError, type KrxMarketIndex } from './resolve.js';
import { type KrxExactDay, type KrxSettledLeg, settleKrxDayExact } from './settlement.js';
import type {
  DomesticAccountState,
  DomesticBalance,
  DomesticBalanceInput,
  DomesticBalanceRow,
  KrxFill,
  KrxPosition,
  KrxQuote,
} from './types.js';

type ExactSums = Pick<KrxExactDay, 'thdt' | 'rnwl' | 'opt' | 'finalCash' | 'fee' | 'traded'>;
const SUM_KEYS = ['thdt', 'rnwl', 'opt', 'finalCash', 'fee', 'traded'] as const;
const NO_SUMS: ExactSums = {
  thdt: Decimal.ZERO,
  rnwl: Decimal.ZERO,
  opt: Decimal.ZERO,
  finalCash: Decimal.ZERO,
  fee: Decimal.ZERO,
  traded: Decimal.ZERO,
};

/** One series of the account: its rows of data, its legs and rows, its part of the day. */
interface Series {
  key: string;
  ins: KrxInstrument;
  positions: KrxPosition[];
  fills: KrxFill[];
  legs: KrxSettledLeg[];
  rows: DomesticBalanceRow[];
  /** This series' exact day sums; computed when the series first changes. */
  exact?: ExactSums;
}

/**
 * The domestic balance of one account, kept between changes. `balance()` returns what
 * `computeDomesticBalance(book.input)` returns; `addFill` and `setQuote` recompute only the
 * series they touch (its settlement, rows and margin contribution; the group's margin is read
 * from kept exact sums). A bad change throws a {@link KrxInputError} and changes nothing.
 *
 * Errors of a change name the series and the fill's place among that series' fills
 * (`KR4101S…: fills[2].qty: closing 5 …`).
 *
 * @example
 * ```ts
 * const book = new DomesticBalanceBook(input);
 * book.addFill({ fillId: 'f9', pdno: '101S12', side: 'buy', openClose: 'open', qty: 1, price: '307.45' });
 * book.setQuote({ pdno: '101S12', price: '308.10', priorSettlement: '309.10' });
 * book.setCash({ dnca_cash: '10200000000', frcr_dncl_amt: '0', dnca_sbst: '0' });
 * book.balance().output2.mgna_tota; // the same as computeDomesticBalance(book.input)
 * ```
 */
export class DomesticBalanceBook {
  private state: DomesticBalanceInput;
  private checked: CheckedBalanceInput;
  private orders: WorkingOrders;
  /** Signed opening-order quantity per series (margined with what is held). */
  private readonly orderNet = new Map<string, number>();
  private readonly series = new Map<string, Series>();
  private totals: ExactSums;
  private readonly sums: RowSums = emptyRowSums();
  private readonly margins = new Map<
    string,
    { initial: KrxGroupMarginState; maintenance: KrxGroupMarginState }
  >();
  private output1: DomesticBalanceRow[] | undefined;
  private order: Series[] | undefined;

  constructor(input: DomesticBalanceInput) {
    const c = checkBalanceInput(input);
    this.checked = c;
    const market = c.market;
    krxPricePoints(c.mp);
    const acct = input.account;
    // The whole day once, with the account's own paths in any error.
    const day = settleKrxDayExact({
      positions: acct.positions,
      fills: acct.fills,
      market,
      parameters: c.sp,
      pathPrefix: 'account.',
      carried: false,
    });
    this.orders = workingOrders(acct.orders, market);
    this.state = {
      ...input,
      account: { ...acct, fills: [...acct.fills] },
      marketIndex: market,
    };
    this.totals = {
      thdt: day.thdt,
      rnwl: day.rnwl,
      opt: day.opt,
      finalCash: day.finalCash,
      fee: day.fee,
      traded: day.traded,
    };
    const of = (pdno: string) => this.entry(market.resolve(pdno, 'pdno'));
    for (const p of acct.positions) of(p.pdno).positions.push(p);
    for (const f of acct.fills) of(f.pdno).fills.push(f);
    for (const leg of day.legs) this.entry(leg.instrument).legs.push(leg);
    for (const o of this.orders.positions) this.addOrderNet(o.instrument, o.qty);
    for (const s of this.series.values()) {
      s.rows = this.rowsOf(s.legs);
      this.setMargin(s);
    }
  }

  /** The state the book is at: the input with every change applied (and its market index). */
  get input(): DomesticBalanceInput {
    return this.state;
  }

  /** The balance now (`output1` sorted by pdno, then long before short). */
  balance(): DomesticBalance {
    const c = this.checked;
    const r = (d: Decimal) => d.round(0, c.sp.amountRounding);
    const t = this.totals;
    const day = {
      thdt_dfpa: r(t.thdt),
      rnwl_dfpa: r(t.rnwl),
      opt_dfpa: r(t.opt),
      fee: t.fee,
      tot_ccld_amt: r(t.traded),
      net_cash: r(t.thdt).add(r(t.rnwl)).add(r(t.opt)).add(r(t.finalCash)).sub(t.fee),
    };
    if (this.output1 === undefined) {
      // The series in row order, sorted again only when one was added.
      this.order ??= [...this.series.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
      const out: DomesticBalanceRow[] = [];
      for (const x of this.order) for (const row of x.rows) out.push(row);
      this.output1 = out;
    }
    return {
      output1: this.output1.slice(),
      output2: balanceSummary(
        this.state,
        { ...c, market: this.market },
        day,
        this.sums,
        this.orders.longOptionPremium,
        this.marginOf('initial'),
        this.marginOf('maintenance'),
      ),
    };
  }

  /** Apply one more fill of today (after all the others). */
  addFill(fill: KrxFill): void {
    const ins = this.market.resolve(fill.pdno, 'fill.pdno');
    const s = this.series.get(instrumentKey(ins));
    const fills = [...(s?.fills ?? []), fill];
    const old = s === undefined ? NO_SUMS : this.exactOf(s);
    const next = this.settle(ins, s?.positions ?? [], fills);
    const entry = s ?? this.entry(ins);
    entry.fills = fills;
    this.state.account.fills.push(fill);
    this.replace(entry, old, next);
  }

  /** Replace (or add) one series' quote: its price, prior settlement, volatility or final flag. */
  setQuote(quote: KrxQuote): void {
    const market = this.market.withQuote(quote);
    const ins = market.resolve(quote.pdno, 'quote.pdno');
    // Everything that can refuse the quote is checked before anything changes.
    market.quote(ins, 'quote.pdno');
    if (quote.vol !== undefined && !(quote.vol >= 0))
      throw new KrxInputError(`quote.vol: must be ≥ 0 (got ${quote.vol})`);
    const s = this.series.get(instrumentKey(ins));
    const old = s === undefined ? NO_SUMS : this.exactOf(s);
    const next = s === undefined ? undefined : this.settle(ins, s.positions, s.fills, market);
    // Orders at the market are margined at the quote: read them again (nothing kept per order).
    const orders = workingOrders(this.state.account.orders, market);
    this.state = { ...this.state, market: market.market, marketIndex: market };
    this.orders = orders;
    for (const m of this.margins.values()) {
      m.initial.requote(market, [ins]);
      m.maintenance.requote(market, [ins]);
    }
    if (s !== undefined && next !== undefined) this.replace(s, old, next);
  }

  /**
   * Replace the account's cash (KRW cash, foreign cash at its KRW value, substitutes): only the
   * summary reads it, so nothing is settled again. A bad amount throws and changes nothing.
   */
  setCash(cash: Pick<DomesticAccountState, 'dnca_cash' | 'frcr_dncl_amt' | 'dnca_sbst'>): void {
    const dnca_cash = decimalAt(cash.dnca_cash, 'account.dnca_cash');
    const frcr_dncl_amt = decimalAt(cash.frcr_dncl_amt, 'account.frcr_dncl_amt');
    const dnca_sbst = decimalAt(cash.dnca_sbst, 'account.dnca_sbst');
    this.checked = { ...this.checked, dnca_cash, frcr_dncl_amt, dnca_sbst };
    const { account } = this.state;
    this.state = {
      ...this.state,
      account: {
        ...account,
        dnca_cash: cash.dnca_cash,
        frcr_dncl_amt: cash.frcr_dncl_amt,
        dnca_sbst: cash.dnca_sbst,
      },
    };
  }

  private get market(): KrxMarketIndex {
    return this.state.marketIndex!;
  }

  private entry(ins: KrxInstrument): Series {
    const key = instrumentKey(ins);
    let s = this.series.get(key);
    if (s === undefined) {
      s = { key, ins, positions: [], fills: [], legs: [], rows: [] };
      this.series.set(key, s);
      this.output1 = undefined;
      this.order = undefined;
    }
    return s;
  }

  private settle(
    ins: KrxInstrument,
    positions: KrxPosition[],
    fills: KrxFill[],
    market = this.market,
  ): KrxExactDay {
    return settleKrxDayExact({
      positions,
      fills,
      market,
      parameters: this.checked.sp,
      pathPrefix: `${instrumentKey(ins)}: `,
      carried: false,
    });
  }

  /** A series' exact day sums as they stand (settled alone the first time they are asked). */
  private exactOf(s: Series): ExactSums {
    if (s.exact === undefined) s.exact = this.settle(s.ins, s.positions, s.fills);
    return s.exact;
  }

  /** Take a series' old part out of every sum and put its new one in. */
  private replace(s: Series, old: ExactSums, next: KrxExactDay): void {
    for (const k of SUM_KEYS) this.totals[k] = this.totals[k].sub(old[k]).add(next[k]);
    s.exact = next;
    for (let i = 0; i < s.legs.length; i++) addRow(this.sums, s.legs[i]!, s.rows[i]!, -1);
    s.legs = next.legs;
    s.rows = this.rowsOf(next.legs);
    this.setMargin(s);
    this.output1 = undefined;
  }

  private rowsOf(legs: KrxSettledLeg[]): DomesticBalanceRow[] {
    const { exccStatCd, account } = this.state;
    const cano = account.cano ?? '';
    const prdt = account.acntPrdtCd ?? '';
    return legs.map((leg) => {
      const row = balanceRow(
        leg,
        exccStatCd,
        this.orders.pendingClose,
        cano,
        prdt,
        this.checked.rnd,
      );
      addRow(this.sums, leg, row);
      return row;
    });
  }

  private addOrderNet(ins: KrxInstrument, qty: number): void {
    const key = instrumentKey(ins);
    this.orderNet.set(key, (this.orderNet.get(key) ?? 0) + qty);
    this.entry(ins);
  }

  /** Set the series' net quantity (held + opening orders) in its group's margin states. */
  private setMargin(s: Series): void {
    let qty = this.orderNet.get(instrumentKey(s.ins)) ?? 0;
    for (let i = 0; i < s.legs.length; i++) qty += heldOf(s.legs[i]!, s.rows[i]!)?.qty ?? 0;
    const group = s.ins.spec.group;
    let m = this.margins.get(group);
    if (m === undefined) {
      if (qty === 0) return;
      const p = this.checked.mp;
      const gp = p.groups.find((x) => x.group === group);
      if (gp === undefined)
        throw new KrxInputError(`parameters.groups: no margin parameters for group "${group}"`);
      m = {
        initial: new KrxGroupMarginState(group, gp, gp.initial, p, this.market),
        maintenance: new KrxGroupMarginState(group, gp, gp.maintenance, p, this.market),
      };
      this.margins.set(group, m);
    }
    m.initial.set(s.ins, qty);
    m.maintenance.set(s.ins, qty);
  }

  private marginOf(level: 'initial' | 'maintenance'): KrxMarginResult {
    const groups = [...this.margins.entries()]
      .filter(([, m]) => m[level].size > 0)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([, m]) => m[level].result());
    return krxMarginRollUp(level, groups, this.checked.mp);
  }
}
