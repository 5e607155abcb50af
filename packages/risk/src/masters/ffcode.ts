/**
 * Overseas products of KIS's `ffcode.mst`: tick size, tick value and multiplier per exchange and
 * product, as KIS carries them, applied to the risk parameters' classes.
 */
import type { OverseasRiskParameters } from '../overseas/types.js';
import type { KisMasterRow, KisOverseasMasterRow } from './kis-master-parse.js';

/** One overseas product as `ffcode.mst` describes it. */
export interface OverseasMasterProduct {
  exchange: string;
  productCode: string;
  name: string;
  tickSize: string;
  tickValue: string;
  multiplier: string;
  contractSize: string;
  /** The first `ffcode.mst` line of the product. */
  line: number;
}

const norm = (s: string) => s.trim().toUpperCase();

/**
 * Products of `ffcode.mst` rows by `EXCHANGE:PRODUCT` (upper case), one per product (its first
 * series; KIS repeats the same contract data on every month).
 *
 * @example
 * ```ts
 * overseasProductsFromFfcode(rows).get('CME:ES')?.tickValue; // '12.50'
 * ```
 */
export function overseasProductsFromFfcode(
  rows: Iterable<KisMasterRow>,
): Map<string, OverseasMasterProduct> {
  const out = new Map<string, OverseasMasterProduct>();
  for (const r of rows) {
    if (r.file !== 'ffcode.mst') continue;
    const row = r as KisOverseasMasterRow;
    const key = `${norm(row.exchange)}:${norm(row.productCode)}`;
    if (out.has(key)) continue;
    out.set(key, {
      exchange: row.exchange,
      productCode: row.productCode,
      name: row.name,
      tickSize: row.tickSize,
      tickValue: row.tickValue,
      multiplier: row.multiplier,
      contractSize: row.contractSize,
      line: row.line,
    });
  }
  return out;
}

/**
 * The risk parameters with each class's tick size, tick value and multiplier taken from KIS's
 * `ffcode.mst` where it lists the product (they drive the long option minimum, order margins and
 * option values); other classes are unchanged.
 *
 * @example
 * ```ts
 * const params = withFfcodeProducts(SAMPLE_OVERSEAS_RISK_PARAMETERS, rows);
 * ```
 */
export function withFfcodeProducts(
  params: OverseasRiskParameters,
  rows: Iterable<KisMasterRow> | Map<string, OverseasMasterProduct>,
): OverseasRiskParameters {
  const products = rows instanceof Map ? rows : overseasProductsFromFfcode(rows);
  if (products.size === 0) return params;
  return {
    ...params,
    classes: params.classes.map((c) => {
      const p = products.get(`${norm(c.exchange)}:${norm(c.classCode)}`);
      if (p === undefined) return c;
      return { ...c, tickSize: p.tickSize, tickValue: p.tickValue, multiplier: p.multiplier };
    }),
  };
}
