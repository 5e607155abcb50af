/**
 * Rows of the ledger and the storage interface every backend implements (SQLite today,
 * PostgreSQL later). Money and prices are decimal strings; quantities are integers.
 */
import type { KisMasterRow } from '@kisfo/risk';
import type { AppRecord } from '../../contracts.js';

/** Which inquiry an account answers: 선물옵션 잔고현황 or 해외선물옵션 증거금상세. */
export type AccountKind = 'domestic' | 'overseas';

/** An account; `id` is `CANO-ACNT_PRDT_CD` (`80012345-03`). */
export interface LedgerAccount {
  id: string;
  cano: string;
  acntPrdtCd: string;
  kind: AccountKind;
  name?: string;
}

/**
 * Cash of one currency. Domestic accounts: `KRW` cash is `dnca_cash`, `substitutes` on the KRW row
 * is `dnca_sbst`, other currencies count at their KRW value (`frcr_dncl_amt`). Overseas accounts:
 * cash per currency is the equity of the margin detail.
 */
export interface LedgerDeposit {
  accountId: string;
  currency: string;
  cash: string;
  substitutes: string;
}

/** Buy or sell. */
export type TradeSide = 'buy' | 'sell';
/** Long or short. */
export type PositionSide = 'long' | 'short';

/**
 * A start-of-day position of `businessDate`. `instrument` is a KRX code (domestic) or
 * `EXCHANGE:CLASS:YYYYMM[:C|P:STRIKE]` (overseas).
 */
export interface LedgerPosition {
  accountId: string;
  businessDate: string;
  instrument: string;
  side: PositionSide;
  qty: number;
  avgPrice: string;
  /** Domestic: the previous settlement price when it differs from the price table's. */
  priorSettlement?: string;
}

/** A fill of `businessDate`; append-only, idempotent by `id`. */
export interface LedgerFill {
  id: string;
  accountId: string;
  businessDate: string;
  instrument: string;
  side: TradeSide;
  openClose: 'open' | 'close';
  qty: number;
  price: string;
}

/** Status of an order. */
export type OrderStatus = 'open' | 'cancelled' | 'expired' | 'filled';

/** A working order (unfilled quantity). Market orders have no `price`. */
export interface LedgerOrder {
  id: string;
  accountId: string;
  businessDate: string;
  instrument: string;
  side: TradeSide;
  openClose: 'open' | 'close';
  qty: number;
  price?: string;
  status: OrderStatus;
}

/** Price of one instrument on one date (the settlement, or the current price intraday). */
export interface LedgerPrice {
  date: string;
  instrument: string;
  price: string;
  priorSettlement?: string;
  /** Implied volatility as a decimal string (`0.18`). */
  vol?: string;
  /** Last trading day: the series is finally settled at `price`. */
  final?: boolean;
}

/** Level and volatility of a domestic product group's underlying on one date. */
export interface LedgerUnderlying {
  date: string;
  group: string;
  level: string;
  vol: string;
  finalLevel?: string;
}

/** A domestic instrument override (e.g. the product name shown in `prdt_name`). */
export interface LedgerInstrument {
  instrument: string;
  name?: string;
}

/**
 * Broker policies of one account. `oneSideLiquidation` (일방해소증거금): margin each price side
 * alone and charge the larger when it exceeds the netted figure; off by default (a broker policy).
 */
export interface LedgerAccountPolicy {
  accountId: string;
  oneSideLiquidation: boolean;
}

/** Which parameter set: overseas classes, KRX margin, KRX settlement fees. */
export type RiskParameterKind =
  | 'overseas'
  | 'krx-margin'
  | 'krx-settlement'
  /** Extra KRX product rules (`KrxProductRule[]`), ahead of the built-in table. */
  | 'krx-product-rules';

/**
 * A committed write a kept balance can apply without reading the account again (see
 * {@link LedgerStore.changesSince}): a fill recorded, a price set, an account's deposit set, an
 * instrument's name set (names are not an input of the balance: they are applied to its rows).
 */
export type LedgerWrite =
  | { kind: 'fill'; fill: LedgerFill }
  | { kind: 'price'; price: LedgerPrice }
  | { kind: 'deposit'; accountId: string }
  | { kind: 'instrument' };

