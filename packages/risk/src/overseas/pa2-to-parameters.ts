/**
 * Turn pa2 records into {@link OverseasRiskParameters} (SPAN classes), incrementally, so a
 * streamed file never has to be held whole.
 *
 * Choices where the file is silent: tick size = one unit of the settlement price's last digit
 * (10^−locator), tick value = tick size × contract value factor; the speculator
 * initial/maintenance ratio is used (1 when blank); within a combined commodity, two option
 * products with the same (call/put, month, strike) keep the first (counted in `duplicates`).
 */
import { Decimal } from '@kisfo/protocol';
import { parsePa2StreamInto } from './pa2-parser.js';
import type { Pa2Record, Pa2RiskArray1Record } from './pa2-records.js';
import type {
  OverseasContractParams,
  OverseasCurrency,
  OverseasProductClass,
  OverseasRiskParameters,
  SpanInterSpread,
  SpanIntraSpread,
} from './types.js';

interface CcState {
  exchange: string;
  ccCode: string;
  currency: string;
  contracts: OverseasContractParams[];
  keys: Set<string>;
  tiers?: { tier: number; startMonth: string; endMonth: string }[];
  ratio?: number;
  spreads: { priority: number; spread: SpanIntraSpread }[];
  spot: { month: string; spreadRate: string; outrightRate: string }[];
  som?: { rate: string; method: 'sum' | 'max' };
  multiplier?: number;
  settlementLocator?: number;
}

function shift(raw: number, decimals: number): string {
  return Decimal.of(BigInt(raw), Math.max(decimals, 0))
    .mul(decimals < 0 ? 10n ** BigInt(-decimals) : 1n)
    .normalize()
    .toString();
}

/**
 * Accumulates pa2 records; {@link build} returns the parameter set.
 *
 * @example
 * ```ts
 * const b = new Pa2RiskParameterBuilder();
 * for (const r of parsePa2(text)) b.add(r);
 * b.build().classes.length;
 * ```
 */
export class Pa2RiskParameterBuilder {
  private businessDate?: string;
  private readonly cc = new Map<string, CcState>();
  /** product key (`exch|code|type`) → cc key and risk-array locator */
  private readonly products = new Map<string, { cc: string; locator: number }>();
  private readonly prices = new Map<string, { settle: number; strike: number; cvf: number }>();
  private readonly scaling = new Map<string, number>();
  private readonly inter: { priority: number; spread: SpanInterSpread }[] = [];
  private pending?: Pa2RiskArray1Record;
  /** Duplicate contracts dropped and arrays without a known combined commodity. */
  readonly counts = { duplicates: 0, orphanArrays: 0 };
  /** Currency conversions ("T"): `USD>EUR` → multiplier. */
  readonly currencyConversions = new Map<string, number>();

  private ccByCode(ccCode: string): CcState | undefined {
    for (const s of this.cc.values()) if (s.ccCode === ccCode) return s;
    return undefined;
  }

  /** Add one record. */
  add(r: Pa2Record): void {
    switch (r.type) {
      case '0':
        this.businessDate = r.businessDate;
        break;
      case '2': {
        const key = `${r.exchange}:${r.ccCode}`;
        if (!this.cc.has(key)) {
          this.cc.set(key, {
            exchange: r.exchange,
            ccCode: r.ccCode,
            currency: r.currency,
            contracts: [],
            keys: new Set(),
            spreads: [],
            spot: [],
          });
        }
        for (const p of r.products) {
          this.products.set(`${r.exchange}|${p.code}|${p.productType}`, {
            cc: key,
            locator: p.riskArrayDecimalLocator,
          });
        }
        break;
      }
      case '3': {
        const s = this.ccByCode(r.ccCode);
        if (s) {
          s.tiers = r.tiers;
          s.ratio = r.ratioSpeculator > 0 ? r.ratioSpeculator : 1;
        }
        break;
      }
      case 'C': {
        const s = this.ccByCode(r.ccCode);
        s?.spreads.push({ priority: r.priority, spread: { rate: String(r.rate), legs: r.legs } });
        break;
      }
      case '4': {
        const s = this.ccByCode(r.ccCode);
        if (s) {
          s.spot = r.months.map((m) => ({
            month: m.month,
            spreadRate: String(m.spreadRate),
            outrightRate: String(m.outrightRate),
          }));
          s.som = { rate: String(r.shortOptionMinimumRate), method: r.shortOptionMinimumMethod };
        }
        break;
      }
      case '6':
        this.inter.push({
          priority: r.priority,
          spread: {
            creditRate: String(r.creditRatePercent / 100),
            legs: r.legs.map((l) => ({
              exchange: l.exchange,
              classCode: l.ccCode,
              deltaPerSpread: l.deltaPerSpread,
              side: l.side,
            })),
          },
        });
        break;
      case 'P':
        this.prices.set(`${r.exchange}|${r.product}|${r.productType}`, {
          settle: r.settlementDecimalLocator,
          strike: r.strikeDecimalLocator,
          cvf: r.contractValueFactor,
        });
        break;
      case 'B':
        this.scaling.set(
          `${r.exchange}|${r.commodity}|${r.productType}|${r.futuresMonth}|${r.optionMonth}`,
          r.deltaScalingFactor > 0 ? r.deltaScalingFactor : 1,
        );
        break;
      case 'T':
        this.currencyConversions.set(`${r.from}>${r.to}`, r.multiplier);
        break;
      case '81':
        this.pending = r;
        break;
      case '82':
        this.addArray(r);
        break;
      default:
        break;
    }
  }

