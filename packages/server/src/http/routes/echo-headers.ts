import type { Context } from 'hono';
import type { KisHonoEnv } from '../context.js';

/** Request headers KIS returns on the answer of an inquiry, whatever the outcome. */
const ECHOED = ['tr_id', 'gt_uid'] as const;

/**
 * Echo the request's `tr_id` (and `gt_uid` when sent) on an answer the gateway made before the
 * route knew them — a token error, `EGW02004`, `OPSQ2000`, the rate limit `EGW00201` — as KIS
 * does on every answer of an inquiry. A header already set is left as it is. Success answers set
 * their own, so the hot path never touches this.
 *
 * @example
 * ```ts
 * if (auth instanceof Response) return echoRequestIds(c, auth);
 * ```
 */
export function echoRequestIds(c: Context<KisHonoEnv>, res: Response): Response {
  for (const name of ECHOED) {
    const sent = c.req.header(name);
    if (sent !== undefined && sent !== '' && !res.headers.has(name)) res.headers.set(name, sent);
  }
  return res;
}