/**
 * The ledger's storage. Every method that writes runs in a transaction and bumps the version of
 * every account whose answer it can change (market data and parameters bump all accounts).
 * `transaction(fn)` groups writes: all or nothing, one version bump per account.
 */
export interface LedgerStore {
  readonly backend: string;
  /** Run `fn` in one transaction (nested calls join it). */
  transaction<T>(fn: () => T): T;
  close(): void;
  /** Highest applied migration number. */
  schemaVersion(): number;
  /** Delete every ledger row (versions keep counting so caches never see an old number again). */
  clear(): void;
  /**
   * Changes after every committed write, this connection's or another's (optional: a store
   * without it gets no ledger-wide caches on the HTTP side).
   */
  revision?(): string;
  /**
   * This connection's committed changes after `revision` (a value {@link revision} returned),
   * oldest first, as the rows read back would be. `undefined` when they are not all known:
   * another connection wrote, a write of another kind was made (positions, orders, business
   * date, parameters…), or the log no longer reaches back. Optional: without it every kept
   * answer is computed afresh.
   */
  changesSince?(revision: string): readonly LedgerWrite[] | undefined;
  /**
   * The transaction open on this connection, if any, with its writes so far as
   * {@link changesSince} will list them once it commits (`writes` undefined when not all known).
   */
  openTransaction?(): { writes: readonly LedgerWrite[] | undefined } | undefined;

  businessDate(): string | undefined;
  setBusinessDate(date: string): void;

  putApp(app: AppRecord): void;
  findApp(appKey: string): AppRecord | undefined;
  listApps(): AppRecord[];

  putAccount(account: LedgerAccount): void;
  getAccount(id: string): LedgerAccount | undefined;
  listAccounts(): LedgerAccount[];
  /** The version counter of an account (0 when never written). */
  accountVersion(id: string): bigint;

  putDeposit(deposit: LedgerDeposit): void;
  deposits(accountId: string): LedgerDeposit[];

  /** `inserted`, or `duplicate` for the same id with the same content; conflicting content throws. */
  addFill(fill: LedgerFill): 'inserted' | 'duplicate';
  /** Fills in the order they were recorded; all dates when `businessDate` is left out. */
  fills(accountId: string, businessDate?: string): LedgerFill[];

  putOrder(order: LedgerOrder): void;
  getOrder(id: string): LedgerOrder | undefined;
  orders(accountId: string, status?: OrderStatus): LedgerOrder[];

  putPosition(position: LedgerPosition): void;
  /** Replace every start-of-day position of an account on a date. */
  replacePositions(accountId: string, businessDate: string, rows: LedgerPosition[]): void;
  positions(accountId: string, businessDate: string): LedgerPosition[];
  /** Dates with start-of-day positions for an account, ascending. */
  positionDates(accountId: string): string[];
  /**
   * Optional: the distinct instruments of an account's positions and fills of `businessDate` and
   * its open orders (only those of `among` when given), without reading the rows (the admin API
   * finds the accounts a price reaches). SQLite and PostgreSQL have it.
   */
  heldInstruments?(accountId: string, businessDate: string, among?: readonly string[]): string[];

  putPrice(price: LedgerPrice): void;
  prices(date: string): LedgerPrice[];
  priceDates(): string[];
  putUnderlying(u: LedgerUnderlying): void;
  underlyings(date: string): LedgerUnderlying[];

  /** KRW per one unit of `currency` on `date`. */
  putFx(date: string, currency: string, rate: string): void;
  fxRates(date: string): Record<string, string>;
  fxDates(): string[];

  putInstrument(row: LedgerInstrument): void;
  instruments(): LedgerInstrument[];

  setRiskParameters(kind: RiskParameterKind, value: unknown): void;
  riskParameters(kind: RiskParameterKind): unknown;

  // Optional so a backend without them still serves (no masters, every policy at its default).
  /** Add or replace master-file rows (keyed by file and code); bumps every account. */
  putMasterRows?(rows: readonly KisMasterRow[]): void;
  /** Every master row, by file then line. The same array until the next write. */
  masterRows?(): readonly KisMasterRow[];
  /** Set an account's broker policy; bumps that account. */
  setAccountPolicy?(policy: LedgerAccountPolicy): void;
  /** An account's policy, or undefined when it has the defaults. */
  accountPolicy?(accountId: string): LedgerAccountPolicy | undefined;
}
