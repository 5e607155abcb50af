import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import {
  answerClientErrors,
  type MalformedRequestAnswer,
  malformedRequestResponse,
} from '../malformed-request.js';
import type { FetchHandler } from './app.js';
import { IncomingHeaders } from './incoming-headers.js';
import { writeKisHeaderCase } from './wire-headers.js';

/** TLS material: file paths or PEM text. */
export interface TlsOptions {
  cert: string | Buffer;
  key: string | Buffer;
}

/** A listening socket serving one app. */
export interface Listener {
  url: string;
  server: Server;
  close(): Promise<void>;
}

function pem(value: string | Buffer): string | Buffer {
  // PEM text is used as is; anything else is a path to read.
  if (Buffer.isBuffer(value) || value.includes('-----BEGIN')) return value;
  return readFileSync(value);
}

/**
 * Serve a fetch handler on `host:port` (port 0 picks a free one), over HTTPS when `tls` is given.
 * Response header names are written in KIS's case ({@link writeKisHeaderCase}).
 *
 * @example
 * ```ts
 * const l = await listen(app, { host: '127.0.0.1', port: 0 });
 * await fetch(`${l.url}/kisfo/health`);
 * await l.close();
 * ```
 */
export async function listen(
  handler: FetchHandler,
  options: {
    host: string;
    port: number;
    tls?: TlsOptions;
    /** Answer requests that cannot be parsed with this body (default: Node's bare status line). */
    malformedRequest?: MalformedRequestAnswer;
  },
): Promise<Listener> {
  const malformed = options.malformedRequest;
  const fetchListener = getRequestListener(
    (req, env) => {
      // The handler reads request headers through a light view of Node's raw list, not a Fetch
      // `Headers` built per request (see IncomingHeaders).
      Object.defineProperty(req, 'headers', { value: new IncomingHeaders(env.incoming) });
      return handler.fetch(req);
    },
    malformed === undefined
      ? {}
      : {
          // No Host, an invalid Host or request target: the adapter cannot build a Request.
          errorHandler: (e) =>
            e instanceof Error && e.name === 'RequestError'
              ? malformedRequestResponse(malformed)
              : new Response(null, { status: 500 }),
        },
  );
  // Header names leave in KIS's case (`Content-Type`, `tr_id`): the socket edge is where they are written.
  const listener: Parameters<typeof createHttpServer>[1] = (req, res) => {
    writeKisHeaderCase(res);
    return fetchListener(req, res);
  };
  // With an answer for malformed requests, a missing Host reaches the adapter (and that answer)
  // instead of Node's own bodiless 400.
  const serverOptions = malformed === undefined ? {} : { requireHostHeader: false };
  const server: Server = options.tls
    ? createHttpsServer(
        { ...serverOptions, cert: pem(options.tls.cert), key: pem(options.tls.key) },
        listener,
      )
    : createHttpServer(serverOptions, listener);
  if (malformed !== undefined) answerClientErrors(server, malformed);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `${options.tls ? 'https' : 'http'}://${host}:${port}`;
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; busy ones get a moment to finish.
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      }),
  };
}
