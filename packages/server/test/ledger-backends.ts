// The two ledger backends for tests that must hold on both: SQLite in memory and PostgreSQL on a
// throwaway cluster started once per test file (one fresh database per store).
import { after } from 'node:test';
import { type LedgerStore, openLedger, openPostgresLedger } from '../src/index.js';
import { type PgCluster, startPgCluster } from './pg-cluster.js';

/** A backend: `fresh()` opens a new, empty, migrated store. */
export interface LedgerBackend {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<LedgerStore>;
  /** A URL (PostgreSQL) or `:memory:` naming a new empty database. */
  freshDb(): Promise<string>;
}

let cluster: Promise<PgCluster> | undefined;

/** The file's PostgreSQL cluster, started on first use and stopped after the file's tests. */
export function pgCluster(): Promise<PgCluster> {
  cluster ??= startPgCluster();
  return cluster;
}

const opened: LedgerStore[] = [];

/** Both backends. */
export const LEDGER_BACKENDS: readonly LedgerBackend[] = [
  {
    name: 'sqlite',
    fresh: async () => openLedger(),
    freshDb: async () => ':memory:',
  },
  {
    name: 'postgres',
    async fresh() {
      const url = await (await pgCluster()).createDatabase();
      const store = openPostgresLedger(url);
      opened.push(store);
      return store;
    },
    freshDb: async () => (await pgCluster()).createDatabase(),
  },
];

// Registered at load time, so it runs once after the file's tests (stopping is also done on exit).
after(async () => {
  for (const s of opened.splice(0)) {
    try {
      s.close();
    } catch {
      // already closed by the test
    }
  }
  if (cluster !== undefined) (await cluster).stop();
});
