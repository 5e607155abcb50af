import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the built dashboard (`index.html` and `assets/`), for a server to serve at
 * `/kisfo/dashboard/`; `undefined` when it was not built (`npm run build -w @kisfo/dashboard`).
 *
 * @example
 * ```ts
 * const dir = dashboardAssetsDir();
 * await startServer({ ...(dir ? { dashboardAssets: dir } : {}) });
 * ```
 */
export function dashboardAssetsDir(): string | undefined {
  const dir = fileURLToPath(new URL('../../dist', import.meta.url));
  return existsSync(`${dir}/index.html`) ? dir : undefined;
}
