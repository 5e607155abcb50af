/**
 * Compile a product class into flat typed arrays once, so scans over many positions touch only
 * Float64Arrays. Validation of the parameters happens here and names the parameter field.
 */
import { Decimal } from '@kisfo/protocol';
import { OverseasInputError, overseasDecimal, overseasMonth, overseasText } from './errors.js';
import { EUREX_DEFAULT_STEPS, SPAN_SCENARIOS } from './scenarios.js';
import type {
  OverseasContractKind,
  OverseasContractParams,
  OverseasProductClass,
  SpanTier,
} from './types.js';

/** Contract kind codes in {@link OverseasCompiledClass.kind}. */
export const OVERSEAS_KIND_FUTURE = 0;
export const OVERSEAS_KIND_CALL = 1;
export const OVERSEAS_KIND_PUT = 2;

/** A product class ready for scanning. Index `i` addresses contract `def.contracts[i]`. */
export interface OverseasCompiledClass {
  readonly def: OverseasProductClass;
  /** `exchange:classCode`. */
  readonly key: string;
  /** Number of contracts. */
  readonly n: number;
  /** Scenarios per risk array (16 SPAN, 2·steps+1 EUREX, 0 general). */
  readonly scenarios: number;
  /** Risk arrays, contract-major: `riskArrays[i * scenarios + j]`. */
  readonly riskArrays: Float64Array;
  /** 0 future, 1 call, 2 put. */
  readonly kind: Uint8Array;
  /** Composite delta × delta scaling factor. */
  readonly delta: Float64Array;
  /** Index into {@link tiers} of each contract's futures month (−1: no tier). */
  readonly tierIndex: Int32Array;
  readonly tiers: readonly SpanTier[];
  /** Tier number at each index of {@link tiers}. */
  readonly tierNumbers: readonly number[];
  /** Futures month (underlying month for options) of each contract. */
  readonly futuresMonth: readonly string[];
  readonly settlement: readonly Decimal[];
  readonly multiplier: Decimal;
  readonly tickValue: Decimal;
  readonly tickSize: Decimal;
  readonly ratio: Decimal;
  /** Short option minimum per contract (class rate unless the contract overrides). */
  readonly shortOptionMinimum: readonly Decimal[];
  readonly somMethod: 'sum' | 'max';
  /** Contract lookup by {@link overseasContractKey}. */
  readonly lookup: ReadonlyMap<string, number>;
}

const KIND_CODE: Record<OverseasContractKind, number> = { future: 0, call: 1, put: 2 };

/**
 * The lookup key of a contract: kind, month and (for options) the normalised strike.
 *
 * @example
 * ```ts
 * overseasContractKey('call', '202506', '5300.00'); // 'call|202506|5300'
 * ```
 */
export function overseasContractKey(
  kind: OverseasContractKind,
  month: string,
  strike?: Decimal,
): string {
  return kind === 'future' ? `future|${month}` : `${kind}|${month}|${strike?.normalize() ?? ''}`;
}

const cache = new WeakMap<OverseasProductClass, OverseasCompiledClass>();

/**
 * Validate and compile a product class (cached per class object).
 *
 * @example
 * ```ts
 * const c = compileOverseasProductClass(SAMPLE_OVERSEAS_RISK_PARAMETERS.classes[0]);
 * c.scenarios; // 16
 * ```
 */
