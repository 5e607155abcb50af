import type { FieldIssue } from '@kisfo/protocol';
import { errorHint } from './error-hints.js';
import { INSPECT, redactText, redactValue } from './redact.js';

/**
 * Base class of every error the client throws. Messages, `toJSON()` and `util.inspect` never
 * show app keys, app secrets or tokens.
 *
 * @example
 * ```ts
 * try { await client.domesticFutureOption.inquireBalance(); }
 * catch (e) { if (e instanceof KisError) console.error(e.message); }
 * ```
 */
export class KisError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(redactText(message), options);
    this.name = new.target.name;
  }

  /** A redacted, JSON-safe view (what a logger should record). */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [k, v] of Object.entries(this)) out[k] = redactValue(v);
    if (this.cause !== undefined) out.cause = describeCause(this.cause);
    return out;
  }

  [INSPECT](): string {
    return `${this.name}: ${this.message}\n${JSON.stringify(this.toJSON(), null, 2)}`;
  }
}

function describeCause(cause: unknown): unknown {
  if (cause instanceof Error) return { name: cause.name, message: redactText(cause.message) };
  return redactValue(cause);
}

/** What the server answered, kept on every {@link KisApiError}. */
export interface KisApiErrorInit {
  status: number;
  msgCd: string;
  msg1: string;
  rtCd: string;
  trId?: string | undefined;
  trCont?: string | undefined;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * KIS answered with a failure: `rt_cd` other than `"0"`, a token-endpoint error body, or an HTTP
 * error without an envelope. Subclasses are picked by `msg_cd` (see `errorClassFor`).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof KisApiError) console.log(e.status, e.msgCd, e.msg1); }
 * ```
 */
export class KisApiError extends KisError {
  /** HTTP status (KIS reports some failures with 200). */
  readonly status: number;
  /** `msg_cd` (or the token endpoint's `error_code`); `''` when the body had none. */
  readonly msgCd: string;
  /** `msg1` with KIS's right padding trimmed. */
  readonly msg1: string;
  /** `rt_cd` (`''` for bodies without the envelope). */
  readonly rtCd: string;
  readonly trId: string | undefined;
  /** Response header `tr_cont`. */
  readonly trCont: string | undefined;
  /** Response headers. */
  readonly headers: Record<string, string>;
  /** Parsed body (or the text, when it was not JSON). */
  readonly body: unknown;
  /** What to do next, when the code says more than its message (see `errorHint`). */
  readonly hint: string | undefined;

  constructor(init: KisApiErrorInit, message?: string) {
    const msg1 = init.msg1.trim();
    const code = init.msgCd === '' ? `HTTP ${init.status}` : `${init.msgCd} (HTTP ${init.status})`;
    super(message ?? `${code}: ${msg1 === '' ? 'request failed' : msg1}`);
    this.status = init.status;
    this.msgCd = init.msgCd;
    this.msg1 = msg1;
    this.rtCd = init.rtCd;
    this.trId = init.trId;
    this.trCont = init.trCont;
    this.headers = init.headers;
    this.body = init.body;
    this.hint = errorHint(init.msgCd, init.trId, msg1);
  }
}

/** Invalid app key/secret or an invalid, revoked or foreign token (`EGW00121`, `EGW00103`, `EGW00105`). */
export class KisAuthError extends KisApiError {}

/** The token expired (`EGW00123`). The client refreshes once and replays before throwing this. */
export class KisTokenExpiredError extends KisAuthError {}

/** How long KIS wants between token issuances. */
export const TOKEN_ISSUE_INTERVAL_MS = 60_000;

/** More than one token issuance a minute (`EGW00133`). */
export class KisTokenIssueThrottledError extends KisApiError {
  /** How long to wait before asking again. */
  readonly retryAfterMs: number;
  constructor(init: KisApiErrorInit, retryAfterMs: number = TOKEN_ISSUE_INTERVAL_MS) {
    super(init);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Calls per second exceeded (`EGW00201`), after the client's own retries. */
export class KisRateLimitError extends KisApiError {}

/** A paper app key on the real host, or a real TR on the paper host (`EGW02004`, `EGW02006`). */
export class KisEnvironmentMismatchError extends KisApiError {}

/** KIS refused the input (`OPSQ2001`); `msg1` names the field. */
export class KisInvalidRequestError extends KisApiError {}

/**
 * The data changed between pages (`SYDB0050`, or a summary that differs between pages). The
 * client restarts from the first page a few times before throwing this.
 */
export class KisDataChangedError extends KisApiError {}

/** Unknown service or an account not registered to the app key (`MCA00124`, `OPSQ2000`). */
export class KisNotFoundError extends KisApiError {}

/**
 * KIS has nothing for the query (`KIOK0560`, "조회할 내용이 없습니다"): an answer with `rt_cd` `"0"`
 * and empty outputs, e.g. a margin detail for a date without figures. Thrown before decoding, so
 * an empty answer is never mistaken for a malformed one; `status`, `headers` and `body` keep the
 * response.
 *
 * @example
 * ```ts
 * try { await kis.overseasFutureOption.marginDetail({ currency: 'TKR', date: '20250101' }); }
 * catch (e) { if (e instanceof KisNoDataError) console.log('no figures for that date'); }
 * ```
 */
export class KisNoDataError extends KisApiError {}

/** A server fault: `EGW00002`, or HTTP 5xx without a KIS code (after retries). */
export class KisServerError extends KisApiError {}

/** The request never got an answer: DNS, refused or reset connection, TLS. `cause` has the detail. */
export class KisConnectionError extends KisError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One attempt took longer than `timeout` (after retries). */
export class KisTimeoutError extends KisConnectionError {}

/** The caller's `AbortSignal` fired. Never retried. */
export class KisAbortError extends KisError {}

/**
 * Bad options or parameters, found before any request. `field` names the first field at fault;
 * `issues` lists them all (from the protocol's validators where they apply).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof KisValidationError) console.log(e.field); } // 'CANO'
 * ```
 */
export class KisValidationError extends KisError {
  readonly field: string;
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[], message?: string) {
    const text = issues.map(
      (i) =>
        `${i.path}${i.label === '' ? '' : ` (${i.label})`}: ${i.problem}${i.allowed === undefined ? '' : ` (allowed: ${i.allowed})`}`,
    );
    super(message ?? `invalid ${text.length === 1 ? text[0] : `input: ${text.join('; ')}`}`);
    this.field = issues[0]?.field ?? '';
    this.issues = issues;
  }
}

/** KIS does not offer this call here (the margin detail on paper). Thrown before sending. */
export class KisNotSupportedError extends KisError {}

/**
 * The response could not be read: not JSON (truncated, HTML), or a field that does not decode
 * by the spec. `issues` lists the fields at fault when the JSON parsed.
 */
export class KisDecodeError extends KisError {
  readonly status: number;
  readonly issues: readonly FieldIssue[];
  /** The start of the body text (at most 500 characters). */
  readonly bodySnippet: string;
  constructor(
    message: string,
    init: { status: number; bodyText: string; issues?: readonly FieldIssue[]; cause?: unknown },
  ) {
    super(message, { cause: init.cause });
    this.status = init.status;
    this.issues = init.issues ?? [];
    this.bodySnippet = init.bodyText.slice(0, 500);
  }
}

/**
 * Paging went wrong on the server's side: a continuation key repeated, a position returned
 * twice, or "more pages" without keys. Nothing partial is returned.
 */
export class KisPagingError extends KisDecodeError {}
