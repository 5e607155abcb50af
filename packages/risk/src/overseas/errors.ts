/**
 * Input errors that name the offending field (`positions[2].strike: …`) so a caller can point at
 * the ledger row or parameter that is wrong.
 */
import { Decimal, KisfoInputError } from '@kisfo/protocol';

/**
 * Bad overseas margin input: one issue; `field` is its path (the offending value).
 *
 * @example
 * ```ts
 * try { overseasDecimal('x', 'positions[0].quantity'); } catch (e) { (e as OverseasInputError).field; }
 * ```
 */
export class OverseasInputError extends KisfoInputError {
  constructor(path: string, message: string) {
    super([{ path, message }], `${path}: ${message}`);
    this.name = 'OverseasInputError';
  }

  /** The path of the offending value (`positions[2].strike`): its issue's path. */
  get field(): string {
    return this.issues[0]!.path;
  }
}

/**
 * Read a decimal (Decimal, decimal string or safe integer), naming `field` when it is not one.
 *
 * @example
 * ```ts
 * overseasDecimal('12.50', 'classes[0].tickValue').toString(); // '12.50'
 * ```
 */
export function overseasDecimal(value: unknown, field: string): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value === 'string') {
    const t = value.trim();
    if (Decimal.isDecimalString(t)) return Decimal.parse(t);
    throw new OverseasInputError(field, `not a decimal number: ${JSON.stringify(value)}`);
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) return Decimal.from(value);
  throw new OverseasInputError(field, `expected a decimal string, got ${describe(value)}`);
}

/** Read a whole number of contracts. */
export function overseasContracts(value: unknown, field: string): number {
  const d = overseasDecimal(value, field);
  if (!d.isInteger()) throw new OverseasInputError(field, `not a whole number of contracts: ${d}`);
  const n = Number(d.toBigInt());
  if (!Number.isSafeInteger(n)) throw new OverseasInputError(field, `out of range: ${d}`);
  return n;
}

/** Require a CCYYMM month. */
export function overseasMonth(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}(0[1-9]|1[0-2])$/.test(value)) {
    throw new OverseasInputError(field, `expected a CCYYMM month, got ${describe(value)}`);
  }
  return value;
}

/** Require a non-empty string. */
export function overseasText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new OverseasInputError(field, `expected a non-empty string, got ${describe(value)}`);
  }
  return value.trim();
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}
