import { type FieldSpec, INQUIRY_SPECS, type InquirySpec, type ParamSpec } from '@kisfo/protocol';
import { FIELD_COMPUTATIONS, OVERSEAS_VIEW_NOTE } from './field-computations.js';

/** What `explain_field` says about one field or parameter. */
export interface FieldExplanation {
  /** The KIS API (`v1_국내선물-004`), its names and TR IDs. */
  api: string;
  apiNameKo: string;
  apiNameEn: string;
  /** `output1`, `output2`, `output` for response fields; `request` for query parameters. */
  where: string;
  name: string;
  ko: string;
  en: string;
  /** Response fields: the spec's kind (`amount`, `price`, …); parameters: `parameter`. */
  kind: string;
  length: number;
  /** Amount decimals: a number, or `currency` when the view's currency decides. */
  decimals?: string;
  values?: Record<string, string>;
  /** KIS may leave it out (a field of KIS's examples beyond the document, or optional). */
  optional: boolean;
  note?: string;
  /** How kisfo computes it; absent for fields passed through as they are. */
  computation?: string;
}

type SpecKey = keyof typeof INQUIRY_SPECS;

interface Entry {
  key: SpecKey;
  spec: InquirySpec;
  where: string;
  field?: FieldSpec;
  param?: ParamSpec;
}

const ENTRIES: Entry[] = (Object.keys(INQUIRY_SPECS) as SpecKey[]).flatMap((key) => {
  const spec: InquirySpec = INQUIRY_SPECS[key];
  return [
    ...spec.outputs.flatMap((o) => o.fields.map((field) => ({ key, spec, where: o.name, field }))),
    ...spec.params.map((param) => ({ key, spec, where: 'request', param })),
  ];
});

/** The maintenance twin's computation, where only the initial figure has its own entry. */
function computationOf(key: SpecKey, name: string): string | undefined {
  const table = FIELD_COMPUTATIONS[key];
  const own = table[name];
  if (own !== undefined) return own;
  const initial = name.replace('_mntn_', '_');
  if (initial !== name && table[initial] !== undefined) {
    return `Maintenance (유지) figure of ${initial}: ${table[initial]}`;
  }
  return undefined;
}

function explain(e: Entry): FieldExplanation {
  const s = e.field ?? e.param!;
  const base = {
    api: e.spec.id,
    apiNameKo: e.spec.nameKo,
    apiNameEn: `${e.spec.nameEn} (${[e.spec.trId.real, e.spec.trId.paper].filter((t) => t !== null).join(' / ')})`,
    where: e.where,
    name: s.name,
    ko: s.ko,
    en: s.en,
  };
  const values = s.values === undefined ? {} : { values: { ...s.values } };
  const note = s.note === undefined ? {} : { note: s.note };
  if (e.param !== undefined) {
    return {
      ...base,
      kind: 'parameter',
      length: e.param.maxLength,
      optional: !e.param.required,
      ...values,
      ...note,
    };
  }
  const f = e.field!;
  let computation = computationOf(e.key, f.name);
  if (computation !== undefined && f.decimals === 'currency') {
    computation = `${computation} ${OVERSEAS_VIEW_NOTE}`;
  }
  return {
    ...base,
    kind: f.kind,
    length: f.length,
    ...(f.kind === 'amount' ? { decimals: String(f.decimals ?? 0) } : {}),
    ...values,
    optional: f.extra === true || f.optional === true,
    ...note,
    ...(computation === undefined ? {} : { computation }),
  };
}

const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * Look a field up by wire name (any case: `mgna_tota`, `MGNA_DVSN`) or Korean label
 * (`증거금총액`). Exact matches come back alone (a name both APIs share, e.g. `cano`, gives one
 * per API); otherwise every field whose name or label contains the text, at most `limit`.
 *
 * @example
 * ```ts
 * explainField('증거금총액').matches[0]?.name; // 'mgna_tota'
 * ```
 */
export function explainField(
  query: string,
  limit = 20,
): { exact: boolean; matches: FieldExplanation[] } {
  const q = squash(query);
  if (q === '') return { exact: false, matches: [] };
  const nameOf = (e: Entry) => (e.field ?? e.param!).name.toLowerCase();
  const koOf = (e: Entry) => squash((e.field ?? e.param!).ko);
  const exact = ENTRIES.filter((e) => nameOf(e) === q || koOf(e) === q);
  if (exact.length > 0) return { exact: true, matches: exact.map(explain) };
  const partial = ENTRIES.filter((e) => nameOf(e).includes(q) || koOf(e).includes(q));
  return { exact: false, matches: partial.slice(0, limit).map(explain) };
}
