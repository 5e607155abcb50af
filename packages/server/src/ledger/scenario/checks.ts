/**
 * Field checks shared by scenario validation and the admin API. Each pushes problems onto an
 * issue list (never throws) so a caller reports every problem at once.
 */
import { Decimal } from '@kisfo/protocol';
import { type KrxProductSource, parseKrxCode } from '@kisfo/risk';
import type { LedgerIssue } from '../errors.js';
import { isOverseasInstrument, parseOverseasInstrument } from '../instrument-key.js';
import type { AccountKind } from '../store/types.js';

/** Collects issues under path prefixes. */
export class Checker {
  readonly issues: LedgerIssue[] = [];
  /** Products of the scenario's instrument masters, for domestic codes outside the built-ins. */
  master?: KrxProductSource;

  add(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  object(v: unknown, path: string): v is Record<string, unknown> {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return true;
    this.add(path, 'expected an object');
    return false;
  }

  array(v: unknown, path: string, optional = true): v is unknown[] {
    if (v === undefined && optional) return false;
    if (Array.isArray(v)) return true;
    this.add(path, 'expected an array');
    return false;
  }

  string(v: unknown, path: string, optional = false): v is string {
    if (v === undefined && optional) return false;
    if (typeof v === 'string' && v.length > 0) return true;
    this.add(path, v === undefined ? 'missing' : 'expected a non-empty string');
    return false;
  }

  decimal(
    v: unknown,
    path: string,
    opts: { optional?: boolean; min?: 'positive' | 'nonneg' } = {},
  ): boolean {
    if (v === undefined && opts.optional === true) return false;
    if (typeof v !== 'string' || !Decimal.isDecimalString(v)) {
      this.add(path, v === undefined ? 'missing' : 'not a decimal number');
      return false;
    }
    const d = Decimal.parse(v);
    if (opts.min === 'positive' && !d.isPositive()) {
      this.add(path, 'must be > 0');
      return false;
    }
    if (opts.min === 'nonneg' && d.isNegative()) {
      this.add(path, 'must be ≥ 0');
      return false;
    }
    return true;
  }

  qty(v: unknown, path: string): boolean {
    if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return true;
    this.add(path, 'must be a positive integer');
    return false;
  }

  date(v: unknown, path: string, optional = false): boolean {
    if (v === undefined && optional) return false;
    if (typeof v === 'string' && isYmd(v)) return true;
    this.add(path, 'expected a date YYYYMMDD');
    return false;
  }

  oneOf<T extends string>(
    v: unknown,
    values: readonly T[],
    path: string,
    optional = false,
  ): v is T {
    if (v === undefined && optional) return false;
    if (typeof v === 'string' && (values as readonly string[]).includes(v)) return true;
    this.add(path, `expected one of ${values.join(', ')}`);
    return false;
  }

  /** An instrument id valid for the account kind (KRX code or overseas key). */
  instrument(v: unknown, path: string, kind?: AccountKind): boolean {
    if (!this.string(v, path)) return false;
    const overseas = isOverseasInstrument(v);
    if (kind !== undefined && overseas !== (kind === 'overseas')) {
      this.add(path, `not a ${kind} instrument: ${JSON.stringify(v)}`);
      return false;
    }
    if (overseas) {
      if (parseOverseasInstrument(v) !== undefined) return true;
      this.add(path, 'expected EXCHANGE:CLASS:YYYYMM or EXCHANGE:CLASS:YYYYMM:C|P:STRIKE');
      return false;
    }
    try {
      parseKrxCode(v, undefined, this.master);
      return true;
    } catch (e) {
      this.add(path, `unknown KRX code (${(e as Error).message})`);
      return false;
    }
  }
}

/** A valid calendar date YYYYMMDD. */
export function isYmd(v: string): boolean {
  if (!/^\d{8}$/.test(v)) return false;
  const d = new Date(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10).replaceAll('-', '') === v;
}

/** An account id `CANO-ACNT_PRDT_CD`: 8 digits, dash, 2 digits. */
export const ACCOUNT_ID = /^\d{8}-\d{2}$/;

/** Context of item checks: which accounts exist (and their kind), the business date. */
export interface ItemContext {
  accounts: ReadonlyMap<string, AccountKind>;
  businessDate: string;
}

/** Check the account reference of an item and return its kind. */
export function checkAccountRef(
  c: Checker,
  v: unknown,
  path: string,
  ctx: ItemContext,
): AccountKind | undefined {
  if (!c.string(v, path)) return undefined;
  const kind = ctx.accounts.get(v);
  if (kind === undefined) c.add(path, `unknown account ${JSON.stringify(v)}`);
  return kind;
}

/** Check one fill object (scenario `fills[i]` or admin `POST /fills`). */
export function checkFill(c: Checker, v: unknown, path: string, ctx: ItemContext): void {
  if (!c.object(v, path)) return;
  c.string(v.id, `${path}.id`);
  const kind = checkAccountRef(c, v.account, `${path}.account`, ctx);
  c.instrument(v.instrument, `${path}.instrument`, kind);
  c.date(v.date, `${path}.date`, true);
  c.oneOf(v.side, ['buy', 'sell'], `${path}.side`);
  c.oneOf(v.openClose, ['open', 'close'], `${path}.openClose`, true);
  c.qty(v.qty, `${path}.qty`);
  c.decimal(v.price, `${path}.price`, { min: 'nonneg' });
}

/** Check one order object. */
export function checkOrder(c: Checker, v: unknown, path: string, ctx: ItemContext): void {
  if (!c.object(v, path)) return;
  c.string(v.id, `${path}.id`);
  const kind = checkAccountRef(c, v.account, `${path}.account`, ctx);
  c.instrument(v.instrument, `${path}.instrument`, kind);
  c.date(v.date, `${path}.date`, true);
  c.oneOf(v.side, ['buy', 'sell'], `${path}.side`);
  c.oneOf(v.openClose, ['open', 'close'], `${path}.openClose`, true);
  c.qty(v.qty, `${path}.qty`);
  c.decimal(v.price, `${path}.price`, { optional: true, min: 'nonneg' });
  c.oneOf(v.status, ['open', 'cancelled', 'expired', 'filled'], `${path}.status`, true);
}

/** Check one start-of-day position. */
export function checkPosition(c: Checker, v: unknown, path: string, ctx: ItemContext): void {
  if (!c.object(v, path)) return;
  const kind = checkAccountRef(c, v.account, `${path}.account`, ctx);
  c.instrument(v.instrument, `${path}.instrument`, kind);
  c.date(v.date, `${path}.date`, true);
  c.oneOf(v.side, ['long', 'short'], `${path}.side`);
  c.qty(v.qty, `${path}.qty`);
  c.decimal(v.avgPrice, `${path}.avgPrice`, { min: 'nonneg' });
  c.decimal(v.priorSettlement, `${path}.priorSettlement`, { optional: true });
}

/** Check one price row. */
export function checkPrice(c: Checker, v: unknown, path: string): void {
  if (!c.object(v, path)) return;
  c.instrument(v.instrument, `${path}.instrument`);
  c.date(v.date, `${path}.date`, true);
  c.decimal(v.price, `${path}.price`, { min: 'nonneg' });
  c.decimal(v.priorSettlement, `${path}.priorSettlement`, { optional: true });
  c.decimal(v.vol, `${path}.vol`, { optional: true, min: 'nonneg' });
  if (v.final !== undefined && typeof v.final !== 'boolean')
    c.add(`${path}.final`, 'expected true or false');
}

/** Check one underlying row. */
export function checkUnderlying(c: Checker, v: unknown, path: string): void {
  if (!c.object(v, path)) return;
  c.string(v.group, `${path}.group`);
  c.date(v.date, `${path}.date`, true);
  c.decimal(v.level, `${path}.level`, { min: 'positive' });
  c.decimal(v.vol, `${path}.vol`, { min: 'nonneg' });
  c.decimal(v.finalLevel, `${path}.finalLevel`, { optional: true, min: 'nonneg' });
}

/** Check a currency → amount map (cash) or currency → rate map (FX). */
export function checkCurrencyMap(
  c: Checker,
  v: unknown,
  path: string,
  min?: 'positive' | 'nonneg',
): void {
  if (!c.object(v, path)) return;
  for (const [ccy, amount] of Object.entries(v)) {
    if (!/^[A-Z]{3}$/.test(ccy)) c.add(`${path}.${ccy}`, 'expected a 3-letter currency code');
    c.decimal(amount, `${path}.${ccy}`, min === undefined ? {} : { min });
  }
}
