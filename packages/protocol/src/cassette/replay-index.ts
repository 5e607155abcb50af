import { padCp949 } from '../cp949.js';
import { koreaDateTime } from '../korea-time.js';
import { MESSAGES, MSG1_BYTES } from '../messages.js';
import type { CassetteEntry, CassetteResponse } from './format.js';

/** A request as replay sees it: header names lowercase. */
export interface ReplayRequest {
  method: string;
  path: string;
  query: readonly (readonly [string, string])[];
  /** Request headers, lowercase names (only `tr_id` and `tr_cont` are read). */
  headers: Readonly<Record<string, string | undefined>>;
}

/** The OAuth paths: answered with a fresh token, never with a recorded one. */
export const TOKEN_PATHS: ReadonlySet<string> = new Set(['/oauth2/tokenP', '/oauth2/revokeP']);

/**
 * The matching key of a request: method, path, query (sorted; trailing blanks of values dropped,
 * since KIS pads continuation keys) and the `tr_id` and `tr_cont` headers. Everything else —
 * tokens, app keys, `gt_uid`, dates of the request, header order and case — is volatile.
 *
 * @example
 * ```ts
 * requestKey({ method: 'GET', path: '/x', query: [['B', '2'], ['A', '1 ']], headers: { tr_id: 'T' } });
 * // 'GET /x?A=1&B=2 tr_id=T tr_cont='
 * ```
 */
export function requestKey(req: ReplayRequest): string {
  const q = req.query
    .map(([n, v]) => `${n}=${v.trimEnd()}`)
    .sort()
    .join('&');
  const trId = (req.headers.tr_id ?? '').trim();
  const trCont = (req.headers.tr_cont ?? '').trim();
  return `${req.method.toUpperCase()} ${req.path}?${q} tr_id=${trId} tr_cont=${trCont}`;
}

/** What replay answers: a recorded response, or a miss. */
export type ReplayAnswer =
  | { kind: 'recorded'; entry: CassetteEntry; response: CassetteResponse }
  | { kind: 'token'; response: CassetteResponse }
  | { kind: 'miss'; key: string; response: CassetteResponse };

/** Options of {@link ReplayIndex}. */
export interface ReplayIndexOptions {
  /** Clock for fresh token expiries (default `Date.now`). */
  now?: () => number;
  /** Random bytes for fresh tokens (default `crypto.getRandomValues`). */
  random?: (bytes: number) => Uint8Array;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The recorded answers of a cassette, looked up by {@link requestKey}. A key recorded several
 * times answers its recordings in order, then keeps answering the last one. Token requests get a
 * freshly made token (the recorded one was redacted), in the recorded body's shape and headers.
 * A miss is a KIS-shaped envelope (`MCA00124`, HTTP 404) naming the request key that was not
 * recorded, also in the extra field `replay_miss`.
 *
 * @example
 * ```ts
 * const index = new ReplayIndex(parseCassette(text));
 * const a = index.answer({ method: 'GET', path, query, headers: { tr_id: 'CTFO6118R' } });
 * if (a.kind === 'miss') console.error(a.key);
 * ```
 */
export class ReplayIndex {
  readonly #byKey = new Map<string, { entries: CassetteEntry[]; next: number }>();
  readonly #tokenEntry: CassetteEntry | undefined;
  readonly #now: () => number;
  readonly #random: (bytes: number) => Uint8Array;

  constructor(entries: readonly CassetteEntry[], options: ReplayIndexOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? ((n) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
    let token: CassetteEntry | undefined;
    for (const e of entries) {
      if (e.request.path === '/oauth2/tokenP' && e.response.status === 200) token ??= e;
      this.add(e);
    }
    this.#tokenEntry = token;
  }

  /** Number of distinct request keys recorded. */
  get size(): number {
    return this.#byKey.size;
  }

  /** Add a recorded exchange (passthrough mode records into the running index). */
  add(entry: CassetteEntry): void {
    const key = requestKey(entry.request);
    const slot = this.#byKey.get(key);
    if (slot === undefined) this.#byKey.set(key, { entries: [entry], next: 0 });
    else slot.entries.push(entry);
  }

  /** Whether a request has a recorded answer (token requests always do). */
  has(req: ReplayRequest): boolean {
    return TOKEN_PATHS.has(req.path) || this.#byKey.has(requestKey(req));
  }

  /** The answer to `req`. */
  answer(req: ReplayRequest): ReplayAnswer {
    if (req.method.toUpperCase() === 'POST' && req.path === '/oauth2/tokenP') {
      return { kind: 'token', response: this.#freshToken() };
    }
    if (req.method.toUpperCase() === 'POST' && req.path === '/oauth2/revokeP') {
      return {
        kind: 'token',
        response: jsonResponse(200, { code: 200, message: '접근토큰 폐기에 성공하였습니다' }),
      };
    }
    const key = requestKey(req);
    const slot = this.#byKey.get(key);
    if (slot === undefined) return { kind: 'miss', key, response: missResponse(key, req) };
    const entry = slot.entries[Math.min(slot.next, slot.entries.length - 1)]!;
    slot.next++;
    return { kind: 'recorded', entry, response: entry.response };
  }

  #freshToken(): CassetteResponse {
    const token = `replay.${base64url(this.#random(48))}`;
    const now = this.#now();
    const recorded = this.#tokenEntry;
    let body: Record<string, unknown> = {
      access_token: '',
      access_token_token_expired: '',
      token_type: 'Bearer',
      expires_in: 86400,
    };
    if (recorded !== undefined) {
      try {
        const v = JSON.parse(recorded.response.body) as unknown;
        if (typeof v === 'object' && v !== null && !Array.isArray(v))
          body = v as Record<string, unknown>;
      } catch {
        // A recorded body that is not JSON: keep the standard shape.
      }
    }
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 86400;
    // Same key order as recorded; only the token and its expiry are new.
    body = {
      ...body,
      access_token: token,
      access_token_token_expired: koreaDateTime(now + ttl * 1000),
    };
    const text = JSON.stringify(body);
    if (recorded === undefined) return jsonResponse(200, body);
    return { status: 200, headers: withLength(recorded.response.headers, text), body: text };
  }
}

/** Response headers as recorded, `Content-Length` (any case) set for `body`. */
export function withLength(
  headers: readonly (readonly [string, string])[],
  body: string,
): [string, string][] {
  const length = String(new TextEncoder().encode(body).length);
  return headers.map(([n, v]) => [n, n.toLowerCase() === 'content-length' ? length : v]);
}

function jsonResponse(status: number, body: unknown): CassetteResponse {
  const text = JSON.stringify(body);
  return {
    status,
    headers: [
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Content-Length', String(new TextEncoder().encode(text).length)],
    ],
    body: text,
  };
}

function missResponse(key: string, req: ReplayRequest): CassetteResponse {
  const m = MESSAGES.MCA00124;
  const trId = (req.headers.tr_id ?? '').trim();
  const res = jsonResponse(404, {
    rt_cd: m.rtCd,
    msg_cd: m.msgCd,
    msg1: padCp949(`kisfo replay: not recorded ${req.method} ${req.path} ${trId}`, MSG1_BYTES),
    replay_miss: {
      key,
      method: req.method,
      path: req.path,
      query: Object.fromEntries(req.query),
      tr_id: trId,
      tr_cont: (req.headers.tr_cont ?? '').trim(),
    },
  });
  if (trId !== '') res.headers.push(['tr_id', trId]);
  return res;
}

/** Whether a recorded response's body is base64 (not UTF-8 text). */
export function isBase64Body(r: CassetteResponse): boolean {
  return r.bodyEncoding === 'base64';
}
