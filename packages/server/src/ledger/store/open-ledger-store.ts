import { openPostgresLedger, type PostgresLedgerOptions } from './postgres/postgres-store.js';
import { isPostgresUrl } from './postgres/redact-url.js';
import { openLedger } from './sqlite-store.js';
import type { LedgerStore } from './types.js';

/** Options of {@link openLedgerStore}. */
export interface OpenLedgerStoreOptions extends Pick<PostgresLedgerOptions, 'listen'> {
  readonly?: boolean;
}

/**
 * Open a ledger by its `--db` value: a `postgres://…` (or `postgresql://…`) URL opens the
 * PostgreSQL store, anything else is a SQLite file (`undefined` or `:memory:` in memory).
 *
 * @example
 * ```ts
 * const store = openLedgerStore(process.env.KISFO_DATABASE_URL ?? 'ledger.db');
 * ```
 */
export function openLedgerStore(
  db: string | undefined,
  options: OpenLedgerStoreOptions = {},
): LedgerStore {
  if (db !== undefined && isPostgresUrl(db)) {
    return openPostgresLedger(db, {
      ...(options.readonly === undefined ? {} : { readonly: options.readonly }),
      ...(options.listen === undefined ? {} : { listen: options.listen }),
    });
  }
  return openLedger({
    ...(db === undefined ? {} : { path: db }),
    ...(options.readonly === undefined ? {} : { readonly: options.readonly }),
  });
}
