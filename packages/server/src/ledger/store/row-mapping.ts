import { Decimal } from '@kisfo/protocol';
import { LedgerConflictError } from '../errors.js';
import type { LedgerFill, LedgerOrder, LedgerPrice, OrderStatus } from './types.js';

/** A database row by column name (both backends' drivers return these). */
export type Row = Record<string, unknown>;

/** A decimal string checked before it is stored; anything else is a conflict naming `path`. */
export function money(value: string, path: string): string {
  if (typeof value !== 'string' || !Decimal.isDecimalString(value)) {
    throw new LedgerConflictError(path, `not a decimal number: ${JSON.stringify(value)}`);
  }
  return value;
}

/** A `fills` row as a {@link LedgerFill}. */
export function fillOf(r: Row): LedgerFill {
  return {
    id: String(r.id),
    accountId: String(r.account_id),
    businessDate: String(r.business_date),
    instrument: String(r.instrument),
    side: r.side as LedgerFill['side'],
    openClose: r.open_close as LedgerFill['openClose'],
    qty: Number(r.qty),
    price: String(r.price),
  };
}

/** The same fill (its id aside)? Prices compare as numbers: "300.5" and "300.50" are the same. */
export function sameFill(a: LedgerFill, b: LedgerFill): boolean {
  return (
    a.accountId === b.accountId &&
    a.businessDate === b.businessDate &&
    a.instrument === b.instrument &&
    a.side === b.side &&
    a.openClose === b.openClose &&
    a.qty === b.qty &&
    Decimal.parse(a.price).eq(Decimal.parse(b.price))
  );
}

/** An `orders` row as a {@link LedgerOrder}. */
export function orderOf(r: Row): LedgerOrder {
  const o: LedgerOrder = {
    id: String(r.id),
    accountId: String(r.account_id),
    businessDate: String(r.business_date),
    instrument: String(r.instrument),
    side: r.side as LedgerOrder['side'],
    openClose: r.open_close as LedgerOrder['openClose'],
    qty: Number(r.qty),
    status: r.status as OrderStatus,
  };
  if (r.price !== null) o.price = String(r.price);
  return o;
}

/** A `prices` row as a {@link LedgerPrice} (`final` is 1 in SQLite, `true` in PostgreSQL). */
export function priceOf(r: Row): LedgerPrice {
  const p: LedgerPrice = {
    date: String(r.date),
    instrument: String(r.instrument),
    price: String(r.price),
  };
  if (r.prior_settlement !== null && r.prior_settlement !== undefined)
    p.priorSettlement = String(r.prior_settlement);
  if (r.vol !== null && r.vol !== undefined) p.vol = String(r.vol);
  if (r.final === 1 || r.final === true) p.final = true;
  return p;
}
