import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Security headers of every dashboard answer: same-origin scripts only, no framing, no referrer. */
export const DASHBOARD_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/**
 * A file of the built dashboard under `root` for a request path below the mount (`/` and
 * unknown paths without an extension → `index.html`), or `undefined`. Paths cannot leave `root`.
 * Hashed files under `assets/` are cached for good; `index.html` is revalidated every time.
 *
 * @example
 * ```ts
 * const res = await staticAsset('/work/packages/dashboard/dist', '/assets/index-abc.js');
 * ```
 */
export async function staticAsset(root: string, path: string): Promise<Response | undefined> {
  let rel: string;
  try {
    rel = decodeURIComponent(path).replace(/^\/+/, '');
  } catch {
    return undefined;
  }
  if (rel === '' || extname(rel) === '') rel = 'index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(normalize(root) + sep)) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': String(body.length),
        'Cache-Control': rel.startsWith('assets/')
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
        ...DASHBOARD_SECURITY_HEADERS,
      },
    });
  } catch {
    return undefined;
  }
}
