import { existsSync } from 'node:fs';
import { isPostgresUrl } from '@kisfo/server';
import { SystemProblemError } from './cli-errors.js';

/**
 * Check a `--db` ledger that must exist (export, what-if) before SQLite opens it; a PostgreSQL
 * URL is not a file and passes unchecked.
 */
export function existingLedger(path: string): string {
  if (!isPostgresUrl(path) && !existsSync(path)) {
    throw new SystemProblemError(
      'file',
      `no ledger at ${path}`,
      `create it with \`kisfo ledger import SCENARIO --db ${path}\``,
    );
  }
  return path;
}

/**
 * A SQLite error about a `--db` file in plain words (which file, what is wrong with it), or the
 * error unchanged when it is not one.
 *
 * @example
 * ```ts
 * try { openLedger({ path }); } catch (e) { throw ledgerFileError(path, e); }
 * ```
 */
export function ledgerFileError(path: string, e: unknown): unknown {
  const code = (e as { code?: unknown }).code;
  if (!(e instanceof Error) || e.name !== 'SqliteError' || typeof code !== 'string') return e;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new SystemProblemError(
      'file',
      `${path} is not a SQLite ledger (${e.message})`,
      'pass a ledger made by `kisfo ledger import` or `kisfo serve --db`',
    );
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new SystemProblemError(
      'file',
      `cannot write the ledger ${path} (${e.message})`,
      `check the owner and mode of ${path} and its directory`,
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new SystemProblemError(
      'file',
      `the ledger ${path} is locked by another process`,
      'stop the other kisfo process using it, or pass another --db',
    );
  }
  return e;
}

/**
 * Run `fn` (which opens the `--db` ledger `db`), translating SQLite's file errors; errors of a
 * PostgreSQL URL, or of no `--db` at all, pass unchanged.
 */
export async function withLedgerFile<T>(
  db: string | undefined,
  fn: () => Promise<T> | T,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw db === undefined || isPostgresUrl(db) ? e : ledgerFileError(db, e);
  }
}
