import { createMiddleware } from 'hono/factory';
import type { KisHonoEnv } from '../context.js';

/** Request headers KIS returns on the answer of an inquiry, whatever the outcome. */
const ECHOED = ['tr_id', 'gt_uid'] as const;

/**
 * Echo the request's `tr_id` (and `gt_uid` when sent) on every answer of an inquiry route: a
 * success, a KIS error (`OPSQ2000`, `OPSQ2001`), a gateway refusal (`EGW02004`) or the rate limit
 * (`EGW00201`) alike, as KIS does. A header the route already set is left as it is.
 *
 * @example
 * ```ts
 * app.use(domesticInquireBalance.path, echoKisHeaders());
 * ```
 */
export function echoKisHeaders() {
  return createMiddleware<KisHonoEnv>(async (c, next) => {
    await next();
    for (const name of ECHOED) {
      const sent = c.req.header(name);
      if (sent !== undefined && sent !== '' && !c.res.headers.has(name))
        c.res.headers.set(name, sent);
    }
  });
}
