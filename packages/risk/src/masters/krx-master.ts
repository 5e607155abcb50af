/**
 * A KRX instrument master built from KIS's master-file rows plus the product-rule table: every
 * product code in the rows becomes a {@link KrxProductSpec}, every series keeps the name KIS
 * prints. Pass it as `market.master` and those codes resolve in every engine.
 */
import { Decimal, KisfoInputError } from '@kisfo/protocol';
import { isinCheckDigit, type KrxListedSeries } from '../krx/codes.js';
import { isWeeklyExpiry, type KrxProductSpec } from '../krx/instruments.js';
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
   * Weekly option series by standard and short code: their week is in KIS's name (`2603W4`,
   * KRX's naming), not in a code field kisfo could parse, so the master's row is the authority.
   */
  readonly series = new Map<string, KrxListedSeries>();

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
      if (isWeeklyExpiry(rule.expiryRule)) this.addWeekly(row, productCode, where);
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

  private addWeekly(row: KisDomesticMasterRow, productCode: string, where: string): void {
    // KRX names a weekly series by settlement year, month and week: `코스피위클리 C 2603W4 350.0`.
    const m = /(?:^|\s)([0-9]{2})(0[1-9]|1[0-2])W([1-5])(?:\s|$)/.exec(row.name);
    if (m === null) {
      throw new KrxMasterError(
        where,
        `line ${row.line}.name`,
        'weekly option name carries no YYMMW<week> (e.g. 2603W4)',
      );
    }
    const strike = row.strike?.replace(/,/g, '');
    if (strike === undefined || !/^[0-9]+(\.[0-9]+)?$/.test(strike) || Number(strike) <= 0) {
      throw new KrxMasterError(where, `line ${row.line}.strike`, 'weekly option row has no 행사가');
    }
    const listed: KrxListedSeries = {
      productCode,
      year: 2000 + Number(m[1]),
      month: Number(m[2]),
      week: Number(m[3]),
      strike: Decimal.parse(strike).normalize().toString(),
      standardCode: row.standardCode,
      shortCode: row.shortCode,
    };
    for (const code of [row.standardCode, row.shortCode]) {
      const seen = this.series.get(code);
      if (seen !== undefined && (seen.week !== listed.week || seen.month !== listed.month)) {
        throw new KrxMasterError(
          where,
          `line ${row.line}.shortCode`,
          `code "${code}" already lists another weekly series`,
        );
      }
      this.series.set(code, listed);
    }
  }

  /** The product spec of a product code, if the master has it. */
  product(productCode: string): KrxProductSpec | undefined {
    return this.products.get(productCode);
  }
}
