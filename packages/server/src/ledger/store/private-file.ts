import { closeSync, openSync } from 'node:fs';

/**
 * Create `path` empty with mode 0600 unless it exists. A ledger holds the apps' secrets, so its
 * file (and the `-wal`/`-shm` files SQLite gives the same mode) is readable by its owner only.
 *
 * @example
 * ```ts
 * createPrivateFile('ledger.db'); // then new Database('ledger.db')
 * ```
 */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}
