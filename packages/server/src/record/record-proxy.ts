import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { envelopeFor } from '@kisfo/protocol';
import { CassetteWriter } from './cassette-writer.js';
import { rawExchange } from './exchange.js';
import { forward, pairs, readAll } from './forward.js';
import { writeRaw } from './write-raw.js';

/** Options of {@link startRecordingProxy}. */
export interface RecordingProxyOptions {
  /** KIS (or any KIS-compatible host), e.g. `https://openapi.koreainvestment.com:9443`. */
  target: string;
  /** Cassette file (JSON lines), appended to. */
  out: string;
  /** Interface (default `127.0.0.1`). */
  host?: string;
  /** Port (default 0: a free one). */
  port?: number;
  /** Mask account numbers consistently (see `CassetteRedactor`). */
  maskAccounts?: boolean;
  /** Per-request upstream timeout, ms (default 30,000). */
  timeoutMs?: number;
  /** A CA certificate (PEM) to trust for an https target besides the system's. */
  targetCa?: string | Buffer;
  /** Told about each recorded exchange (method, path, status); never a secret. */
  onExchange?: (summary: { method: string; path: string; status: number }) => void;
}

/** A running recording proxy. */
export interface RecordingProxy {
  /** Base URL to point a bot or `KisClient` at. */
  url: string;
  server: Server;
  writer: CassetteWriter;
  close(): Promise<void>;
}

/** Parse and check a target URL: http(s) with a host. */
export function targetUrl(target: string): URL {
  let u: URL;
  try {
    u = new URL(target);
  } catch {
    throw new Error(`target ${JSON.stringify(target)} is not a URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new Error(`target ${JSON.stringify(target)} is not an http(s) URL`);
  return u;
}

/**
 * A request listener that forwards every request to `target`, answers with the upstream's
 * status, header names (wire case) and body unchanged, and hands the exchange to `record`.
 * An unreachable upstream is answered with a KIS envelope (`EGW00002`, HTTP 502) and not recorded.
 */
export function forwardingListener(
  target: URL,
  record: (
    req: IncomingMessage,
    body: Buffer,
    answer: Awaited<ReturnType<typeof forward>>,
    at: Date,
  ) => void,
  timeoutMs = 30_000,
  ca?: string | Buffer,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const at = new Date();
    readAll(req)
      .then(async (body) => {
        const answer = await forward(
          target,
          {
            method: req.method ?? 'GET',
            url: req.url ?? '/',
            headers: pairs(req.rawHeaders),
            body,
          },
          timeoutMs,
          ca,
        );
        record(req, body, answer, at);
        writeRaw(res, {
          status: answer.status,
          statusText: answer.statusText,
          headers: answer.headers,
          body: answer.body.toString('base64'),
          bodyEncoding: 'base64',
        });
      })
      .catch((e: unknown) => {
        const text = JSON.stringify(
          envelopeFor('EGW00002', `kisfo record: upstream failed: ${(e as Error).message}`),
        );
        if (!res.headersSent) {
          writeRaw(res, {
            status: 502,
            headers: [['Content-Type', 'application/json; charset=utf-8']],
            body: text,
          });
        } else res.destroy();
      });
  };
}

/**
 * Start a recording proxy on loopback in front of `target`: every exchange is answered
 * unchanged and appended to the cassette `out`, secrets redacted at write time.
 *
 * @example
 * ```ts
 * const proxy = await startRecordingProxy({ target: 'https://openapi.koreainvestment.com:9443', out: 'kis.jsonl' });
 * const client = new KisClient({ env: 'real', appKey, appSecret, baseURL: proxy.url });
 * // … use the client …
 * await proxy.close();
 * ```
 */
export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const target = targetUrl(options.target);
  const writer = new CassetteWriter(options.out, { maskAccounts: options.maskAccounts === true });
  const listener = forwardingListener(
    target,
    (req, body, answer, at) => {
      const entry = writer.write(rawExchange(req, body, answer, at));
      options.onExchange?.({
        method: entry.request.method,
        path: entry.request.path,
        status: entry.response.status,
      });
    },
    options.timeoutMs,
    options.targetCa,
  );
  const server = createServer(listener);
  return listenOn(server, options.host ?? '127.0.0.1', options.port ?? 0, { writer });
}

/** Listen and describe the server (shared by the recording proxy and the replay server). */
export async function listenOn<T extends object>(
  server: Server,
  host: string,
  port: number,
  extra: T,
): Promise<T & { url: string; server: Server; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const a = server.address() as AddressInfo;
  const h = host.includes(':') ? `[${host}]` : host;
  return {
    ...extra,
    url: `http://${h}:${a.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
