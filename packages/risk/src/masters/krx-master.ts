/**
 * A KRX instrument master built from KIS's master-file rows plus the product-rule table: every
 * product code in the rows becomes a {@link KrxProductSpec}, every series keeps the name KIS
 * prints. Pass it as `market.master` and those codes resolve in every engine.
 */
import { KisfoInputError } from '@kisfo/protocol';
import { isinCheckDigit } from '../krx/codes.js';
import type { KrxProductSpec } from '../krx/instruments.js';
import type { KisDomesticMasterRow, KisMasterRow } from './kis-master-parse.js';
import {
  KRX_PRODUCT_RULES,
  type KrxProductRule,
  krxKindOfProductCode,
} from './krx-product-rules.js';

/**
 * A master row that cannot become a product; the message names file, line and code, the issue's
 * path the row's line and field (`line 12.standardCode`).
 */
export class KrxMasterError extends KisfoInputError {
  override name = 'KrxMasterError';
  constructor(where: string, path: string, problem: string) {
    super([{ path, message: problem }], `${where}: ${problem}`);
  }
}

function ruleFor(
  row: KisDomesticMasterRow,
  productCode: string,
  kind: 'future' | 'call' | 'put',
  rules: readonly KrxProductRule[],
): KrxProductRule | undefined {
  const exact = (code: string) =>
    rules.find((r) => 'productCodes' in r.match && r.match.productCodes.includes(code));
  const hit = exact(productCode);
  if (hit) return hit;
  if (row.file === 'fo_stk_code_mts.mst') {
    return rules.find(
      (r) => 'stock' in r.match && (kind === 'future') === (r.strikeStep === undefined),
    );
  }
  if (row.file === 'fo_idx_code_mts.mst' && kind === 'future') {
    return rules.find((r) => 'otherIndexFutures' in r.match);
  }
  // Night-linked (CME / EUREX) rows trade the day product of their underlying's code.
  if (row.file === 'fo_cme_code.mst' || row.file === 'fo_eurex_code.mst') {
    const day = row.underlyingCode.slice(0, 3);
    return exact(day) ?? exact(kind === 'future' ? '101' : kind === 'call' ? '201' : '301');
  }
  return undefined;
}

/** Domestic products and series names from master rows. */
export class KrxMaster {
  /** Product specs by product code. */
  readonly products = new Map<string, KrxProductSpec>();
  /** KIS name (한글종목명) by standard code and by short code. */
  readonly names = new Map<string, string>();
  /** Standard code by short code (KIS's short codes in the master). */
  readonly standardByShort = new Map<string, string>();

  /**
   * @throws KrxMasterError naming the row when no rule covers its product.
   * @example
   * ```ts
   * const master = new KrxMaster(rows);
   * computeDomesticBalance({ ...input, market: { ...market, master } });
   * ```
   */
  constructor(rows: Iterable<KisMasterRow>, rules: readonly KrxProductRule[] = KRX_PRODUCT_RULES) {
    for (const row of rows) {
      if (row.file === 'ffcode.mst') continue;
      const where = `${row.file} line ${row.line} (${row.shortCode} ${row.name})`;
      if (!/^KR4[0-9A-Z]{8}[0-9]$/.test(row.standardCode)) {
        throw new KrxMasterError(
          where,
          `line ${row.line}.standardCode`,
          `표준코드 "${row.standardCode}" is not a KRX derivatives code`,
        );
      }
      const check = isinCheckDigit(row.standardCode.slice(0, 11));
      if (check !== row.standardCode[11]) {
        throw new KrxMasterError(
          where,
          `line ${row.line}.standardCode`,
          `표준코드 "${row.standardCode}" has check digit ${row.standardCode[11]}, expected ${check}`,
        );
      }
      const productCode = row.standardCode.slice(3, 6);
      const kind = krxKindOfProductCode(productCode);
      if (kind === undefined) continue; // spreads (4xx) are not positions
      const rule = ruleFor(row, productCode, kind, rules);
      if (rule === undefined) {
        throw new KrxMasterError(
          where,
          `line ${row.line}.standardCode`,
          `no product rule for product code "${productCode}"`,
        );
      }
      this.names.set(row.standardCode, row.name);
      this.names.set(row.shortCode, row.name);
      this.standardByShort.set(row.shortCode, row.standardCode);
      if (this.products.has(productCode)) continue;
      const group =
        rule.group === 'underlying'
          ? `${row.file === 'fo_stk_code_mts.mst' ? 'STK' : 'IDX'}-${row.underlyingCode}`
          : rule.group;
      this.products.set(productCode, {
        productCode,
        kind,
        group,
        name: `${rule.family} (${row.underlyingName})`,
        nameKo: row.underlyingName,
        underlyingName: row.underlyingName,
        multiplier: rule.multiplier,
        tickBands: rule.tickBands,
        settlement: rule.settlement,
        expiryRule: rule.expiryRule,
        ...(rule.strikeStep === undefined ? {} : { strikeStep: rule.strikeStep }),
        ...(rule.optionModel === undefined ? {} : { optionModel: rule.optionModel }),
      });
    }
  }

  /** The product spec of a product code, if the master has it. */
  product(productCode: string): KrxProductSpec | undefined {
    return this.products.get(productCode);
  }
}
