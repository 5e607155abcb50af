import type { Decimal } from './decimal.js';

/**
 * What a response field holds, which decides how its string is decoded and encoded.
 *
 * | kind | wire | decoded |
 * |---|---|---|
 * | `amount` | integer string, leading `-` (`"-1237500"`); decimals only where the field says so | `Decimal` |
 * | `price` | 8 decimals (`"309.10000000"`) | `Decimal` |
 * | `rate` | 8 decimals (`"0.00000000"`) | `Decimal` |
 * | `quantity` | integer string | `Decimal` (scale 0) |
 * | `code` | fixed code (`"03"`, `"301"`) | `string` |
 * | `text` | free text (Korean counted in CP949 bytes) | `string` |
 * | `date` | `YYYYMMDD` | `string` |
 * | `flag` | `Y` / `N` | `boolean` |
 */
export type FieldKind =
  | 'amount'
  | 'price'
  | 'rate'
  | 'quantity'
  | 'code'
  | 'text'
  | 'date'
  | 'flag';

/** The numeric kinds: decoded to {@link Decimal}. */
export type NumericKind = 'amount' | 'price' | 'rate' | 'quantity';

/** A response body field. */
export interface FieldSpec {
  /** Wire name exactly as KIS sends it (`pchs_amt`). */
  readonly name: string;
  /** Korean label from the KIS document (`매입금액`). */
  readonly ko: string;
  /** English description. */
  readonly en: string;
  readonly kind: FieldKind;
  /** The document's Length column (bytes for text). */
  readonly length: number;
  /**
   * Amount decimals: `0` (KRW integers, the default), a number, or `'currency'` when the
   * currency of the view decides (overseas margin detail: 0 for KRW/JPY/VND, 2 for USD/HKD/CNY).
   */
  readonly decimals?: number | 'currency';
  /** Right-pad to this many characters on encode (continuation keys: 200). */
  readonly padTo?: number;
  /** Right-pad to this many CP949 bytes on encode (`msg1`: 80). */
  readonly padBytes?: number;
  /** Meaning of each code value, where the document lists them. */
  readonly values?: Readonly<Record<string, string>>;
  /**
   * `true` for fields not in the seed document's table but present in KIS's own examples
   * (DESIGN.md lists them). They are optional on decode.
   */
  readonly extra?: boolean;
  /** `true` when KIS may leave the field out (optional on decode; kisfo always sends it). */
  readonly optional?: boolean;
  /** Where the documents disagree with each other or with KIS's examples. */
  readonly note?: string;
}

/** Formats a parameter or header value must have. */
export type ValueFormat =
  | 'digits' // only 0-9
  | 'yyyymmdd' // a real calendar date
  | 'alnum'
  | 'any';

/** A request parameter (query string or JSON body) or request header. */
export interface ParamSpec {
  readonly name: string;
  readonly ko: string;
  readonly en: string;
  /** Must be present. */
  readonly required: boolean;
  /** Present but may be blank (continuation keys on the first page). */
  readonly blankAllowed?: boolean;
  /** Maximum length in characters. */
  readonly maxLength: number;
  /** Exact length in characters (after trimming nothing). */
  readonly exactLength?: number;
  readonly format?: ValueFormat;
  /** Allowed values with their meaning. */
  readonly values?: Readonly<Record<string, string>>;
  /** Required when `custtype` is `B` (corporate). */
  readonly corporate?: boolean;
  /** A secret: never echoed in errors or logs. */
  readonly secret?: boolean;
  readonly note?: string;
}

/** One output of a response body: an array of rows or one object. */
export interface OutputSpec {
  readonly name: string;
  readonly ko: string;
  readonly shape: 'array' | 'object';
  readonly fields: readonly FieldSpec[];
  /**
   * Name of the decoded record's TypeScript interface in the client (`DomesticBalancePosition`);
   * the client's documented types are generated from it.
   */
  readonly typeName: string;
  /** What one record is, for its documentation (`One position (\`output1\` row)`). */
  readonly about: string;
}

