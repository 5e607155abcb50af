import { envelopeFor, tokenErrorFor } from '@kisfo/protocol';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { KisHonoEnv } from '../context.js';
import { jsonResponse } from '../respond.js';

/** Default request body limit of a KIS host: KIS's requests are a few hundred bytes. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Refuse a request body over `maxBytes` before it is read: a declared `Content-Length` over the
 * limit is answered at once, a chunked body as soon as it passes the limit; what is left on the
 * socket is discarded, never buffered. The answer is KIS's: `OPSQ2001` in the envelope (on
 * `/oauth2/*` in the token-error shape), HTTP 413.
 *
 * @example
 * ```ts
 * app.use('*', limitRequestBody(64 * 1024));
 * ```
 */
export function limitRequestBody(maxBytes: number): MiddlewareHandler<KisHonoEnv> {
  const limited = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.get('log').msgCd = 'OPSQ2001';
      const text = `ERROR INVALID INPUT: request body over ${maxBytes} bytes`;
      if (c.req.path.startsWith('/oauth2/')) {
        return jsonResponse({ ...tokenErrorFor('OPSQ2001'), error_description: text }, 413);
      }
      return jsonResponse(envelopeFor('OPSQ2001', text), 413);
    },
  });
  // A GET or HEAD without Content-Length or Transfer-Encoding has no body (a Fetch Request
  // cannot carry one, and HTTP/1.1 framing gives it none): nothing to limit, and asking the
  // adapter for the body would build a whole Fetch Request for every inquiry.
  return (c, next) =>
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    c.req.header('content-length') === undefined &&
    c.req.header('transfer-encoding') === undefined
      ? next()
      : limited(c, next);
}
