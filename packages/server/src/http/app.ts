import { DEFAULT_RATE_LIMITS, type KisEnv } from '@kisfo/protocol';
import { Hono } from 'hono';
import type { KisBackOffice } from '../contracts.js';
import type { KisHonoEnv } from './context.js';
import type { EpochClock } from './epoch-clock.js';
import { AuthorizationMemo } from './gateway/authorization-memo.js';
import { DEFAULT_MAX_BODY_BYTES, limitRequestBody } from './gateway/body-limit.js';
import type { CallLimiter } from './gateway/call-limiter.js';
import { GatewayCallLimiter } from './gateway/gateway-call-limiter.js';
import { type LogSink, stderrSink } from './log.js';
import { requestLogging } from './middleware/request-logging.js';
import { answerUnexpectedError } from './middleware/unexpected-error.js';
import { answerUnknownPath } from './middleware/unknown-path.js';
import { registerOAuthRoutes } from './oauth/oauth-routes.js';
import { TokenRegistry } from './oauth/token-registry.js';
import { AnswerCache } from './paging/answer-cache.js';
import { EncodedCache, ServedPages } from './routes/encoded-cache.js';
import { healthHandler } from './routes/health.js';
import { INQUIRY_BINDINGS } from './routes/inquiry-bindings.js';
import { registerInquiryRoute } from './routes/inquiry-route.js';

/** Anything answering fetch requests: a Hono app, the ledger's admin API, a dashboard. */
export interface FetchHandler {
  fetch(request: Request): Response | Promise<Response>;
}

/** Options of {@link createKisApp}. */
export interface KisAppOptions {
  /** Which KIS host this app plays. */
  env: KisEnv;
  backOffice: KisBackOffice;
  /** Now, for the call limiter (and for the token registry when none is given). */
  clock?: EpochClock;
  /** Token registry; share one between the real and the paper app. */
  tokens?: TokenRegistry;
  /** Calls per second per app key (default real 20, paper 2). */
  rateLimits?: Partial<Record<KisEnv, number>>;
  /** Receives one JSON line per request (default: stderr). */
  logger?: LogSink;
  /** Largest request body accepted, in bytes (default 64 KiB); larger ones get `OPSQ2001`, 413. */
  maxBodyBytes?: number;
  /** Per-app-key call limiter (default: this process's token buckets). */
  limiter?: CallLimiter;
}

const PATHS_WITH_ACCOUNT_LOGGING = new Set(INQUIRY_BINDINGS.map((b) => b.spec.path));

/**
 * The KIS-compatible app for one host, as a pure value (no socket): OAuth, the gateway, one route
 * per inquiry spec, paging, JSON-line logs and `GET /kisfo/health`. The admin API is not here: it
 * has its own listener (`createAdminHostApp`).
 *
 * @example
 * ```ts
 * const app = createKisApp({ env: 'paper', backOffice });
 * const res = await app.request('/oauth2/tokenP', { method: 'POST', body: JSON.stringify({
 *   grant_type: 'client_credentials', appkey, appsecret }) });
 * ```
 */
export function createKisApp(options: KisAppOptions): Hono<KisHonoEnv> {
  const { env, backOffice } = options;
  const tokens = options.tokens ?? new TokenRegistry(options.clock ? { clock: options.clock } : {});
  const clock = options.clock ?? tokens.clock;
  const sink = options.logger ?? stderrSink;
  const deps = {
    env,
    backOffice,
    tokens,
    limiter: options.limiter ?? new GatewayCallLimiter(clock),
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    pagingSecret: tokens.deriveKey('paging'),
    cache: new AnswerCache(),
    encoded: new EncodedCache(),
    served: new ServedPages(),
    authorizations: new AuthorizationMemo(),
  };
  const app = new Hono<KisHonoEnv>();

  app.use('*', requestLogging({ env, sink, accountPaths: PATHS_WITH_ACCOUNT_LOGGING }));
  app.use('*', limitRequestBody(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));

  app.get('/kisfo/health', healthHandler(env, backOffice));

  registerOAuthRoutes(app, deps);
  for (const binding of INQUIRY_BINDINGS) registerInquiryRoute(app, binding, deps);

  app.notFound(answerUnknownPath(PATHS_WITH_ACCOUNT_LOGGING));
  app.onError(answerUnexpectedError(PATHS_WITH_ACCOUNT_LOGGING));
  return app;
}
