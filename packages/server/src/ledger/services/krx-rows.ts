import type { KrxFill, KrxPosition } from '@kisfo/risk';
import type { LedgerFill, LedgerPosition } from '../store/types.js';

/**
 * An account's day in the ledger as the KRX engines take it: start-of-day positions and the day's
 * fills under KIS's names (`pdno`, `fillId`), prices still the ledger's exact strings. The balance
 * and the end-of-day settlement both read the book through this one mapping.
 *
 * @example
 * ```ts
 * settleKrxDay({ ...krxBookOf(store.positions(id, date), store.fills(id, date)), market });
 * ```
 */
export function krxBookOf(
  positions: readonly LedgerPosition[],
  fills: readonly LedgerFill[],
): { positions: KrxPosition[]; fills: KrxFill[] } {
  return {
    positions: positions.map((p) => ({
      pdno: p.instrument,
      side: p.side,
      qty: p.qty,
      avgPrice: p.avgPrice,
      ...(p.priorSettlement === undefined ? {} : { priorSettlement: p.priorSettlement }),
    })),
    fills: fills.map(krxFillOf),
  };
}

/**
 * One ledger fill under KIS's names, as {@link krxBookOf} maps each.
 *
 * @example
 * ```ts
 * book.addFill(krxFillOf(fill)); // a kept DomesticBalanceBook told of one more fill
 * ```
 */
export function krxFillOf(f: LedgerFill): KrxFill {
  return {
    fillId: f.id,
    pdno: f.instrument,
    side: f.side,
    openClose: f.openClose,
    qty: f.qty,
    price: f.price,
  };
}
