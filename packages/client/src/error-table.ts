import { categoryOf, type MessageCategory } from '@kisfo/protocol';
import {
  KisApiError,
  type KisApiErrorInit,
  KisAuthError,
  KisDataChangedError,
  KisEnvironmentMismatchError,
  KisInvalidRequestError,
  KisNoDataError,
  KisNotFoundError,
  KisRateLimitError,
  KisServerError,
  KisTokenExpiredError,
  KisTokenIssueThrottledError,
  TOKEN_ISSUE_INTERVAL_MS,
} from './errors.js';

/** The constructor of a {@link KisApiError} subclass. */
export type ApiErrorClass = new (init: KisApiErrorInit) => KisApiError;

/**
 * Error class per message category, ccxt-style: the class follows KIS's own `msg_cd` (through the
 * protocol catalog), not the HTTP status, because KIS reports the same code with 200 and 500.
 * `success` is not a failure; `no-data` (`KIOK0560`) is a success envelope with nothing in it,
 * thrown as {@link KisNoDataError} before decoding. A code the catalog does not know stays a
 * plain KisApiError.
 */
export const ERROR_CLASS_BY_CATEGORY: Readonly<
  Record<Exclude<MessageCategory, 'success'>, ApiErrorClass>
> = {
  'no-data': KisNoDataError,
  auth: KisAuthError,
  'token-expired': KisTokenExpiredError,
  'token-issue-throttled': KisTokenIssueThrottledError,
  'rate-limit': KisRateLimitError,
  'env-mismatch': KisEnvironmentMismatchError,
  'invalid-input': KisInvalidRequestError,
  'data-changed': KisDataChangedError,
  'not-found': KisNotFoundError,
  'server-error': KisServerError,
};

/**
 * The error class for a message code.
 *
 * @example
 * ```ts
 * errorClassFor('EGW00201') === KisRateLimitError; // true
 * ```
 */
export function errorClassFor(msgCd: string): ApiErrorClass {
  const category = categoryOf(msgCd);
  if (category === undefined || category === 'success') {
    return KisApiError;
  }
  return ERROR_CLASS_BY_CATEGORY[category];
}

/** Build the typed error for a failed response. `retryAfterMs` feeds the throttled-token error. */
export function apiErrorFor(
  init: KisApiErrorInit,
  retryAfterMs = TOKEN_ISSUE_INTERVAL_MS,
): KisApiError {
  const Cls = errorClassFor(init.msgCd);
  if (Cls === KisTokenIssueThrottledError) {
    return new KisTokenIssueThrottledError(init, retryAfterMs);
  }
  // HTTP 5xx without any KIS code is a server fault, whatever the body said.
  if (Cls === KisApiError && init.msgCd === '' && init.status >= 500)
    return new KisServerError(init);
  return new Cls(init);
}
