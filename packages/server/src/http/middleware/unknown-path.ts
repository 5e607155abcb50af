import type { NotFoundHandler } from 'hono';
import type { KisHonoEnv } from '../context.js';
import { kisError } from '../respond.js';
import { echoRequestIds } from '../routes/echo-headers.js';

/**
 * Answer a request no route serves as KIS's gateway does: the envelope `MCA00124`, HTTP 404. On
 * an inquiry's path (a method the inquiry does not take, say `POST` to a `GET` inquiry) the answer
 * echoes `tr_id` and `gt_uid` as every answer of an inquiry does.
 *
 * @example
 * ```ts
 * app.notFound(answerUnknownPath(new Set(INQUIRY_BINDINGS.map((b) => b.spec.path))));
 * ```
 */
export function answerUnknownPath(
  inquiryPaths: ReadonlySet<string> = new Set(),
): NotFoundHandler<KisHonoEnv> {
  return (c) => {
    const res = kisError(c, 'MCA00124');
    return inquiryPaths.has(c.req.path) ? echoRequestIds(c, res) : res;
  };
}
