// One HTTP/1.1 exchange on a raw TCP socket, so tests see the exact bytes of the response head
// (a Fetch Response lowercases every header name).
import { connect } from 'node:net';

/** A response as it came off the socket. */
export interface RawResponse {
  status: number;
  /** Header lines exactly as written: `[name, value]` in wire order and case. */
  headers: [string, string][];
  head: string;
  body: string;
}

/** Send one request to `baseUrl` (http only) and read the whole answer (`Connection: close`). */
export function rawRequest(
  baseUrl: string,
  request: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body = request.body ?? '';
  const lines = [
    `${request.method ?? 'GET'} ${request.path} HTTP/1.1`,
    `Host: ${url.host}`,
    'Connection: close',
    ...Object.entries(request.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  if (body !== '') lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname.replace(/^\[|\]$/g, ''));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const cut = text.indexOf('\r\n\r\n');
      const head = text.slice(0, cut);
      const [statusLine, ...headerLines] = head.split('\r\n');
      resolve({
        status: Number(statusLine!.split(' ')[1]),
        headers: headerLines.map((l) => {
          const i = l.indexOf(':');
          return [l.slice(0, i), l.slice(i + 1).trim()];
        }),
        head,
        body: text.slice(cut + 4),
      });
    });
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}

/** The value of a header by its exact wire name, or `undefined`. */
export function rawHeader(res: RawResponse, name: string): string | undefined {
  return res.headers.find(([n]) => n === name)?.[1];
}
