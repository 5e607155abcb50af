import type { ErrorHandler, NotFoundHandler } from 'hono';
import type { KisHonoEnv } from '../context.js';
import { jsonResponse } from '../respond.js';

/**
 * Answer a path the admin listener does not serve: `{ "error": "not found" }`, HTTP 404.
 *
 * @example
 * ```ts
 * admin.notFound(answerAdminUnknownPath());
 * ```
 */
export function answerAdminUnknownPath(): NotFoundHandler<KisHonoEnv> {
  return () => jsonResponse({ error: 'not found' }, 404);
}

/**
 * Answer an exception no admin route turned into an answer: `{ "error": "internal error" }`,
 * HTTP 500, never a stack trace. The admin request log gets the error's name and message.
 *
 * @example
 * ```ts
 * admin.onError(answerAdminUnexpectedError());
 * ```
 */
export function answerAdminUnexpectedError(): ErrorHandler<KisHonoEnv> {
  return (err, c) => {
    c.get('log').error = `${err.name}: ${err.message}`;
    return jsonResponse({ error: 'internal error' }, 500);
  };
}
