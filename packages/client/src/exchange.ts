import { KisAbortError, KisConnectionError, KisTimeoutError } from './errors.js';

/** One HTTP exchange, body read in full. */
export interface RawResponse {
  status: number;
  /** Header names in lowercase; a repeated header's values joined with `, `. */
  headers: Record<string, string>;
  text: string;
}

/** One request as resources build it. */
export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
}

/** One request as the transport hands it to the exchange. */
export interface ExchangeRequest extends HttpRequest {
  /** The caller's signal: its abort ends the exchange at once. */
  signal: AbortSignal | undefined;
  /** Limit for the whole exchange, ms, reading the body included. */
  timeout: number;
  /** Called once, when the status and headers are in and before the body is read. */
  onHeaders: () => void;
}

/**
 * How one request goes out and its whole answer comes back. Throws only {@link KisAbortError}
 * (the caller's signal), {@link KisTimeoutError} or {@link KisConnectionError}: an HTTP error
 * status is an answer like any other.
 *
 * @example
 * ```ts
 * const res = await exchange('http://127.0.0.1:8080/oauth2/tokenP', {
 *   method: 'POST', headers: {}, body: '{}', signal: undefined, timeout: 15_000, onHeaders() {},
 * });
 * ```
 */
export type Exchange = (url: string, request: ExchangeRequest) => Promise<RawResponse>;

/** The abort error for a caller's signal. */
export function abortError(signal: AbortSignal | undefined): KisAbortError {
  const reason = signal?.reason;
  return new KisAbortError(
    `request aborted${reason instanceof Error ? `: ${reason.message}` : ''}`,
    { cause: reason },
  );
}

/**
 * The typed error for an exchange that failed with `e`: the caller's abort, the attempt's own
 * timeout, or a connection failure named by its cause (`connect ECONNREFUSED …`).
 */
export function exchangeError(
  e: unknown,
  signal: AbortSignal | undefined,
  timedOut: boolean,
  timeout: number,
): KisAbortError | KisConnectionError {
  if (signal?.aborted) return abortError(signal);
  if (timedOut) return new KisTimeoutError(`no complete answer within ${timeout} ms`, { cause: e });
  const detail =
    e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
  return new KisConnectionError(`connection failed: ${detail}`, { cause: e });
}
