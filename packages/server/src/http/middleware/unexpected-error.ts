import type { ErrorHandler } from 'hono';
import type { KisHonoEnv } from '../context.js';
import { kisError } from '../respond.js';
import { echoRequestIds } from '../routes/echo-headers.js';

/**
 * Answer an exception no route turned into an answer: the envelope `EGW00002`, HTTP 500, never a
 * stack trace on the wire. The request log gets the error's name and message (its secrets
 * scrubbed by the log); on an inquiry path the answer echoes `tr_id` and `gt_uid` as KIS's do.
 *
 * @example
 * ```ts
 * app.onError(answerUnexpectedError(new Set(INQUIRY_BINDINGS.map((b) => b.spec.path))));
 * ```
 */
export function answerUnexpectedError(inquiryPaths: ReadonlySet<string>): ErrorHandler<KisHonoEnv> {
  return (err, c) => {
    c.get('log').error = `${err.name}: ${err.message}`;
    const res = kisError(c, 'EGW00002');
    return inquiryPaths.has(c.req.path) ? echoRequestIds(c, res) : res;
  };
}
