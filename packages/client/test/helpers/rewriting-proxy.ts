// A loopback HTTP proxy in front of the real kisfo server, standing for what sits between a
// client and KIS in the field (a firewall's or gateway's own pages, a body rewritten on the
// way): every request goes to the server, and `rewrite` may replace the answer.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What reached the proxy. */
export interface ProxiedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
}

/** An answer of the proxy's own: status, headers and body text. */
export interface ProxyAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** Decides per request: `undefined` passes the server's answer on; else `text` is its body. */
export type Rewrite = (
  req: ProxiedRequest,
  upstream: () => Promise<{ status: number; headers: Record<string, string>; text: string }>,
) => Promise<ProxyAnswer | undefined>;

export interface RewritingProxy {
  url: string;
  /** Requests seen, in order. */
  seen: ProxiedRequest[];
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Start a proxy on 127.0.0.1 for `target` (a kisfo host's base URL). */
export async function startRewritingProxy(
  target: string,
  rewrite: Rewrite,
): Promise<RewritingProxy> {
  const seen: ProxiedRequest[] = [];
  const server = createServer(async (req, res) => {
    const r: ProxiedRequest = { method: req.method ?? 'GET', url: req.url ?? '/' };
    seen.push(r);
    const body = await bodyOf(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    }
    const upstream = async () => {
      const u = await fetch(target + r.url, {
        method: r.method,
        headers,
        ...(body === '' ? {} : { body }),
      });
      const h: Record<string, string> = {};
      u.headers.forEach((v, k) => {
        if (k !== 'content-length' && k !== 'content-encoding' && k !== 'transfer-encoding')
          h[k] = v;
      });
      return { status: u.status, headers: h, text: await u.text() };
    };
    try {
      const rewritten = await rewrite(r, upstream);
      const answer: ProxyAnswer =
        rewritten ?? (await upstream().then((u) => ({ ...u, body: u.text })));
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body);
    } catch (e) {
      res.writeHead(599);
      res.end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
