import {
  KisConnectionError,
  KisDecodeError,
  type KisError,
  KisPagingError,
  KisRateLimitError,
  KisServerError,
} from './errors.js';

/** Backoff settings. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff ceiling (doubles each retry). */
  baseDelayMs: number;
  /** Largest backoff ceiling. */
  maxDelayMs: number;
}

/** Defaults: 2 retries, 250 ms doubling up to 8 s. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 2,
  baseDelayMs: 250,
  maxDelayMs: 8000,
};

/**
 * Full-jitter exponential backoff: a uniform wait in [0, min(max, base·2^retry)). Jitter keeps many
 * clients that failed together (a gateway blip, a rate-limit burst) from retrying together.
 */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Why an error may be retried, or `undefined` when it must not be. These inquiries only read, so
 * replaying them cannot change anything at KIS; what decides is whether another try can succeed.
 */
export function retryReason(error: KisError): string | undefined {
  // Timeouts first (a subclass of connection errors): the next attempt may find a faster path.
  if (error instanceof KisConnectionError)
    return error.name === 'KisTimeoutError' ? 'timeout' : 'connection';
  // EGW00201: the server dropped the call unprocessed because of the rate; it succeeds later.
  if (error instanceof KisRateLimitError) return 'rate-limit';
  // HTTP 5xx without a KIS code (a proxy or gateway fault) or EGW00002: transient by nature.
  if (error instanceof KisServerError) return 'server';
  // A body that is not JSON at all (cut off by a reset, an HTML error page): a transport fault.
  // A JSON body whose fields do not decode is deterministic and is not retried.
  if (
    error instanceof KisDecodeError &&
    !(error instanceof KisPagingError) &&
    error.issues.length === 0
  ) {
    return 'unreadable-body';
  }
  // Everything else (validation, auth, business codes, aborts) would fail the same way again.
  return undefined;
}
