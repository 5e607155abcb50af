/**
 * Build a product class whose risk arrays come from the pricer (no exchange file): futures are
 * linear, options Black-76 on their future; SPAN classes get 16 scenarios and composite deltas,
 * EUREX-style classes the price grid of their margin interval.
 */
import { Decimal } from '@kisfo/protocol';
import { black76Price } from '../pricing/index.js';
import {
  EUREX_DEFAULT_STEPS,
  generateEurexRiskArray,
  generateSpanRiskArray,
  type SpanPricingSpec,
  spanCompositeDelta,
} from './scenarios.js';
import type { OverseasContractParams, OverseasProductClass } from './types.js';

/** Options of one expiry on one future. */
export interface OverseasGeneratedOptionSeries {
  /** Option expiry month CCYYMM. */
  month: string;
  /** The futures month it exercises into. */
  underlyingMonth: string;
  timeYears: number;
  vol: number;
  rate: number;
  strikes: readonly number[];
}

/** What {@link generateOverseasProductClass} needs besides the class's own fields. */
export interface OverseasClassGeneratorSpec
  extends Omit<OverseasProductClass, 'contracts' | 'scan'> {
  futures: readonly { month: string; price: number }[];
  options?: readonly OverseasGeneratedOptionSeries[];
  /** Scan: price scan range (SPAN) or margin interval (EUREX) in price units, etc. */
  scan: {
    priceScanRange: number;
    volScanRange: number;
    extremeMove: number;
    coveredFraction: number;
  };
  /** General method: per-contract futures rates. */
  generalFutures?: { initial: string; maintenance: string };
  /** General method: per-contract short option rates. */
  generalShortOptions?: { initial: string; maintenance: string };
}

function toTick(price: number, tick: Decimal): string {
  const ticks = Decimal.fromFloat(price / tick.toNumber(), 0, 'half-up');
  return ticks.mul(tick).toString();
}

/**
 * Generate a product class (risk arrays, composite deltas, settlement prices) from the pricer.
 *
 * @example
 * ```ts
 * const es = generateOverseasProductClass({
 *   exchange: 'CME', classCode: 'ES', currency: 'USD', method: 'span', tickSize: '0.25',
 *   tickValue: '12.50', multiplier: '50', initialToMaintenance: '1.1',
 *   futures: [{ month: '202506', price: 5300 }],
 *   scan: { priceScanRange: 300, volScanRange: 0.04, extremeMove: 3, coveredFraction: 0.33 },
 * });
 * es.contracts[0].riskArray?.[10]; // −15000
 * ```
 */
export function generateOverseasProductClass(
  spec: OverseasClassGeneratorSpec,
): OverseasProductClass {
  const { futures, options, scan, generalFutures, generalShortOptions, ...rest } = spec;
  const mult = Number(spec.multiplier);
  const tick = Decimal.parse(spec.tickSize);
  const steps = spec.eurexSteps ?? EUREX_DEFAULT_STEPS;
  const arrays = (p: SpanPricingSpec): number[] | undefined => {
    if (spec.method === 'general') return undefined;
    const a =
      spec.method === 'span'
        ? generateSpanRiskArray(p, scan)
        : generateEurexRiskArray(p, scan.priceScanRange, steps);
    return Array.from(a);
  };
  const contracts: OverseasContractParams[] = [];
  const forwardOf = new Map(futures.map((f) => [f.month, f.price]));
  for (const f of futures) {
    const p: SpanPricingSpec = { kind: 'future', forward: f.price, multiplier: mult };
    contracts.push({
      kind: 'future',
      contractMonth: f.month,
      settlementPrice: toTick(f.price, tick),
      riskArray: arrays(p),
      compositeDelta: 1,
      generalInitial: generalFutures?.initial,
      generalMaintenance: generalFutures?.maintenance,
    });
  }
  for (const s of options ?? []) {
    const forward = forwardOf.get(s.underlyingMonth);
    if (forward === undefined) {
      throw new RangeError(
        `generateOverseasProductClass: no future ${s.underlyingMonth} for options`,
      );
    }
    for (const strike of s.strikes) {
      for (const kind of ['call', 'put'] as const) {
        const p: SpanPricingSpec = {
          kind,
          forward,
          strike,
          timeYears: s.timeYears,
          vol: s.vol,
          rate: s.rate,
          multiplier: mult,
        };
        const price = black76Price(kind === 'call', forward, strike, s.timeYears, s.vol, s.rate);
        contracts.push({
          kind,
          contractMonth: s.month,
          underlyingMonth: s.underlyingMonth,
          strike: String(strike),
          settlementPrice: toTick(price, tick),
          riskArray: arrays(p),
          compositeDelta: spanCompositeDelta(p, scan.priceScanRange),
          generalInitial: generalShortOptions?.initial,
          generalMaintenance: generalShortOptions?.maintenance,
        });
      }
    }
  }
  return {
    ...rest,
    contracts,
    scan: {
      priceScanRange: String(scan.priceScanRange),
      volScanRange: String(scan.volScanRange),
      extremeMove: String(scan.extremeMove),
      coveredFraction: String(scan.coveredFraction),
    },
  };
}
