import { Decimal } from '@kisfo/protocol';
import {
  computeDomesticBalance,
  type DomesticBalanceInput,
  type KrxMarginLevel,
  type KrxMarginParameters,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '@kisfo/risk';
import type { Scenario } from '../ledger/scenario/types.js';
import type { BalanceAnswer } from './answers.js';
import { ScenarioLedger } from './scenario-ledger.js';

/** The KRX margin parameters that best explain KIS's margin totals. */
export interface MarginFit {
  /** `'sample'` when the samples already reproduce every total exactly. */
  parameters: KrxMarginParameters | 'sample';
  /** Scale applied to every rate of the initial (개시) and maintenance (유지) levels. */
  scale: { initial: string; maintenance: string };
  /** Σ |kisfo − KIS| of `mgna_tota` over the answers of each level after the fit, KRW. */
  residual: { initial: string; maintenance: string };
  summary: string;
}

type Level = 'initial' | 'maintenance';

function scaleLevel(l: KrxMarginLevel, s: Decimal): KrxMarginLevel {
  const m = (v: string) => Decimal.parse(v).mul(s).normalize().toString();
  return {
    ...l,
    priceRange: m(l.priceRange),
    spreadRate: m(l.spreadRate),
    shortOptionMinimumRate: m(l.shortOptionMinimumRate),
    deliveryRate: m(l.deliveryRate),
  };
}

/** The sample parameters with every rate of one level scaled by `s`. */
export function scaledKrxMargin(
  base: KrxMarginParameters,
  scale: { initial: Decimal; maintenance: Decimal },
): KrxMarginParameters {
  return {
    ...base,
    groups: base.groups.map((g) => ({
      ...g,
      initial: scaleLevel(g.initial, scale.initial),
      maintenance: scaleLevel(g.maintenance, scale.maintenance),
    })),
  };
}

/**
 * Fit one scale per margin level to KIS's `mgna_tota` (MGNA_DVSN 01 → initial, 02 →
 * maintenance): the margin rises with the scan range, so bisection finds the scale whose total
 * is closest to KIS's. The samples are kept when they already reproduce every total. Only the
 * rates' common scale is fitted — the answers carry one total per account and level, too few to
 * tell the rates of each group apart.
 *
 * @example
 * ```ts
 * const fit = fitKrxMargin(scenario, answers.balances);
 * fit.scale.initial; // '1' when the samples explain KIS's totals
 * ```
 */
export function fitKrxMargin(scenario: Scenario, balances: readonly BalanceAnswer[]): MarginFit {
  const ledger = new ScenarioLedger(scenario);
  const cases: { level: Level; input: DomesticBalanceInput; target: Decimal }[] = [];
  try {
    for (const b of balances) {
      const input = ledger.domesticInput(b.account, b);
      if (input === undefined) continue;
      cases.push({
        level: b.mgnaDvsn === '01' ? 'initial' : 'maintenance',
        input,
        target: Decimal.parse((b.output2.mgna_tota ?? '').trim() || '0'),
      });
    }
  } finally {
    ledger.close();
  }
  const base = SAMPLE_KRX_MARGIN_PARAMETERS;
  const error = (level: Level, s: Decimal): Decimal => {
    const params = scaledKrxMargin(base, { initial: s, maintenance: s });
    let e = Decimal.ZERO;
    for (const c of cases) {
      if (c.level !== level) continue;
      const got = computeDomesticBalance({ ...c.input, marginParameters: params }).output2
        .mgna_tota;
      e = e.add(got.sub(c.target));
    }
    return e;
  };
  const fit = (level: Level): { scale: Decimal; residual: Decimal } => {
    if (!cases.some((c) => c.level === level))
      return { scale: Decimal.ONE, residual: Decimal.ZERO };
    const at1 = error(level, Decimal.ONE);
    if (at1.isZero()) return { scale: Decimal.ONE, residual: Decimal.ZERO };
    // Bracket, then bisect on a decimal grid (scales kept to 8 decimals, exact in the params).
    let lo = Decimal.ZERO;
    let hi = Decimal.ONE;
    if (at1.isNegative()) {
      lo = Decimal.ONE;
      hi = Decimal.from(2);
      while (error(level, hi).isNegative() && hi.lt(64)) hi = hi.mul(2);
    }
    for (let i = 0; i < 40; i++) {
      const mid = lo.add(hi).div(2, 8, 'half-up');
      if (mid.eq(lo) || mid.eq(hi)) break;
      if (error(level, mid).isNegative()) lo = mid;
      else hi = mid;
    }
    const el = error(level, lo).abs();
    const eh = error(level, hi).abs();
    const best = el.lte(eh) ? { scale: lo, residual: el } : { scale: hi, residual: eh };
    // Totals are rounded to the won, so a small interval of scales fits equally well: report
    // the shortest decimal in it (1.25 rather than 1.24999997).
    for (let d = 1; d < 8; d++) {
      for (const s of [best.scale.round(d, 'half-up'), best.scale.round(d, 'ceil')]) {
        if (error(level, s).abs().lte(best.residual)) return { scale: s, residual: best.residual };
      }
    }
    return best;
  };
  const initial = fit('initial');
  const maintenance = fit('maintenance');
  const sample = initial.scale.eq(1) && maintenance.scale.eq(1);
  const parameters = sample
    ? ('sample' as const)
    : scaledKrxMargin(base, { initial: initial.scale, maintenance: maintenance.scale });
  return {
    parameters,
    scale: {
      initial: initial.scale.normalize().toString(),
      maintenance: maintenance.scale.normalize().toString(),
    },
    residual: {
      initial: initial.residual.toString(),
      maintenance: maintenance.residual.toString(),
    },
    summary: sample
      ? 'KRX margin: the sample parameters reproduce KIS’s margin totals exactly'
      : `KRX margin: sample rates × ${initial.scale.normalize()} (initial), × ${maintenance.scale.normalize()} (maintenance); residual ${initial.residual} / ${maintenance.residual} KRW`,
  };
}
