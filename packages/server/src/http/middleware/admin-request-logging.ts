import type { MiddlewareHandler } from 'hono';
import type { KisHonoEnv } from '../context.js';
import { type LogSink, redact } from '../log.js';

/**
 * One JSON line per admin-listener request (`event: 'admin-request'`): level, method, path,
 * status, latency, and the error an unexpected failure noted in `c.var.log`. The admin token and
 * every secret a handler listed are redacted; with no sink nothing is made at all.
 *
 * @example
 * ```ts
 * admin.use('*', adminRequestLogging(stderrSink, adminToken));
 * ```
 */
export function adminRequestLogging(
  sink: LogSink | undefined,
  adminToken: string,
): MiddlewareHandler<KisHonoEnv> {
  if (sink === undefined) {
    return async (c, next) => {
      c.set('log', { secrets: [] });
      await next();
    };
  }
  return async (c, next) => {
    const started = performance.now();
    c.set('log', { secrets: [] });
    await next();
    const f = c.get('log');
    const status = c.res.status;
    const secrets = [adminToken, ...f.secrets];
    sink(
      JSON.stringify({
        time: new Date().toISOString(),
        level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
        event: 'admin-request',
        method: c.req.method,
        path: redact(c.req.path, secrets),
        status,
        latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
        ...(f.error === undefined ? {} : { error: redact(f.error, secrets) }),
      }),
    );
  };
}
