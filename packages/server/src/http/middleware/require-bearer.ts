import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { secureEqual } from '../../secure-compare.js';
import type { KisHonoEnv } from '../context.js';
import { jsonResponse } from '../respond.js';

/**
 * Require `Authorization: Bearer <token>` (compared in constant time); anything else is answered
 * 401 with `WWW-Authenticate: Bearer`, the body `{ "error": "unauthorized" }`. The admin
 * listener puts it in front of `/kisfo/admin/*` and of guarded mounts.
 *
 * @example
 * ```ts
 * app.use('/kisfo/admin/*', requireBearer(adminToken));
 * ```
 */
export function requireBearer(token: string): MiddlewareHandler<KisHonoEnv> {
  return createMiddleware<KisHonoEnv>(async (c, next) => {
    const given = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!secureEqual(given, token)) {
      return jsonResponse({ error: 'unauthorized' }, 401, { 'www-authenticate': 'Bearer' });
    }
    await next();
  });
}
