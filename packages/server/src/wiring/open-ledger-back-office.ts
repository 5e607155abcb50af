import type { KisBackOffice } from '../contracts.js';
import type { FetchHandler } from '../http/index.js';
import {
  createAdminApp,
  createBackOffice,
  DEMO_SCENARIO,
  importScenario,
  LedgerValidationError,
  loadScenarioFile,
  openLedgerStore,
  type Scenario,
  startingScenario,
} from '../ledger/index.js';
import { type SharedServerState, sharedStateOf } from './shared-state.js';

/** A back office opened from the ledger, with its admin API and a way to close it. */
export interface OpenedLedger {
  backOffice: KisBackOffice;
  adminApp: FetchHandler | undefined;
  /** Notes on the business date (e.g. not a KRX business day). */
  notes: string[];
  /** Token and rate-limit state the instances share (PostgreSQL ledgers only). */
  shared?: SharedServerState;
  close(): void;
}

/**
 * Open the ledger (a SQLite file, memory, or a `postgres://` URL), import the scenario file (or,
 * into an empty ledger, the built-in demo scenario) and build the back office on it. A relative
 * scenario (the demo, a generated one) is moved to `businessDate` (default: today's KRX business
 * day in Korea time); a fixed one keeps its date. An existing ledger keeps its own date.
 *
 * @example
 * ```ts
 * const ledger = await openLedgerBackOffice({ db: 'ledger.db', businessDate: 'today' });
 * ledger.backOffice.businessDate();
 * ledger.close();
 * ```
 */
export async function openLedgerBackOffice(options: {
  scenario?: string;
  db?: string;
  /** `today` or `YYYYMMDD` (`YYYY-MM-DD`); see {@link startingScenario}. */
  businessDate?: string;
  /** Milliseconds since the epoch, for `today` (default the wall clock). */
  now?: () => number;
}): Promise<OpenedLedger> {
  const store = openLedgerStore(options.db, { listen: true });
  try {
    let scenario: Scenario | undefined;
    if (options.scenario !== undefined) {
      scenario = await loadScenarioFile(options.scenario);
    } else if (store.businessDate() === undefined) {
      // Only an empty ledger gets the demo: an existing ledger file is never overwritten.
      scenario = DEMO_SCENARIO;
    } else if (options.businessDate !== undefined) {
      throw new LedgerValidationError([
        {
          path: 'businessDate',
          message: `the ledger file is on business date ${store.businessDate()}; move it with \`kisfo ledger advance --db FILE\` (or POST /kisfo/admin/business-day/advance) instead of --business-date`,
        },
      ]);
    }
    let notes: string[] = [];
    if (scenario !== undefined) {
      const start = startingScenario(scenario, options.businessDate, (options.now ?? Date.now)());
      notes = start.notes;
      importScenario(store, start.scenario);
    }
    const backOffice = createBackOffice(store);
    const shared = sharedStateOf(store);
    return {
      backOffice,
      adminApp: createAdminApp(store, backOffice),
      notes,
      ...(shared === undefined ? {} : { shared }),
      close: () => store.close(),
    };
  } catch (e) {
    store.close();
    throw e;
  }
}
