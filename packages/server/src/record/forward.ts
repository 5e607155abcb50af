import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** An upstream answer as it came off the socket: header names in wire case, body in full. */
export interface UpstreamAnswer {
  status: number;
  /** Reason phrase as received. */
  statusText: string;
  /** `[name, value]` pairs in wire order and case (from `rawHeaders`, never a Fetch `Headers`). */
  headers: [string, string][];
  body: Buffer;
  durationMs: number;
}

/** A request to forward: method, path with query, raw headers and the body read in full. */
export interface ForwardRequest {
  method: string;
  /** Path and query as received, e.g. `/uapi/…/inquire-balance?CANO=…`. */
  url: string;
  /** `[name, value]` pairs as received. */
  headers: [string, string][];
  body: Buffer;
}

/** Hop-by-hop and per-connection request headers: set by the proxy's own connection. */
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'accept-encoding',
  'content-length',
]);

/** Pair up a Node `rawHeaders` list (`[name, value, name, value, …]`). */
export function pairs(raw: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

/** Read a stream to the end. */
export function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * Send `req` to `target` (http or https) with the caller's headers in their case, asking for an
 * uncompressed answer (`Accept-Encoding: identity`) so the body is stored readable, and read the
 * whole answer with its header names exactly as the upstream wrote them.
 *
 * @example
 * ```ts
 * const a = await forward(new URL('http://127.0.0.1:9443'), { method: 'GET', url: '/kisfo/health', headers: [], body: Buffer.alloc(0) });
 * a.headers; // [['Content-Type', 'application/json; charset=utf-8'], …]
 * ```
 */
export function forward(
  target: URL,
  req: ForwardRequest,
  timeoutMs = 30_000,
  ca?: string | Buffer,
): Promise<UpstreamAnswer> {
  const started = performance.now();
  const headers: string[] = [];
  for (const [n, v] of req.headers) {
    if (!HOP_BY_HOP.has(n.toLowerCase())) headers.push(n, v);
  }
  headers.push('Host', target.host, 'Accept-Encoding', 'identity');
  if (req.body.length > 0 || req.method === 'POST')
    headers.push('Content-Length', String(req.body.length));
  const base = target.pathname.replace(/\/+$/, '');
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const out = send(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port === '' ? undefined : Number(target.port),
        method: req.method,
        path: base + req.url,
        // A flat array keeps the caller's header case and order on the wire.
        headers: headers as unknown as Record<string, string>,
        timeout: timeoutMs,
        // An extra trusted CA (e.g. a kisfo serve --tls certificate); the system's CAs otherwise.
        ...(ca === undefined ? {} : { ca }),
      },
      (res) => {
        readAll(res).then(
          (body) =>
            resolve({
              status: res.statusCode ?? 502,
              statusText: res.statusMessage ?? '',
              headers: pairs(res.rawHeaders),
              body,
              durationMs: Math.round((performance.now() - started) * 1000) / 1000,
            }),
          reject,
        );
      },
    );
    out.on('timeout', () =>
      out.destroy(new Error(`no answer from ${target.origin} in ${timeoutMs} ms`)),
    );
    out.on('error', reject);
    out.end(req.body);
  });
}
