import {
  type CassetteEntry,
  parseCassette,
  ReplayIndex,
  type ReplayIndexOptions,
} from '@kisfo/protocol';
import type { FetchLike } from '../transport.js';

/** Options of {@link replayFetch}. */
export interface ReplayFetchOptions extends ReplayIndexOptions {
  /** Called with the request key of every request the cassette does not hold. */
  onMiss?: (key: string) => void;
}

/** Header names lowercased, whatever form `init.headers` takes. */
export function lowerHeaders(h: RequestInit['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (h === undefined) return out;
  if (h instanceof Headers) {
    h.forEach((v, k) => {
      out[k.toLowerCase()] = v;
    });
  } else if (Array.isArray(h)) {
    for (const [k, v] of h) if (k !== undefined && v !== undefined) out[k.toLowerCase()] = v;
  } else {
    for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

/**
 * A `fetch` that answers from a cassette, for unit tests without a network or a server: give it
 * to `KisClient` as `fetch`. Requests match as in `kisfo serve --replay` (method, path, query,
 * `tr_id`, `tr_cont`; volatile headers ignored); token requests get a fresh token; an
 * unrecorded request is answered with KIS's `MCA00124` envelope (HTTP 404) naming it, which the
 * client raises as a `KisNotFoundError` (lockdown: nothing is ever sent anywhere).
 *
 * Runs wherever `fetch` exists: the cassette is passed as text or parsed entries, not a path.
 *
 * @example
 * ```ts
 * const client = new KisClient({
 *   env: 'real', appKey: 'test-key', appSecret: 'test-secret', account: '00000001-03',
 *   fetch: replayFetch(readFileSync('test/fixtures/session.jsonl', 'utf8')),
 *   tokenStore: 'memory',
 * });
 * const { positions } = await client.domesticFutureOption.inquireBalance();
 * ```
 */
export function replayFetch(
  cassette: string | readonly CassetteEntry[],
  options: ReplayFetchOptions = {},
): FetchLike {
  const entries = typeof cassette === 'string' ? parseCassette(cassette) : cassette;
  const index = new ReplayIndex(entries, options);
  return async (input, init) => {
    const url = new URL(input);
    const headers = lowerHeaders(init.headers);
    const answer = index.answer({
      method: init.method ?? 'GET',
      path: url.pathname,
      query: [...url.searchParams.entries()],
      headers,
    });
    if (init.signal?.aborted) throw init.signal.reason;
    if (answer.kind === 'miss') options.onMiss?.(answer.key);
    const r = answer.response;
    const body =
      r.bodyEncoding === 'base64' ? Uint8Array.from(atob(r.body), (c) => c.charCodeAt(0)) : r.body;
    return new Response(body === '' ? null : body, {
      status: r.status,
      ...(r.statusText === undefined ? {} : { statusText: r.statusText }),
      headers: r.headers,
    });
  };
}
