import { isTokenErrorBody } from '@kisfo/protocol';
import type { Clock } from './clock.js';
import { apiErrorFor } from './error-table.js';
import { type KisApiError, KisDecodeError, KisError, KisRateLimitError } from './errors.js';
import { abortError, type Exchange, type HttpRequest, type RawResponse } from './exchange.js';
import type { Permit, RateLimiter } from './rate-limiter.js';
import { redactValue } from './redact.js';
import { backoffMs, type RetryPolicy, retryReason } from './retry.js';

export { abortError, type HttpRequest, type RawResponse } from './exchange.js';
export type { FetchLike } from './fetch-exchange.js';

/** Where the client reports what it does. Every argument is already redacted. */
export interface KisLogger {
  debug?(message: string, data?: Record<string, unknown>): void;
  warn?(message: string, data?: Record<string, unknown>): void;
}

/** What the transport needs from the client. */
export interface TransportOptions {
  baseURL: string;
  /** How a request goes out and its answer comes back (Node's `http`, or a `fetch`). */
  exchange: Exchange;
  /** Per-attempt timeout, ms (covers reading the body). */
  timeout: number;
  retry: RetryPolicy;
  clock: Clock;
  limiter: RateLimiter | undefined;
  logger: KisLogger | undefined;
}

/**
 * The one place that talks HTTP (the role of openai-node's core client): rate limiting, the
 * exchange (per-attempt timeout, the caller's signal, the body read whatever the status), and the
 * retry loop. Resources build requests and decode; they never send anything themselves.
 */
export class Transport {
  constructor(readonly options: TransportOptions) {}

  /** Send once: wait for a permit, send, read the whole body. Throws typed transport errors. */
  async send(
    path: string,
    request: HttpRequest,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse> {
    if (signal?.aborted) throw abortError(signal);
    const { limiter } = this.options;
    let permit: Permit | undefined;
    if (limiter !== undefined) {
      try {
        permit = await limiter.acquirePermit(signal);
      } catch {
        throw abortError(signal);
      }
      // The caller may have aborted while the permit was handed over (no longer a waiter, so the
      // limiter did not see it, and a listener added now would never fire): send nothing.
      if (signal?.aborted) {
        permit.release();
        throw abortError(signal);
      }
    }
    try {
      return await this.options.exchange(this.options.baseURL + path, {
        ...request,
        signal,
        timeout: this.options.timeout,
        // The server counted the call before it sent these headers: the window counts from
        // here, not from the end of the body (a long page would charge the window its transfer).
        onHeaders: () => permit?.release(),
      });
    } finally {
      // No answer (or a failed one): count from now. Releasing twice is harmless.
      permit?.release();
    }
  }

  /**
   * Run `fn` with retries on transient failures (see `retryReason`), full-jitter backoff, at most
   * `maxRetries` more times. An abort ends everything at once.
   */
  async retrying<T>(
    label: string,
    signal: AbortSignal | undefined,
    fn: () => Promise<T>,
  ): Promise<T> {
    const { retry, clock, limiter, logger } = this.options;
    for (let n = 0; ; n++) {
      try {
        return await fn();
      } catch (e) {
        if (!(e instanceof KisError)) throw e;
        const reason = retryReason(e);
        if (reason === undefined || n >= retry.maxRetries || signal?.aborted) throw e;
        let delay = backoffMs(n, retry, clock.random);
        if (e instanceof KisRateLimitError) {
          // The whole queue of this app key waits, not just this call: the others would be
          // refused too. Without a limiter, wait at least the server's one-second window.
          if (limiter !== undefined) limiter.pause();
          else delay += 1000;
        }
        logger?.warn?.(`${label}: retrying after ${reason}`, {
          retry: n + 1,
          delayMs: delay,
          error: e.toJSON(),
        });
        try {
          await clock.sleep(delay, signal);
        } catch {
          throw abortError(signal);
        }
      }
    }
  }

  /**
   * Parse a body as JSON. A body that is not JSON is, with an HTTP error status, that error
   * (see {@link Transport.failure}); otherwise a (retryable) decode error saying what came back.
   */
  static json(res: RawResponse): unknown {
    try {
      return JSON.parse(res.text);
    } catch (cause) {
      // An HTTP error with a non-JSON body (a proxy's or firewall's HTML page) is that HTTP
      // error, not a decode problem: a 5xx is a server fault (retried), a 4xx a refusal that
      // would come back the same (not retried). Status, headers and the text are kept.
      if (res.status >= 400) {
        throw apiErrorFor({
          status: res.status,
          msgCd: '',
          msg1: '',
          rtCd: '',
          headers: res.headers,
          body: redactValue(res.text),
        });
      }
      const what =
        res.text.trim() === '' ? 'an empty body' : 'a body that is not JSON (truncated?)';
      throw new KisDecodeError(`HTTP ${res.status} with ${what}`, {
        status: res.status,
        bodyText: res.text,
        cause,
      });
    }
  }

  /**
   * The typed error for a parsed body that is a failure, or `undefined` when it is a success.
   * Reads the envelope whatever the HTTP status (KIS sends EGW00201 with 200 and with 500).
   */
  static failure(
    res: RawResponse,
    body: unknown,
    trId?: string,
    retryAfterMs?: number,
  ): KisApiError | undefined {
    const env = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    // The common case first, without copying anything: a success envelope.
    if (env.rt_cd === '0' && res.status < 400) return undefined;
    const base = {
      status: res.status,
      headers: res.headers,
      body: redactValue(body),
      trId,
      trCont: res.headers.tr_cont,
    };
    if (isTokenErrorBody(body)) {
      return apiErrorFor(
        { ...base, msgCd: body.error_code, msg1: body.error_description, rtCd: '' },
        retryAfterMs,
      );
    }
    if (typeof env.rt_cd === 'string') {
      return apiErrorFor({
        ...base,
        msgCd: typeof env.msg_cd === 'string' ? env.msg_cd : '',
        msg1: typeof env.msg1 === 'string' ? env.msg1 : '',
        rtCd: env.rt_cd,
      });
    }
    if (res.status >= 400) return apiErrorFor({ ...base, msgCd: '', msg1: '', rtCd: '' });
    return undefined;
  }
}
