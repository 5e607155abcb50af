/**
 * Instrument masters in the ledger: KIS master-file rows stored by `kisfo master import` or a
 * scenario's `masters`, turned into the {@link KrxMaster} the engines resolve codes with.
 */
import {
  type KisMasterRow,
  KRX_PRODUCT_RULES,
  KrxMaster,
  KrxMasterError,
  type KrxProductRule,
} from '@kisfo/risk';
import { productNameProblem } from '../product-name.js';
import type { LedgerStore } from '../store/types.js';

const built = new WeakMap<readonly KisMasterRow[], { rules: string; master: KrxMaster }>();

/** The ledger's extra product rules (`risk.krxProductRules`) ahead of the built-in table. */
export function ledgerProductRules(store: LedgerStore): KrxProductRule[] {
  const extra = store.riskParameters('krx-product-rules') as KrxProductRule[] | undefined;
  return extra === undefined ? [...KRX_PRODUCT_RULES] : [...extra, ...KRX_PRODUCT_RULES];
}

/**
 * The ledger's KRX master, or undefined when no master rows are stored. Built once per set of
 * rows (the store hands out the same array until the next write).
 *
 * @example
 * ```ts
 * const master = ledgerKrxMaster(store);
 * master?.names.get('KR4101630009'); // 'F 202603'
 * ```
 */
export function ledgerKrxMaster(store: LedgerStore): KrxMaster | undefined {
  const rows = store.masterRows?.();
  if (rows === undefined || rows.length === 0) return undefined;
  const extra = store.riskParameters('krx-product-rules');
  const key = extra === undefined ? '' : JSON.stringify(extra);
  const hit = built.get(rows);
  if (hit !== undefined && hit.rules === key) return hit.master;
  const master = new KrxMaster(rows, ledgerProductRules(store));
  built.set(rows, { rules: key, master });
  return master;
}

/** What {@link importMasterRows} wrote. */
export interface MasterImportSummary {
  rows: number;
  /** Domestic product codes the ledger's master now resolves. */
  products: number;
}

/**
 * Add master rows to the ledger, all or nothing: together with the rows already there they must
 * build a {@link KrxMaster} (every product covered by a rule), and every domestic row's name must
 * fit the balance's `prdt_name` (60 bytes of CP949), else the `KrxMasterError` naming the row is
 * thrown and nothing is written.
 *
 * @example
 * ```ts
 * const rows = [];
 * for await (const r of parseKisMaster('fo_stk_code_mts.mst', createReadStream(path))) rows.push(r);
 * importMasterRows(store, rows); // { rows: 312, products: 140 }
 * ```
 */
export function importMasterRows(
  store: LedgerStore,
  rows: readonly KisMasterRow[],
): MasterImportSummary {
  if (store.putMasterRows === undefined) {
    throw new Error(`the ${store.backend} ledger does not store instrument masters`);
  }
  for (const row of rows) {
    if (row.file === 'ffcode.mst') continue;
    const problem = productNameProblem(row.name);
    if (problem !== undefined) {
      throw new KrxMasterError(
        `${row.file} line ${row.line} (${row.shortCode})`,
        `line ${row.line}.name`,
        `한글종목명 is ${problem}`,
      );
    }
  }
  const master = new KrxMaster(
    [...(store.masterRows?.() ?? []), ...rows],
    ledgerProductRules(store),
  );
  store.putMasterRows(rows);
  return { rows: rows.length, products: master.products.size };
}
