/**
 * The seam between the HTTP side of the server (gateway, OAuth, routes, paging) and the back
 * office behind it (ledger, scenarios, account services). The HTTP side only talks to a
 * {@link KisBackOffice}; the ledger side implements it. Additions here are additive only.
 */
import type { KisEnv, MarginDetailCurrency } from '@kisfo/protocol';

/** An account number split as KIS sends it: `CANO` (8 digits) and `ACNT_PRDT_CD` (2 digits). */
export interface AccountRef {
  cano: string;
  acntPrdtCd: string;
}

/** A registered app (one app key), the environment it belongs to and the accounts it may read. */
export interface AppRecord {
  appKey: string;
  appSecret: string;
  env: KisEnv;
  /** `P` personal, `B` corporate (corporate headers required). */
  custtype: 'P' | 'B';
  name?: string;
  accounts: AccountRef[];
  /** Calls per second for this app key; defaults to the environment's limit. */
  rateLimitPerSecond?: number;
}

/** The computed domestic balance, values in decoded form (Decimal / string) under wire names. */
export interface DomesticBalanceResult {
  /** The account's ledger version the figures were computed at. */
  version: string;
  /** Every position, in a stable order (the route slices pages of 20). */
  output1: Record<string, unknown>[];
  /** The summary, identical on every page. */
  output2: Record<string, unknown>;
}

/** The computed 선물옵션 총자산현황, values in decoded form under wire names. */
export interface DomesticDepositResult {
  output: Record<string, unknown>;
}

/** The computed overseas margin detail, values in decoded form under wire names. */
export interface MarginDetailResult {
  output: Record<string, unknown>;
  /** Decimals of the view currency's amounts (0 for KRW/JPY/VND views, 2 for USD/HKD/CNY/TUS). */
  currencyDecimals: number;
}

/** Failure codes a back office may answer with (all in the protocol's message catalog). */
export type BackOfficeMsgCd = 'OPSQ2000' | 'OPSQ2001' | 'KIOK0560' | 'MCA00124';

/**
 * Thrown by a back office for a request it cannot answer; the route turns it into a KIS envelope
 * with `msgCd` and `detail` as `msg1`.
 */
export class BackOfficeError extends Error {
  readonly msgCd: BackOfficeMsgCd;
  readonly detail: string | undefined;
  constructor(msgCd: BackOfficeMsgCd, detail?: string) {
    super(detail ?? msgCd);
    this.name = 'BackOfficeError';
    this.msgCd = msgCd;
    this.detail = detail;
  }
}

/** What the HTTP side needs from the ledger side. Synchronous: SQLite is embedded. */
export interface KisBackOffice {
  findApp(appKey: string): AppRecord | undefined;
  listApps(): AppRecord[];
  /** Changes whenever anything that can change an inquiry's answer for the account changes. */
  accountVersion(account: AccountRef): string;
  domesticBalance(
    account: AccountRef,
    query: { mgnaDvsn: '01' | '02'; exccStatCd: '1' | '2' },
  ): DomesticBalanceResult;
  /** 선물옵션 총자산현황 of a domestic account. */
  domesticDeposit(account: AccountRef): DomesticDepositResult;
  overseasMarginDetail(
    account: AccountRef,
    query: { crcyCd: MarginDetailCurrency; inqrDt: string },
  ): MarginDetailResult;
  /** The ledger's business date, YYYYMMDD. */
  businessDate(): string;
}
