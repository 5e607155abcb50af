import { type FieldSpec, isDecimal } from '@kisfo/protocol';
import { z } from 'zod';

/** An exact decimal as text: `"-1237500"`, `"309.10000000"`. Never a JSON number. */
export const decimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('exact decimal string');

const NUMERIC = new Set(['amount', 'price', 'rate', 'quantity']);

function fieldSchema(f: FieldSpec): z.ZodType {
  const base = f.kind === 'flag' ? z.boolean() : NUMERIC.has(f.kind) ? decimalString : z.string();
  const described = base.describe(`${f.ko} · ${f.en}`);
  return f.extra === true || f.optional === true ? described.optional() : described;
}

/**
 * A JSON object schema for records of a spec's field table: one property per wire name, numbers
 * as exact decimal strings, flags as booleans, fields KIS may omit optional, each described by
 * its Korean label and English meaning.
 *
 * @example
 * ```ts
 * const summary = wireRecordSchema(domesticBalanceSummaryFields);
 * summary.parse({ dnca_cash: '1000', … });
 * ```
 */
export function wireRecordSchema(fields: readonly FieldSpec[]) {
  return z.object(Object.fromEntries(fields.map((f) => [f.name, fieldSchema(f)])));
}

/** A decoded record as plain JSON: decimals as their exact strings, absent fields left out. */
export function wireRecordJson(
  record: object,
  fields: readonly FieldSpec[],
): Record<string, string | boolean> {
  const values = record as Record<string, unknown>;
  const out: Record<string, string | boolean> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined) continue;
    out[f.name] = typeof v === 'boolean' ? v : isDecimal(v) ? v.toString() : String(v);
  }
  return out;
}
