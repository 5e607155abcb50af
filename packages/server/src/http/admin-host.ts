import { Hono } from 'hono';
import type { FetchHandler } from './app.js';
import type { KisHonoEnv } from './context.js';
import { limitRequestBody } from './gateway/body-limit.js';
import type { LogSink } from './log.js';
import {
  answerAdminUnexpectedError,
  answerAdminUnknownPath,
} from './middleware/admin-fallbacks.js';
import { adminRequestLogging } from './middleware/admin-request-logging.js';
import { requireBearer } from './middleware/require-bearer.js';
import { adminHealthHandler } from './routes/admin-health.js';

/** A sub-app served on the admin listener, e.g. a dashboard at `/kisfo/dashboard`. */
export interface AdminMount {
  /** Path prefix, e.g. `/kisfo/dashboard`; the sub-app sees the paths below it. */
  path: string;
  app: FetchHandler;
  /** Require the admin bearer token (default false: a browser page cannot send it on navigation). */
  guarded?: boolean;
}

/** Options of {@link createAdminHostApp}. */
export interface AdminHostOptions {
  /** Bearer token guarding `/kisfo/admin/*`. */
  adminToken: string;
  /** The ledger's admin API, mounted under `/kisfo/admin`. */
  ledgerAdmin?: FetchHandler;
  /** More sub-apps on the same listener. */
  mounts?: readonly AdminMount[];
  /** Largest request body (default 64 MiB: scenarios are imported here). */
  maxBodyBytes?: number;
  /** What `GET /kisfo/health` reports as the business date. */
  businessDate?: () => string;
  /** Receives one JSON line per request (`event: 'admin-request'`; never the token). */
  logger?: LogSink;
}

/** Default request body limit of the admin listener. */
export const DEFAULT_ADMIN_MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * The admin host as a pure value: the ledger admin API under `/kisfo/admin` behind the admin
 * token, `GET /kisfo/health`, and any mounted sub-apps. It is served on its own listener
 * (loopback by default), never on the KIS hosts.
 *
 * @example
 * ```ts
 * const admin = createAdminHostApp({ adminToken, ledgerAdmin,
 *   mounts: [{ path: '/kisfo/dashboard', app: dashboardApp }] });
 * await admin.request('/kisfo/admin/business-day', { headers: { authorization: `Bearer ${adminToken}` } });
 * ```
 */
export function createAdminHostApp(options: AdminHostOptions): Hono<KisHonoEnv> {
  const app = new Hono<KisHonoEnv>();
  app.use('*', adminRequestLogging(options.logger, options.adminToken));
  app.use('*', limitRequestBody(options.maxBodyBytes ?? DEFAULT_ADMIN_MAX_BODY_BYTES));
  app.get('/kisfo/health', adminHealthHandler(options.businessDate));
  const guard = requireBearer(options.adminToken);
  const { ledgerAdmin } = options;
  if (ledgerAdmin !== undefined) {
    app.use('/kisfo/admin', guard);
    app.use('/kisfo/admin/*', guard);
    app.mount('/kisfo/admin', (req) => ledgerAdmin.fetch(req));
  }
  for (const m of options.mounts ?? []) {
    const path = m.path.replace(/\/+$/, '');
    if (m.guarded === true) {
      app.use(path, guard);
      app.use(`${path}/*`, guard);
    }
    app.mount(path, (req) => m.app.fetch(req));
  }
  app.notFound(answerAdminUnknownPath());
  app.onError(answerAdminUnexpectedError());
  return app;
}
