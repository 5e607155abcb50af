import { isValidYyyymmdd } from './codec.js';
import { type FieldIssue, SpecError } from './errors.js';
import type { ParamSpec } from './spec-types.js';

function allowedOf(p: ParamSpec): string | undefined {
  if (p.values !== undefined) {
    return Object.entries(p.values)
      .map(([k, v]) => `${k === '' ? '(blank)' : k} ${v}`)
      .join(', ');
  }
  if (p.format === 'yyyymmdd') return 'a valid date as YYYYMMDD';
  if (p.exactLength !== undefined && p.format === 'digits') return `${p.exactLength} digits`;
  if (p.format === 'digits') return `up to ${p.maxLength} digits`;
  return undefined;
}

function check(p: ParamSpec, value: string | undefined, corporate: boolean): string | undefined {
  const required = p.required || (corporate && p.corporate === true);
  if (typeof value !== 'string') {
    // Wire values are strings; from JavaScript a number, null or an object may come.
    if (value !== undefined)
      return `must be a string, got ${value === null ? 'null' : typeof value}`;
    return required ? 'missing' : undefined;
  }
  if (value === '') {
    if (p.blankAllowed === true || !required) return undefined;
    return 'blank';
  }
  // Own keys only: `constructor` or `toString` are not allowed values of any table.
  if (p.values !== undefined && !Object.hasOwn(p.values, value)) {
    // Secrets are never echoed; other values are, so the caller sees what was sent.
    return p.secret === true ? 'not an allowed value' : `${JSON.stringify(value)} is not allowed`;
  }
  if (p.exactLength !== undefined && value.length !== p.exactLength) {
    return `must be exactly ${p.exactLength} characters, got ${value.length}`;
  }
  if (value.length > p.maxLength) return `longer than ${p.maxLength} characters (${value.length})`;
  if (p.format === 'digits' && !/^\d+$/.test(value)) {
    return p.secret === true ? 'must be digits' : `must be digits, got ${JSON.stringify(value)}`;
  }
  if (p.format === 'alnum' && !/^[0-9A-Za-z]+$/.test(value)) return 'must be letters and digits';
  if (p.format === 'yyyymmdd' && !isValidYyyymmdd(value)) {
    return `not a valid YYYYMMDD date: ${JSON.stringify(value)}`;
  }
  return undefined;
}

/** Options for {@link validateParams} and {@link validateHeaders}. */
export interface ValidateOptions {
  /** Apply the corporate (`custtype: B`) requirements. */
  corporate?: boolean;
  /** Report unknown names as errors (default: ignore them, as KIS does). */
  rejectUnknown?: boolean;
}

function run(
  specs: readonly ParamSpec[],
  values: Readonly<Record<string, string | undefined>>,
  options: ValidateOptions,
  caseInsensitive: boolean,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const lookup = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(values)) lookup.set(caseInsensitive ? k.toLowerCase() : k, v);
  for (const p of specs) {
    const v = lookup.get(caseInsensitive ? p.name.toLowerCase() : p.name);
    const problem = check(p, v, options.corporate === true);
    if (problem !== undefined) {
      const allowed = allowedOf(p);
      issues.push(
        allowed === undefined
          ? { path: p.name, field: p.name, label: p.ko, problem }
          : { path: p.name, field: p.name, label: p.ko, problem, allowed },
      );
    }
  }
  if (options.rejectUnknown === true) {
    const known = new Set(specs.map((p) => (caseInsensitive ? p.name.toLowerCase() : p.name)));
    for (const k of lookup.keys()) {
      if (!known.has(k))
        issues.push({ path: k, field: k, label: '', problem: 'unknown parameter' });
    }
  }
  return issues;
}

/**
 * Check request parameters against a spec's parameter table. Throws a {@link SpecError} listing
 * every field at fault (wire name, Korean label, what is wrong, what is allowed).
 *
 * @example
 * ```ts
 * validateParams(domesticInquireBalance.params, { CANO: '8001234', ACNT_PRDT_CD: '03', … });
 * // SpecError: CANO (종합계좌번호): must be exactly 8 characters, got 7 (allowed: 8 digits)
 * ```
 */
export function validateParams(
  specs: readonly ParamSpec[],
  values: Readonly<Record<string, string | undefined>>,
  options: ValidateOptions = {},
): void {
  const issues = run(specs, values, options, false);
  if (issues.length > 0) throw new SpecError(issues, 'invalid parameters');
}

/**
 * Check request headers (names case-insensitive, as in HTTP). With `corporate`, the headers the
 * document marks "[법인 필수]" are required.
 */
export function validateHeaders(
  specs: readonly ParamSpec[],
  values: Readonly<Record<string, string | undefined>>,
  options: ValidateOptions = {},
): void {
  const issues = run(specs, values, options, true);
  if (issues.length > 0) throw new SpecError(issues, 'invalid headers');
}

/** Same as {@link validateParams} but returns the issues instead of throwing. */
export function paramIssues(
  specs: readonly ParamSpec[],
  values: Readonly<Record<string, string | undefined>>,
  options: ValidateOptions = {},
): FieldIssue[] {
  return run(specs, values, options, false);
}

/** Same as {@link validateHeaders} but returns the issues instead of throwing. */
export function headerIssues(
  specs: readonly ParamSpec[],
  values: Readonly<Record<string, string | undefined>>,
  options: ValidateOptions = {},
): FieldIssue[] {
  return run(specs, values, options, true);
}
