import { isPostgresUrl, type LedgerStore, openLedgerStore, redactDatabaseUrl } from '@kisfo/server';
import { SystemProblemError, UsageError } from './cli-errors.js';
import { existingLedger, ledgerFileError, withLedgerFile } from './ledger-file.js';

/** The ledger could not be opened (PostgreSQL unreachable, refused, or a broken file). Exit 10. */
export class LedgerUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerUnavailableError';
  }
}

/** Help lines for the `--db` flag and `KISFO_DATABASE_URL`, shared by the commands. */
export const DB_HELP = `  --db FILE|URL       the ledger: a SQLite file, or postgres://USER:PASSWORD@HOST:PORT/DB
                      (default: KISFO_DATABASE_URL). Passwords are never printed.`;

/**
 * The ledger a command works on: `--db`, else `KISFO_DATABASE_URL`; `undefined` when neither is
 * given (a command then uses memory or refuses, as its help says).
 */
export function ledgerDb(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const v = flag ?? env.KISFO_DATABASE_URL;
  return v === undefined || v === '' ? undefined : v;
}

/** {@link ledgerDb}, required. */
export function requireLedgerDb(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const db = ledgerDb(flag, env);
  if (db === undefined) {
    throw new UsageError('--db FILE|URL is required (or set KISFO_DATABASE_URL)');
  }
  return db;
}

/** The `--db` value as it may be shown: a URL's password masked. */
export const shownDb = (db: string): string => redactDatabaseUrl(db);

/**
 * Open a ledger for a command; a failure to reach it is a {@link LedgerUnavailableError} whose
 * message names the database without its password and says what to check.
 */
export function openCommandLedger(db: string, options: { readonly?: boolean } = {}): LedgerStore {
  try {
    return openLedgerStore(db, options);
  } catch (e) {
    // A SQLite file that is not a ledger, or cannot be written, is a file problem (exit 13),
    // not an unreachable database.
    const told = isPostgresUrl(db) ? e : ledgerFileError(db, e);
    if (told instanceof SystemProblemError) throw told;
    const message = redactDatabaseUrl((e as Error).message).replaceAll(db, shownDb(db));
    const next = isPostgresUrl(db)
      ? 'check that PostgreSQL is running at that address and the user may connect'
      : 'check the path and that the file is a kisfo ledger';
    throw new LedgerUnavailableError(`cannot open the ledger ${shownDb(db)}: ${message} — ${next}`);
  }
}

/**
 * Read the `--db` ledger `db`, which must exist: opened read-only, closed after `read`. SQLite
 * reads fail later than the open, so a file that is not a ledger is reported by name either way.
 *
 * @example
 * ```ts
 * const doc = await readLedger(db, (store) => exportScenario(store));
 * ```
 */
export async function readLedger<T>(db: string, read: (store: LedgerStore) => T): Promise<T> {
  existingLedger(db);
  return withLedgerFile(db, () => {
    const store = openCommandLedger(db, { readonly: true });
    try {
      return read(store);
    } finally {
      store.close();
    }
  });
}
