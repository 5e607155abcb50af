import type { Handler } from 'hono';
import type { KisHonoEnv } from '../context.js';
import { jsonResponse } from '../respond.js';

/**
 * `GET /kisfo/health` of the admin listener: `{ status: 'ok', role: 'admin', businessDate }`,
 * the business date read on every call when a reader is given.
 *
 * @example
 * ```ts
 * admin.get('/kisfo/health', adminHealthHandler(() => store.businessDate() ?? ''));
 * ```
 */
export function adminHealthHandler(businessDate?: () => string): Handler<KisHonoEnv> {
  return () =>
    jsonResponse(
      { status: 'ok', role: 'admin', ...(businessDate ? { businessDate: businessDate() } : {}) },
      200,
    );
}
