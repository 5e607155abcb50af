import type { DomesticBalanceInput } from '@kisfo/risk';
import { importScenario } from '../ledger/scenario/import.js';
import type { Scenario } from '../ledger/scenario/types.js';
import { domesticBalanceInput } from '../ledger/services/domestic-input.js';
import { openLedger } from '../ledger/store/sqlite-store.js';
import type { LedgerStore } from '../ledger/store/types.js';

/**
 * A scenario in a throwaway in-memory ledger, read exactly as `kisfo serve` reads it. Close it
 * when done.
 */
export class ScenarioLedger {
  readonly store: LedgerStore;

  constructor(scenario: Scenario) {
    this.store = openLedger();
    try {
      importScenario(this.store, scenario);
    } catch (e) {
      this.store.close();
      throw e;
    }
  }

  /** The engine input of a domestic balance inquiry, or `undefined` for an unknown account. */
  domesticInput(
    account: string,
    query: { mgnaDvsn: '01' | '02'; exccStatCd: '1' | '2' },
  ): DomesticBalanceInput | undefined {
    const a = this.store.getAccount(account);
    if (a === undefined || a.kind !== 'domestic') return undefined;
    return domesticBalanceInput(this.store, a, query);
  }

  close(): void {
    this.store.close();
  }
}
