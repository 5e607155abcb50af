import type { KisBackOffice } from '../contracts.js';
import {
  createAdminApp,
  createBackOffice,
  DEMO_SCENARIO,
  importScenario,
  loadScenarioFile,
} from '../ledger/index.js';
import { openLedgerStore } from '../ledger/store/open-ledger-store.js';
import type { FetchHandler } from './app.js';
import { type SharedServerState, sharedStateOf } from './shared/shared-state.js';

/** A back office opened from the ledger, with its admin API and a way to close it. */
export interface OpenedLedger {
  backOffice: KisBackOffice;
  adminApp: FetchHandler | undefined;
  /** Token and rate-limit state the instances share (PostgreSQL ledgers only). */
  shared?: SharedServerState;
  close(): void;
}

/**
 * Open the ledger (a SQLite file, memory, or a `postgres://` URL), import the scenario file (or, into an empty ledger,
 * the built-in demo scenario) and build the back office on it.
 *
 * @example
 * ```ts
 * const ledger = await openLedgerBackOffice({ db: 'ledger.db' });
 * ledger.backOffice.businessDate();
 * ledger.close();
 * ```
 */
export async function openLedgerBackOffice(options: {
  scenario?: string;
  db?: string;
}): Promise<OpenedLedger> {
  const store = openLedgerStore(options.db, { listen: true });
  try {
    if (options.scenario !== undefined) {
      importScenario(store, await loadScenarioFile(options.scenario));
    } else if (store.businessDate() === undefined) {
      // Only an empty ledger gets the demo: an existing ledger file is never overwritten.
      importScenario(store, DEMO_SCENARIO);
    }
    const backOffice = createBackOffice(store);
    const shared = sharedStateOf(store);
    return {
      backOffice,
      adminApp: createAdminApp(store),
      ...(shared === undefined ? {} : { shared }),
      close: () => store.close(),
    };
  } catch (e) {
    store.close();
    throw e;
  }
}
