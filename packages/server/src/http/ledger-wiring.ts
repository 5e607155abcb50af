import type { KisBackOffice } from '../contracts.js';
import {
  createAdminApp,
  createBackOffice,
  DEMO_SCENARIO,
  importScenario,
  loadScenarioFile,
  openLedger,
} from '../ledger/index.js';
import type { FetchHandler } from './app.js';

/** A back office opened from the ledger, with its admin API and a way to close it. */
export interface OpenedLedger {
  backOffice: KisBackOffice;
  adminApp: FetchHandler | undefined;
  close(): void;
}

/**
 * Open the ledger (a SQLite file, or memory), import the scenario file (or, into an empty ledger,
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
  const store = openLedger(options.db === undefined ? {} : { path: options.db });
  try {
    if (options.scenario !== undefined) {
      importScenario(store, await loadScenarioFile(options.scenario));
    } else if (store.businessDate() === undefined) {
      // Only an empty ledger gets the demo: an existing ledger file is never overwritten.
      importScenario(store, DEMO_SCENARIO);
    }
    const backOffice = createBackOffice(store);
    return { backOffice, adminApp: createAdminApp(store), close: () => store.close() };
  } catch (e) {
    store.close();
    throw e;
  }
}
