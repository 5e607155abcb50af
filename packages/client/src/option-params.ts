import { KisValidationError } from './errors.js';

/** How one friendly SDK option becomes one wire parameter. */
export interface OptionParam {
  /** The wire parameter (`MGNA_DVSN`). */
  param: string;
  /** Its Korean label, for errors. */
  label: string;
  /** Option value → wire value. */
  values: Readonly<Record<string, string>>;
  /** The option value used when the option is not given. */
  default: string;
}

/**
 * Translate friendly options (`marginBasis: 'maintenance'`) to wire parameters (`MGNA_DVSN: '02'`)
 * by a table; a value outside the table is a {@link KisValidationError} naming the option, before
 * any request. The wire values themselves are checked once more by the spec when the call is made.
 *
 * @example
 * ```ts
 * optionParams({ marginBasis: { param: 'MGNA_DVSN', label: '증거금 구분',
 *   values: { initial: '01', maintenance: '02' }, default: 'initial' } }, {});
 * // { MGNA_DVSN: '01' }
 * ```
 */
export function optionParams<T extends Record<string, OptionParam>>(
  table: T,
  options: { readonly [K in keyof T]?: string | undefined },
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, o] of Object.entries(table)) {
    const given = options[name as keyof T];
    const key = given ?? o.default;
    // Own keys only: `toString`, `__proto__` and the like are no option values.
    const wire =
      typeof key === 'string' && Object.hasOwn(o.values, key) ? o.values[key] : undefined;
    if (wire === undefined) {
      throw new KisValidationError([
        {
          path: name,
          field: name,
          label: o.label,
          problem: `${JSON.stringify(given)} is not allowed`,
          allowed: Object.keys(o.values).join(', '),
        },
      ]);
    }
    out[o.param] = wire;
  }
  return out;
}
