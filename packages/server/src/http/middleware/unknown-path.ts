import type { NotFoundHandler } from 'hono';
import type { KisHonoEnv } from '../context.js';
import { kisError } from '../respond.js';

/**
 * Answer a path no route serves as KIS's gateway does: the envelope `MCA00124`, HTTP 404.
 *
 * @example
 * ```ts
 * app.notFound(answerUnknownPath());
 * ```
 */
export function answerUnknownPath(): NotFoundHandler<KisHonoEnv> {
  return (c) => kisError(c, 'MCA00124');
}