export function compileOverseasProductClass(
  def: OverseasProductClass,
  path = 'class',
): OverseasCompiledClass {
  const hit = cache.get(def);
  if (hit) return hit;
  const exchange = overseasText(def.exchange, `${path}.exchange`);
  const classCode = overseasText(def.classCode, `${path}.classCode`);
  if (!['span', 'eurex', 'general'].includes(def.method)) {
    throw new OverseasInputError(`${path}.method`, `unknown method ${JSON.stringify(def.method)}`);
  }
  const scenarios =
    def.method === 'span'
      ? SPAN_SCENARIOS
      : def.method === 'eurex'
        ? 2 * (def.eurexSteps ?? EUREX_DEFAULT_STEPS) + 1
        : 0;
  if (
    def.method === 'eurex' &&
    !(Number.isInteger(def.eurexSteps ?? 14) && (def.eurexSteps ?? 14) > 0)
  ) {
    throw new OverseasInputError(`${path}.eurexSteps`, 'must be a positive integer');
  }
  const multiplier = positive(def.multiplier, `${path}.multiplier`);
  const tickValue = positive(def.tickValue, `${path}.tickValue`);
  const tickSize = positive(def.tickSize, `${path}.tickSize`);
  const ratio = positive(def.initialToMaintenance, `${path}.initialToMaintenance`);
  const somRate = def.shortOptionMinimum
    ? nonNegative(def.shortOptionMinimum.rate, `${path}.shortOptionMinimum.rate`)
    : Decimal.ZERO;
  const n = def.contracts.length;
  const riskArrays = new Float64Array(n * scenarios);
  const kind = new Uint8Array(n);
  const delta = new Float64Array(n);
  const futuresMonth: string[] = [];
  const settlement: Decimal[] = [];
  const som: Decimal[] = [];
  const lookup = new Map<string, number>();
  def.contracts.forEach((c: OverseasContractParams, i) => {
    const cp = `${path}.contracts[${i}]`;
    if (!(c.kind in KIND_CODE)) {
      throw new OverseasInputError(`${cp}.kind`, `unknown kind ${JSON.stringify(c.kind)}`);
    }
    const month = overseasMonth(c.contractMonth, `${cp}.contractMonth`);
    const strike = c.kind === 'future' ? undefined : positive(c.strike, `${cp}.strike`);
    const fm =
      c.kind === 'future'
        ? month
        : overseasMonth(c.underlyingMonth ?? month, `${cp}.underlyingMonth`);
    const key = overseasContractKey(c.kind, month, strike);
    if (lookup.has(key)) throw new OverseasInputError(cp, `duplicate contract ${key}`);
    lookup.set(key, i);
    kind[i] = KIND_CODE[c.kind];
    futuresMonth.push(fm);
    settlement.push(nonNegative(c.settlementPrice, `${cp}.settlementPrice`));
    som.push(
      c.shortOptionMinimum
        ? nonNegative(c.shortOptionMinimum, `${cp}.shortOptionMinimum`)
        : somRate,
    );
    const d = c.compositeDelta ?? (c.kind === 'future' ? 1 : undefined);
    const scale = c.deltaScalingFactor ?? 1;
    if (def.method !== 'general') {
      if (d === undefined || !Number.isFinite(d)) {
        throw new OverseasInputError(`${cp}.compositeDelta`, 'required for options');
      }
      if (!Number.isFinite(scale))
        throw new OverseasInputError(`${cp}.deltaScalingFactor`, 'not finite');
      const ra = c.riskArray;
      if (!ra || ra.length !== scenarios) {
        throw new OverseasInputError(
          `${cp}.riskArray`,
          `expected ${scenarios} values, got ${ra ? ra.length : 'none'}`,
        );
      }
      for (let j = 0; j < scenarios; j++) {
        const v = ra[j];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new OverseasInputError(
            `${cp}.riskArray[${j}]`,
            `not a finite number: ${String(v)}`,
          );
        }
        riskArrays[i * scenarios + j] = v;
      }
    }
    delta[i] = (d ?? 0) * scale;
  });
  const tiers = def.tiers && def.tiers.length > 0 ? def.tiers : defaultTiers(futuresMonth);
  tiers.forEach((t, k) => {
    overseasMonth(t.startMonth, `${path}.tiers[${k}].startMonth`);
    overseasMonth(t.endMonth, `${path}.tiers[${k}].endMonth`);
  });
  const tierIndex = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const m = futuresMonth[i];
    tierIndex[i] = tiers.findIndex((t) => t.startMonth <= m && m <= t.endMonth);
  }
  const compiled: OverseasCompiledClass = {
    def,
    key: `${exchange}:${classCode}`,
    n,
    scenarios,
    riskArrays,
    kind,
    delta,
    tierIndex,
    tiers,
    tierNumbers: tiers.map((t) => t.tier),
    futuresMonth,
    settlement,
    multiplier,
    tickValue,
    tickSize,
    ratio,
    shortOptionMinimum: som,
    somMethod: def.shortOptionMinimum?.method ?? 'sum',
    lookup,
  };
  cache.set(def, compiled);
  return compiled;
}

/** One tier per futures month, numbered 1… in month order (used when the class defines none). */
function defaultTiers(months: readonly string[]): SpanTier[] {
  return [...new Set(months)].sort().map((m, k) => ({ tier: k + 1, startMonth: m, endMonth: m }));
}

function positive(value: unknown, field: string): Decimal {
  const d = overseasDecimal(value, field);
  if (!d.isPositive()) throw new OverseasInputError(field, `must be > 0, got ${d}`);
  return d;
}

function nonNegative(value: unknown, field: string): Decimal {
  const d = overseasDecimal(value, field);
  if (d.isNegative()) throw new OverseasInputError(field, `must be ≥ 0, got ${d}`);
  return d;
}