/** How an API pages. */
export type PagingSpec =
  | { readonly mode: 'none' }
  | {
      /** `tr_cont` header plus continuation keys sent back as query parameters. */
      readonly mode: 'ctx-keys';
      readonly pageSize: number;
      /** Request parameter / response field pairs. */
      readonly keys: readonly { readonly param: string; readonly field: string }[];
      /** The array output that is paged. */
      readonly pagedOutput: string;
    }
  | { readonly mode: 'tr-cont' };

/** TR ID per environment; `null` where KIS offers none. */
export interface TrIds {
  readonly real: string | null;
  readonly paper: string | null;
}

/** A KIS inquiry API: everything both sides need to speak it. */
export interface InquirySpec {
  readonly kind: 'inquiry';
  /** KIS's API id (`v1_국내선물-004`). */
  readonly id: string;
  readonly nameKo: string;
  readonly nameEn: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly trId: TrIds;
  /** Where parameters travel. */
  readonly paramsIn: 'query' | 'body';
  readonly headers: readonly ParamSpec[];
  readonly params: readonly ParamSpec[];
  readonly responseHeaders: readonly ParamSpec[];
  /** Envelope fields (`rt_cd`, `msg_cd`, `msg1`, continuation keys). */
  readonly envelope: readonly FieldSpec[];
  readonly outputs: readonly OutputSpec[];
  readonly paging: PagingSpec;
}

/** An OAuth endpoint (token issue / revoke): JSON body in, JSON body out, no envelope. */
export interface OAuthSpec {
  readonly kind: 'oauth';
  readonly id: string;
  readonly nameKo: string;
  readonly nameEn: string;
  readonly method: 'POST';
  readonly path: string;
  readonly params: readonly ParamSpec[];
  readonly response: readonly FieldSpec[];
}

/** Decoded value of one kind. */
export interface KindValues {
  amount: Decimal;
  price: Decimal;
  rate: Decimal;
  quantity: Decimal;
  code: string;
  text: string;
  date: string;
  flag: boolean;
}

type IsOptional<F> = F extends { readonly extra: true }
  ? true
  : F extends { readonly optional: true }
    ? true
    : false;

/** The raw wire shape of a record: every field a string, optional ones optional. */
export type RawRecord<F extends readonly FieldSpec[]> = {
  -readonly [K in F[number] as IsOptional<K> extends true ? never : K['name']]: string;
} & {
  -readonly [K in F[number] as IsOptional<K> extends true ? K['name'] : never]?: string;
};

/** The decoded shape of a record: numbers as exact decimals, flags as booleans. */
export type DecodedRecord<F extends readonly FieldSpec[]> = {
  -readonly [K in F[number] as IsOptional<K> extends true
    ? never
    : K['name']]: KindValues[K['kind']];
} & {
  -readonly [K in F[number] as IsOptional<K> extends true
    ? K['name']
    : never]?: KindValues[K['kind']];
};

/** Request parameters of a spec as a record of strings (optional ones optional). */
export type ParamRecord<P extends readonly ParamSpec[]> = {
  -readonly [K in P[number] as K['required'] extends true ? K['name'] : never]: string;
} & {
  -readonly [K in P[number] as K['required'] extends true ? never : K['name']]?: string;
};

/** The output named `N` of an inquiry spec. */
export type OutputOf<S extends InquirySpec, N extends string> = Extract<
  S['outputs'][number],
  { readonly name: N }
>;

/** Decoded rows/object of output `N` of spec `S`. */
export type DecodedOutput<S extends InquirySpec, N extends string> =
  OutputOf<S, N> extends {
    readonly shape: 'array';
    readonly fields: infer F extends readonly FieldSpec[];
  }
    ? DecodedRecord<F>[]
    : OutputOf<S, N> extends { readonly fields: infer F extends readonly FieldSpec[] }
      ? DecodedRecord<F>
      : never;

/** Raw rows/object of output `N` of spec `S`. */
export type RawOutput<S extends InquirySpec, N extends string> =
  OutputOf<S, N> extends {
    readonly shape: 'array';
    readonly fields: infer F extends readonly FieldSpec[];
  }
    ? RawRecord<F>[]
    : OutputOf<S, N> extends { readonly fields: infer F extends readonly FieldSpec[] }
      ? RawRecord<F>
      : never;
