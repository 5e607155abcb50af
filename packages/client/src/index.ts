// @kisfo/client: KisClient, the typed KIS futures & options SDK. Only @kisfo/protocol is imported
// here; node: modules load lazily (file token store) so the client runs wherever fetch exists.
export type { CassetteEntry, Decimal, KisEnv, MarginDetailCurrency } from '@kisfo/protocol';
export { rawOf } from '@kisfo/protocol';
export { splitAccount } from './account.js';
export { type RecordOptions, recordingFetch } from './cassette/recording-fetch.js';
export { type ReplayFetchOptions, replayFetch } from './cassette/replay-fetch.js';
export {
  type BalanceViolation,
  checkBalance,
  positionSide,
  productClass,
} from './check-balance.js';
export { KisClient, type TokenInfo } from './client.js';
export { type Clock, systemClock } from './clock.js';
export { CLIENT_INQUIRY_METHODS } from './endpoints.js';
export { errorHint } from './error-hints.js';
export { type ApiErrorClass, ERROR_CLASS_BY_CATEGORY, errorClassFor } from './error-table.js';
export {
  KisAbortError,
  KisApiError,
  type KisApiErrorInit,
  KisAuthError,
  KisConnectionError,
  KisDataChangedError,
  KisDecodeError,
  KisEnvironmentMismatchError,
  KisError,
  KisInvalidRequestError,
  KisNoDataError,
  KisNotFoundError,
  KisNotSupportedError,
  KisPagingError,
  KisRateLimitError,
  KisServerError,
  KisTimeoutError,
  KisTokenExpiredError,
  KisTokenIssueThrottledError,
  KisValidationError,
} from './errors.js';
export type { KisClientOptions } from './options.js';
export { DEFAULT_KIS_ENV, MAX_TIMER_MS } from './options.js';
export type {
  CollectedPages,
  InquiryPage,
  PagedOutputName,
  PagedRow,
  PagedSpec,
} from './pager.js';
export {
  type Permit,
  RateLimiter,
  type RateLimitOptions,
  sharedRateLimiter,
} from './rate-limiter.js';
export {
  type BalancePage,
  type BalanceRequest,
  type BalanceResult,
  DomesticFutureOption,
  type InquireBalanceParams,
} from './resources/domestic-future-option.js';
export {
  koreaDate,
  type MarginDetailParams,
  OverseasFutureOption,
} from './resources/overseas-future-option.js';
export { formatKstDateTime, parseKstDateTime } from './token-manager.js';
export {
  fileTokenStore,
  MemoryTokenStore,
  type StoredToken,
  type TokenStore,
  tokenStoreKey,
} from './token-store.js';
export type { FetchLike, KisLogger } from './transport.js';
export type {
  DomesticBalancePosition,
  DomesticBalanceSummary,
  DomesticDeposit,
  OverseasMarginDetail,
} from './types.js';