  private addArray(r: Extract<Pa2Record, { type: '82' }>): void {
    const a = this.pending;
    this.pending = undefined;
    if (
      !a ||
      a.exchange !== r.exchange ||
      a.commodity !== r.commodity ||
      a.productType !== r.productType ||
      a.right !== r.right ||
      a.futuresMonth !== r.futuresMonth ||
      a.optionMonth !== r.optionMonth ||
      a.strikeRaw !== r.strikeRaw
    ) {
      this.counts.orphanArrays++;
      return;
    }
    const pk = `${r.exchange}|${r.commodity}|${r.productType}`;
    const prod = this.products.get(pk);
    const s = prod && this.cc.get(prod.cc);
    if (!prod || !s) {
      this.counts.orphanArrays++;
      return;
    }
    const price = this.prices.get(pk) ?? { settle: 0, strike: 0, cvf: 1 };
    const scale = 10 ** -prod.locator;
    const isFuture = r.productType === 'FUT' || r.productType === 'PHY';
    const kind = isFuture ? 'future' : r.right === 'P' ? 'put' : 'call';
    const month = isFuture ? r.futuresMonth : r.optionMonth || r.futuresMonth;
    const strike = isFuture ? undefined : shift(r.strikeRaw, price.strike);
    const key = `${kind}|${month}|${strike ?? ''}`;
    if (s.keys.has(key)) {
      this.counts.duplicates++;
      return;
    }
    s.keys.add(key);
    if (isFuture || s.multiplier === undefined) {
      if (isFuture || s.multiplier === undefined) s.multiplier = price.cvf || 1;
      s.settlementLocator = price.settle;
    }
    s.contracts.push({
      kind,
      contractMonth: month,
      underlyingMonth: isFuture ? undefined : r.futuresMonth,
      strike,
      settlementPrice: shift(Math.abs(r.settlementRaw), price.settle),
      riskArray: [...a.values, ...r.values].map((v) => v * scale),
      compositeDelta: r.compositeDelta,
      deltaScalingFactor:
        this.scaling.get(`${pk}|${r.futuresMonth}|${isFuture ? '' : r.optionMonth}`) ?? 1,
    });
  }

  /** The parameter set of everything added so far. */
  build(): OverseasRiskParameters {
    const classes: OverseasProductClass[] = [];
    for (const s of this.cc.values()) {
      if (s.contracts.length === 0) continue;
      const tick = Decimal.of(1n, Math.max(s.settlementLocator ?? 0, 0));
      const mult = Decimal.fromFloat(s.multiplier ?? 1, 7, 'half-up').normalize();
      classes.push({
        exchange: s.exchange,
        classCode: s.ccCode,
        currency: s.currency as OverseasCurrency,
        method: 'span',
        tickSize: tick.toString(),
        tickValue: tick.mul(mult).normalize().toString(),
        multiplier: mult.toString(),
        initialToMaintenance: String(s.ratio ?? 1),
        contracts: s.contracts,
        tiers: s.tiers,
        intraSpreads: [...s.spreads].sort((x, y) => x.priority - y.priority).map((x) => x.spread),
        spotCharges: s.spot,
        shortOptionMinimum: s.som,
        source: 'CME pa2 risk parameter file',
      });
    }
    return {
      businessDate: this.businessDate,
      classes,
      interSpreads: [...this.inter].sort((x, y) => x.priority - y.priority).map((x) => x.spread),
      source: 'CME pa2 risk parameter file',
    };
  }
}

/**
 * Stream a pa2 file into a parameter set.
 *
 * @example
 * ```ts
 * const params = await loadPa2RiskParameters(createReadStream('cme.pa2'));
 * ```
 */
export async function loadPa2RiskParameters(
  source: AsyncIterable<string | Uint8Array>,
): Promise<OverseasRiskParameters> {
  const b = new Pa2RiskParameterBuilder();
  await parsePa2StreamInto(source, (r) => b.add(r));
  return b.build();
}
