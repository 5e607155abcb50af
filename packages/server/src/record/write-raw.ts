import type { ServerResponse } from 'node:http';
import type { CassetteResponse } from '@kisfo/protocol';

/**
 * Write a recorded response to a Node response with its header names exactly as recorded (a
 * flat raw header list reaches the socket unchanged; a `Headers` object would lowercase them).
 * `Content-Length` is kept when it matches the body and fixed when it does not.
 *
 * @example
 * ```ts
 * writeRaw(res, { status: 200, headers: [['Content-Type', 'application/json']], body: '{}' });
 * ```
 */
export function writeRaw(res: ServerResponse, r: CassetteResponse): void {
  const body = r.bodyEncoding === 'base64' ? Buffer.from(r.body, 'base64') : Buffer.from(r.body);
  const flat: string[] = [];
  let chunked = false;
  for (const [n, v] of r.headers) {
    const lower = n.toLowerCase();
    if (lower === 'content-length') {
      flat.push(n, String(body.length));
      continue;
    }
    if (lower === 'transfer-encoding') chunked = true;
    flat.push(n, v);
  }
  if (!chunked && !r.headers.some(([n]) => n.toLowerCase() === 'content-length'))
    flat.push('Content-Length', String(body.length));
  if (r.statusText !== undefined && r.statusText !== '')
    res.writeHead(r.status, r.statusText, flat);
  else res.writeHead(r.status, flat);
  res.end(body);
}

/** A body as cassette text: UTF-8 when it decodes as UTF-8, else base64. */
export function bodyText(body: Buffer): { body: string; bodyEncoding?: 'base64' } {
  try {
    return { body: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { body: body.toString('base64'), bodyEncoding: 'base64' };
  }
}
