/**
 * Typed checks of a scenario's instrument-master data: a master row given as an object and an
 * extra KRX product rule. Each is a type guard that reports every problem of its value under its
 * path and says whether the value is the type it claims, so the scenario reader keeps what passed
 * with its type proven rather than asserted.
 */
import type {
  KisMasterFile,
  KisMasterRow,
  KisOverseasMasterRow,
  KrxProductRule,
} from '@kisfo/risk';
import type { Checker } from './checks.js';

const SETTLEMENTS = ['cash', 'physical'] as const;
const EXPIRIES = [
  'second-thursday',
  'third-tuesday',
  'third-monday',
  'third-wednesday',
  'weekly-thursday',
  'weekly-monday',
] as const;
const OPTION_MODELS = ['black-scholes', 'black-76'] as const;

/** Text fields of an `ffcode.mst` row (all but `file` and `line`). */
const OVERSEAS_TEXT: readonly Exclude<keyof KisOverseasMasterRow, 'file' | 'line'>[] = [
  'code',
  'autoOrder',
  'twap',
  'economicIndicatorOrder',
  'name',
  'exchange',
  'productCode',
  'productType',
  'outputDecimals',
  'calcDecimals',
  'tickSize',
  'tickValue',
  'contractSize',
  'priceBase',
  'multiplier',
  'mostActive',
  'nearest',
  'spread',
  'spreadLeg1',
  'subExchange',
];
/** Text fields of a domestic row that must not be blank. */
const DOMESTIC_NAMED = ['shortCode', 'standardCode', 'name'] as const;
/** Text fields of a domestic row that may be blank (KIS leaves some empty). */
const DOMESTIC_TEXT = ['productType', 'underlyingCode', 'underlyingName'] as const;
const DOMESTIC_OPTIONAL = ['productClass', 'atm', 'strike', 'monthCode'] as const;
/** Fields of an `ffcode.mst` row that must not be blank (the rest may be). */
const OVERSEAS_NAMED = new Set<string>(['code']);

/** Whether every check ran true; each is run, so every problem is reported. */
const all = (checks: readonly boolean[]) => checks.every(Boolean);

function text(c: Checker, v: unknown, path: string): boolean {
  if (typeof v === 'string') return true;
  c.add(path, v === undefined ? 'missing' : 'expected a string');
  return false;
}

function optionalText(c: Checker, v: unknown, path: string): boolean {
  return v === undefined || text(c, v, path);
}

/**
 * Check one master row given as an object (`masters[i].rows[j]`) against its file's layout.
 *
 * @example
 * ```ts
 * if (isMasterRow(c, r, 'fo_stk_code_mts.mst', 'masters[0].rows[3]')) rows.push(r);
 * ```
 */
export function isMasterRow(
  c: Checker,
  r: unknown,
  file: KisMasterFile,
  path: string,
): r is KisMasterRow {
  if (!c.object(r, path)) return false;
  const checks = [r.file === file];
  if (!checks[0]) c.add(`${path}.file`, `expected ${JSON.stringify(file)}`);
  if (typeof r.line !== 'number' || !Number.isSafeInteger(r.line) || r.line < 1) {
    c.add(`${path}.line`, 'expected the line number in its file (1, 2, …)');
    checks.push(false);
  }
  if (file === 'ffcode.mst') {
    for (const k of OVERSEAS_TEXT) {
      checks.push(
        OVERSEAS_NAMED.has(k) ? c.string(r[k], `${path}.${k}`) : text(c, r[k], `${path}.${k}`),
      );
    }
    return all(checks);
  }
  for (const k of DOMESTIC_NAMED) checks.push(c.string(r[k], `${path}.${k}`));
  for (const k of DOMESTIC_TEXT) checks.push(text(c, r[k], `${path}.${k}`));
  for (const k of DOMESTIC_OPTIONAL) checks.push(optionalText(c, r[k], `${path}.${k}`));
  return all(checks);
}

/**
 * Check one extra KRX product rule (`risk.krxProductRules[i]`): scenarios name their products
 * by exact product codes.
 *
 * @example
 * ```ts
 * if (isProductRule(c, r, 'risk.krxProductRules[0]')) rules.push(r);
 * ```
 */
export function isProductRule(c: Checker, r: unknown, p: string): r is KrxProductRule {
  if (!c.object(r, p)) return false;
  const checks = [
    c.string(r.family, `${p}.family`),
    c.string(r.source, `${p}.source`),
    c.string(r.group, `${p}.group`),
    c.decimal(r.multiplier, `${p}.multiplier`, { min: 'positive' }),
    c.oneOf(r.settlement, SETTLEMENTS, `${p}.settlement`),
    c.oneOf(r.expiryRule, EXPIRIES, `${p}.expiryRule`),
    r.strikeStep === undefined || c.decimal(r.strikeStep, `${p}.strikeStep`, { min: 'positive' }),
    r.optionModel === undefined || c.oneOf(r.optionModel, OPTION_MODELS, `${p}.optionModel`),
  ];
  const m = r.match;
  if (!c.object(m, `${p}.match`)) {
    checks.push(false);
  } else if (!Array.isArray(m.productCodes) || m.productCodes.some((x) => typeof x !== 'string')) {
    c.add(`${p}.match.productCodes`, 'expected an array of 3-character product codes');
    checks.push(false);
  }
  if (!c.array(r.tickBands, `${p}.tickBands`, false)) {
    checks.push(false);
  } else {
    if (r.tickBands.length === 0) {
      c.add(`${p}.tickBands`, 'needs at least one band');
      checks.push(false);
    }
    r.tickBands.forEach((b, j) => {
      if (!c.object(b, `${p}.tickBands[${j}]`)) {
        checks.push(false);
        return;
      }
      checks.push(c.decimal(b.from, `${p}.tickBands[${j}].from`, { min: 'nonneg' }));
      checks.push(c.decimal(b.tick, `${p}.tickBands[${j}].tick`, { min: 'positive' }));
    });
  }
  return all(checks);
}
