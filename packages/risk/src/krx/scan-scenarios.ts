import { Decimal } from '@kisfo/protocol';
import type { KrxMarginInput, KrxMarginPosition } from './margin.js';
import { type KrxSeriesScan, krxPricePoints, scanKrxSeries } from './margin-scan.js';
import { instrumentKey, KrxInputError, KrxMarketIndex } from './resolve.js';
import type { DomesticBalanceInput, DomesticBalanceRow } from './types.js';

/** One scenario of the KRX price-variation scan: a price move and a volatility shift. */
export interface KrxScanScenario {
  /** Underlying move as a fraction of the base level (−0.081 … +0.081 for an 8.1 % range); futures move with it. */
  priceMove: number;
  /** The volatility shift of this scenario. */
  vol: 'up' | 'down';
  /** P&L of the group's net book in KRW (float; negative is a loss). */
  pnl: number;
}

/** The scan of one product group: its P&L in every scenario and the worst one. */
export interface KrxGroupScan {
  group: string;
  level: 'initial' | 'maintenance';
  /** 2 × pricePoints scenarios, price moves ascending, vol up before vol down at each move. */
  scenarios: KrxScanScenario[];
  /** Index of the worst scenario (largest loss; the first of equal ones). */
  worst: number;
  /**
   * The scan loss (≥ 0), recomputed exactly over every scenario and rounded to the won as the
   * margin rounds it (item 1 before the OA floor): the margin's figure, to the won.
   */
  worstLoss: Decimal;
}

/**
 * The KRX margin scan per scenario, per product group: the same scenarios, netting and pricing as
 * {@link computeKrxMargin}'s price-variation item, kept per scenario instead of reduced to the worst
 * loss, so a chart can show the P&L of the book under each one.
 *
 * @example
 * ```ts
 * const [g] = krxScanScenarios({ positions, market, parameters: SAMPLE_KRX_MARGIN_PARAMETERS, level: 'initial' });
 * g.scenarios[g.worst].pnl; // the worst P&L, −(scan loss)
 * ```
 */
export function krxScanScenarios(input: KrxMarginInput): KrxGroupScan[] {
  const { parameters: p, level } = input;
  const market =
    input.market instanceof KrxMarketIndex ? input.market : new KrxMarketIndex(input.market);
  const n = krxPricePoints(p);
  const half = (n - 1) / 2;
  // Net per series, then group, exactly as the margin does.
  const net = new Map<string, KrxMarginPosition>();
  for (const pos of input.positions) {
    const key = instrumentKey(pos.instrument);
    net.set(key, { instrument: pos.instrument, qty: (net.get(key)?.qty ?? 0) + pos.qty });
  }
  const byGroup = new Map<string, KrxMarginPosition[]>();
  for (const pos of net.values()) {
    if (pos.qty === 0) continue;
    const g = pos.instrument.spec.group;
    byGroup.set(g, [...(byGroup.get(g) ?? []), pos]);
  }
  const out: KrxGroupScan[] = [];
  for (const [group, list] of [...byGroup.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const gp = p.groups.find((x) => x.group === group);
    if (gp === undefined)
      throw new KrxInputError('parameters.groups', `no margin parameters for group "${group}"`);
    const lv = level === 'initial' ? gp.initial : gp.maintenance;
    const rangeD = Decimal.parse(lv.priceRange);
    const range = rangeD.toNumber();
    const und = market.underlying(group, `group "${group}"`);
    const base = Decimal.from(und.level);
    const scen = new Float64Array(2 * n);
    const held: { scan: KrxSeriesScan; w: Decimal }[] = [];
    for (const pos of list) {
      const s = scanKrxSeries(pos.instrument, market, und.vol, base, rangeD, half, gp.volShift, p);
      const w = pos.qty * Number(pos.instrument.spec.multiplier);
      for (let j = 0; j < scen.length; j++) scen[j]! += w * s.pnl[j]!;
      held.push({ scan: s, w: pos.instrument.multiplier.mul(pos.qty) });
    }
    let worst = 0;
    let loss = 0;
    for (let j = 0; j < scen.length; j++) {
      if (-scen[j]! > loss) {
        loss = -scen[j]!;
        worst = j;
      }
    }
    // Every scenario exactly (books here are small): the exact worst, rounded once.
    let exact = Decimal.ZERO;
    for (let j = 0; j < scen.length; j++) {
      let l = Decimal.ZERO;
      for (const h of held) l = l.sub(h.w.mul(h.scan.exactTimesHalf(j)));
      if (l.gt(exact)) exact = l;
    }
    const scenarios: KrxScanScenario[] = [];
    for (let j = 0; j < scen.length; j++) {
      const k = Math.floor(j / 2) - half;
      scenarios.push({
        priceMove: half === 0 ? 0 : (range * k) / half,
        vol: j % 2 === 0 ? 'up' : 'down',
        pnl: scen[j]!,
      });
    }
    const worstLoss = half === 0 ? Decimal.ZERO : exact.div(half, 0, p.rounding);
    out.push({ group, level, scenarios, worst, worstLoss });
  }
  return out;
}

/**
 * The positions the domestic balance margins: the open quantity of every `output1` row (long +,
 * short −) plus the opening quantity of working orders — the book {@link krxScanScenarios} scans.
 *
 * @example
 * ```ts
 * const bal = computeDomesticBalance(input);
 * krxScanScenarios({ positions: domesticMarginPositions(input, bal.output1), market: input.market,
 *   parameters: input.marginParameters ?? SAMPLE_KRX_MARGIN_PARAMETERS, level: 'initial' });
 * ```
 */
export function domesticMarginPositions(
  input: DomesticBalanceInput,
  output1: readonly Pick<DomesticBalanceRow, 'pdno' | 'sll_buy_dvsn_cd' | 'cblc_qty'>[],
): KrxMarginPosition[] {
  const market = new KrxMarketIndex(input.market);
  const out: KrxMarginPosition[] = [];
  for (const row of output1) {
    const qty = Number(row.cblc_qty.toString());
    if (qty === 0) continue;
    const ins = market.resolve(row.pdno, `output1 "${row.pdno}"`);
    out.push({ instrument: ins, qty: row.sll_buy_dvsn_cd === '02' ? qty : -qty });
  }
  input.account.orders.forEach((o, i) => {
    if (o.openClose !== 'open') return;
    const ins = market.resolve(o.pdno, `account.orders[${i}].pdno`);
    out.push({ instrument: ins, qty: o.side === 'buy' ? o.qty : -o.qty });
  });
  return out;
}
