import type { IncomingMessage } from 'node:http';
import type { RawExchange } from '@kisfo/protocol';
import type { UpstreamAnswer } from './forward.js';
import { pairs } from './forward.js';
import { bodyText } from './write-raw.js';

/** Path and decoded query of a request URL (`/a/b?X=1&Y=2`). */
export function splitUrl(url: string): { path: string; query: [string, string][] } {
  const u = new URL(url, 'http://x');
  return { path: u.pathname, query: [...u.searchParams.entries()] };
}

/**
 * The raw exchange of one proxied request and its upstream answer (not yet redacted).
 *
 * @example
 * ```ts
 * writer.write(rawExchange(req, body, answer, startedAt));
 * ```
 */
export function rawExchange(
  req: IncomingMessage,
  body: Buffer,
  answer: UpstreamAnswer,
  startedAt: Date,
): RawExchange {
  const { path, query } = splitUrl(req.url ?? '/');
  return {
    recordedAt: startedAt.toISOString(),
    durationMs: answer.durationMs,
    source: 'proxy',
    request: {
      method: req.method ?? 'GET',
      path,
      query,
      headers: pairs(req.rawHeaders),
      body: body.length === 0 ? null : body.toString('utf8'),
    },
    response: {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
      ...bodyText(answer.body),
    },
  };
}
