import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** KIS's own response headers, written lowercase as KIS writes them. */
const KIS_HEADERS = new Set(['tr_id', 'tr_cont', 'gt_uid']);

// Standard names whose canonical form is not plain Title-Case per hyphen part.
const SPECIAL_CASE: Readonly<Record<string, string>> = {
  'www-authenticate': 'WWW-Authenticate',
  etag: 'ETag',
  'content-md5': 'Content-MD5',
  te: 'TE',
  dnt: 'DNT',
  'x-xss-protection': 'X-XSS-Protection',
};

/**
 * The name of a response header as KIS writes it on the wire: KIS's own headers (`tr_id`,
 * `tr_cont`, `gt_uid`) lowercase, every standard header in canonical case (`Content-Type`,
 * `Content-Length`, `WWW-Authenticate`).
 *
 * @example
 * ```ts
 * wireHeaderName('content-type'); // 'Content-Type'
 * wireHeaderName('TR_CONT'); // 'tr_cont'
 * ```
 */
export function wireHeaderName(name: string): string {
  const known = wireNames.get(name);
  if (known !== undefined) return known;
  const wire = recaseName(name);
  // The names an app answers with are few; remember them (bounded, should anything vary).
  if (wireNames.size < 256) wireNames.set(name, wire);
  return wire;
}

const wireNames = new Map<string, string>();

function recaseName(name: string): string {
  const lower = name.toLowerCase();
  if (KIS_HEADERS.has(lower)) return lower;
  const special = SPECIAL_CASE[lower];
  if (special !== undefined) return special;
  return lower.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

type HeadArgs = [string?, (OutgoingHttpHeaders | OutgoingHttpHeader[])?];

function recase(
  headers: OutgoingHttpHeaders | OutgoingHttpHeader[],
): OutgoingHttpHeaders | OutgoingHttpHeader[] {
  if (Array.isArray(headers)) {
    // Flat [name, value, name, value, …] as Node accepts it.
    return headers.map((v, i) => (i % 2 === 0 && typeof v === 'string' ? wireHeaderName(v) : v));
  }
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[wireHeaderName(k)] = v;
  return out;
}

/**
 * Make `res.writeHead` write every header name as KIS does ({@link wireHeaderName}). The adapter
 * in front of Node (Fetch `Headers`) lowercases every name; this is the one place where the
 * response meets the socket, so the app itself stays a pure value. Names set with `setHeader`
 * before `writeHead` are recased too.
 *
 * @example
 * ```ts
 * createServer((req, res) => { writeKisHeaderCase(res); listener(req, res); });
 * ```
 */
export function writeKisHeaderCase(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function kisWriteHead(
    this: ServerResponse,
    statusCode: number,
    ...rest: HeadArgs
  ): ServerResponse {
    for (const name of this.getHeaderNames()) {
      // Headers set earlier are merged by Node under their lowercase name; move them to wire case.
      const value = this.getHeader(name);
      this.removeHeader(name);
      if (value !== undefined) this.setHeader(wireHeaderName(name), value);
    }
    const args = rest.map((a) => (typeof a === 'object' && a !== null ? recase(a) : a));
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, statusCode, ...args);
  } as ServerResponse['writeHead'];
}
