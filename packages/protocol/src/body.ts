import { decodeRecord, type EncodeOptions, encodeRecord, type WithRaw } from './codec.js';
import { type FieldIssue, SpecError } from './errors.js';
import type {
  DecodedOutput,
  DecodedRecord,
  FieldSpec,
  InquirySpec,
  RawOutput,
  RawRecord,
} from './spec-types.js';

/** Decoded body of an inquiry: the envelope fields plus every output under its own name. */
export type DecodedBody<S extends InquirySpec> = WithRaw<
  DecodedRecord<S['envelope']>,
  RawRecord<S['envelope']>
> & {
  [N in S['outputs'][number]['name']]: DecodedOutput<S, N>;
};

/** Raw (wire) body of an inquiry. */
export type RawBody<S extends InquirySpec> = RawRecord<S['envelope']> & {
  [N in S['outputs'][number]['name']]: RawOutput<S, N>;
};

/**
 * Decode a successful inquiry body by its spec: envelope fields, array outputs row by row,
 * object outputs field by field. Errors name the path (`output1[3].pchs_amt`).
 *
 * @example
 * ```ts
 * const body = decodeBody(domesticInquireBalance, await res.json());
 * body.output2.nxdy_dnca.toString();
 * ```
 */
export function decodeBody<S extends InquirySpec>(spec: S, raw: unknown): DecodedBody<S> {
  const env = decodeRecord(spec.envelope as readonly FieldSpec[], raw);
  const src = raw as Record<string, unknown>;
  const out: Record<string, unknown> = env;
  const issues: FieldIssue[] = [];
  for (const o of spec.outputs) {
    const v = src[o.name];
    try {
      if (o.shape === 'array') {
        // KIS sends an empty output1 as [] (and some endpoints as an empty object).
        if (
          v === undefined ||
          (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)
        ) {
          out[o.name] = [];
        } else if (!Array.isArray(v)) {
          throw new SpecError([
            { path: o.name, field: o.name, label: o.ko, problem: 'not an array' },
          ]);
        } else {
          out[o.name] = v.map((row, i) => decodeRecord(o.fields, row, `${o.name}[${i}]`));
        }
      } else {
        out[o.name] = decodeRecord(o.fields, v ?? {}, o.name);
      }
    } catch (e) {
      if (e instanceof SpecError) issues.push(...e.issues);
      else throw e;
    }
  }
  if (issues.length > 0) throw new SpecError(issues);
  return out as DecodedBody<S>;
}

/** A spec's envelope split for encoding: continuation-key fields first, then the rest. */
interface EnvelopeOrder {
  leading: readonly FieldSpec[];
  rest: readonly FieldSpec[];
}

// Per spec, worked out on its first encoding: the split depends on the spec alone, and a paged
// answer is encoded once a page.
const envelopeOrders = new WeakMap<InquirySpec, EnvelopeOrder>();

/** A ctx-keys spec's continuation-key fields and the rest of its envelope, in the spec's order. */
function envelopeOrderOf(spec: InquirySpec): EnvelopeOrder {
  let order = envelopeOrders.get(spec);
  if (order === undefined) {
    const names = new Set(
      spec.paging.mode === 'ctx-keys' ? spec.paging.keys.map((k) => k.field) : [],
    );
    order = {
      leading: spec.envelope.filter((f) => names.has(f.name)),
      rest: spec.envelope.filter((f) => !names.has(f.name)),
    };
    envelopeOrders.set(spec, order);
  }
  return order;
}

/**
 * Encode an inquiry body by its spec (server side): every number through the codecs, keys padded,
 * `msg1` padded to 80 CP949 bytes. Field order is KIS's: a paged inquiry's continuation keys
 * first, then the outputs, then the rest of the envelope (`rt_cd`, `msg_cd`, `msg1`), each in the
 * spec's order.
 */
export function encodeBody<S extends InquirySpec>(
  spec: S,
  body: Record<string, unknown>,
  options: EncodeOptions = {},
): RawBody<S> {
  const out: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  const capture = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof SpecError) issues.push(...e.issues);
      else throw e;
    }
  };
  // KIS writes a paged inquiry's continuation keys first, before the outputs and the envelope
  // (the portal example of CTFO6118R: ctx_area_fk200, ctx_area_nk200, output1, output2, rt_cd …).
  const { leading, rest } = envelopeOrderOf(spec);
  if (leading.length > 0) capture(() => Object.assign(out, encodeRecord(leading, body, options)));
  for (const o of spec.outputs) {
    const v = body[o.name];
    capture(() => {
      if (o.shape === 'array') {
        const rows = (v ?? []) as Record<string, unknown>[];
        out[o.name] = rows.map((row, i) => encodeRecord(o.fields, row, options, `${o.name}[${i}]`));
      } else {
        out[o.name] = encodeRecord(o.fields, (v ?? {}) as Record<string, unknown>, options, o.name);
      }
    });
  }
  capture(() => Object.assign(out, encodeRecord(rest, body, options)));
  if (issues.length > 0) throw new SpecError(issues);
  return out as RawBody<S>;
}
