import { randomUUID } from 'node:crypto';
import type { KisEnv } from '@kisfo/protocol';
import type { MiddlewareHandler } from 'hono';
import type { KisHonoEnv } from '../context.js';
import { type LogSink, type RequestLogEntry, redact, silentSink } from '../log.js';

/** Options of {@link requestLogging}. */
export interface RequestLoggingOptions {
  /** The host this app plays, written into every entry. */
  env: KisEnv;
  /** Receives one JSON line per request; {@link silentSink} means nothing listens. */
  sink: LogSink;
  /** Paths whose entries may name the account (the inquiry routes). */
  accountPaths: ReadonlySet<string>;
}

/**
 * One JSON line per request: level, method, path, status, latency, and `tr_id`, `msg_cd`,
 * account and error when the handlers noted them in `c.var.log`, every secret they listed
 * redacted. The `log` fields are set up for the handlers either way; with {@link silentSink}
 * no entry, id, clock reading or JSON is made at all (nothing would read them).
 *
 * @example
 * ```ts
 * app.use('*', requestLogging({ env: 'real', sink: stderrSink, accountPaths: new Set() }));
 * ```
 */
export function requestLogging(options: RequestLoggingOptions): MiddlewareHandler<KisHonoEnv> {
  const { env, sink, accountPaths } = options;
  if (sink === silentSink) {
    return async (c, next) => {
      c.set('env', env);
      c.set('log', { secrets: [] });
      await next();
    };
  }
  return async (c, next) => {
    const started = performance.now();
    c.set('requestId', randomUUID());
    c.set('env', env);
    c.set('log', { secrets: [] });
    await next();
    const f = c.get('log');
    const status = c.res.status;
    const entry: RequestLogEntry = {
      time: new Date().toISOString(),
      level: status >= 500 && f.msgCd === 'EGW00002' ? 'error' : status >= 400 ? 'warn' : 'info',
      event: 'request',
      requestId: c.get('requestId'),
      env,
      method: c.req.method,
      path: redact(c.req.path, f.secrets),
      status,
      latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
    };
    if (f.trId !== undefined) entry.tr_id = redact(f.trId, f.secrets);
    if (f.account !== undefined && accountPaths.has(c.req.path)) entry.account = f.account;
    if (f.msgCd !== undefined) entry.msg_cd = f.msgCd;
    if (f.error !== undefined) entry.error = redact(f.error, f.secrets);
    sink(JSON.stringify(entry));
  };
}
