import type { KisEnv } from '@kisfo/protocol';
import type { Handler } from 'hono';
import type { KisBackOffice } from '../../contracts.js';
import type { KisHonoEnv } from '../context.js';
import { jsonResponse } from '../respond.js';

/**
 * `GET /kisfo/health` of a KIS host: `{ status: 'ok', env, businessDate }`, the business date
 * read from the back office on every call.
 *
 * @example
 * ```ts
 * app.get('/kisfo/health', healthHandler('paper', backOffice));
 * ```
 */
export function healthHandler(env: KisEnv, backOffice: KisBackOffice): Handler<KisHonoEnv> {
  return () => jsonResponse({ status: 'ok', env, businessDate: backOffice.businessDate() }, 200);
}
