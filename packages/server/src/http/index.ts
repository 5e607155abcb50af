export {
  kisMalformedRequestAnswer,
  type MalformedRequestAnswer,
  type MalformedStatus,
} from '../malformed-request.js';
export { secureEqual } from '../secure-compare.js';
export {
  type AdminHostOptions,
  type AdminMount,
  createAdminHostApp,
  DEFAULT_ADMIN_MAX_BODY_BYTES,
} from './admin-host.js';
export { createKisApp, type FetchHandler, type KisAppOptions } from './app.js';
export { bindWarnings, isLoopbackHost } from './bind-address.js';
export type { KisHonoEnv, LogFields } from './context.js';
export { type EpochClock, systemEpochClock } from './epoch-clock.js';
export { DEFAULT_MAX_BODY_BYTES, limitRequestBody } from './gateway/body-limit.js';
export * from './gateway/call-limiter.js';
export {
  type Authorized,
  admit,
  authorize,
  type GatewayDeps,
  trIdProblem,
} from './gateway/gateway.js';
export { GatewayCallLimiter } from './gateway/gateway-call-limiter.js';
export { type Listener, listen, type TlsOptions } from './listen.js';
export { type LogSink, type RequestLogEntry, redact, silentSink, stderrSink } from './log.js';
export type { AccessTokenClaims } from './oauth/jwt.js';
export {
  type IssuedToken,
  TOKEN_REUSE_MS,
  TOKEN_THROTTLE_MS,
  TOKEN_TTL_SECONDS,
  type TokenCheck,
  TokenRegistry,
  type TokenRegistryOptions,
} from './oauth/token-registry.js';
export * from './oauth/token-state.js';
export { AnswerCache } from './paging/answer-cache.js';
export {
  type PageScope,
  searchConditionKey,
} from './paging/continuation-keys.js';
export {
  INQUIRY_BINDINGS,
  type InquiryAnswer,
  type InquiryBinding,
} from './routes/inquiry-bindings.js';
export { wireHeaderName, writeKisHeaderCase } from './wire-headers.js';
