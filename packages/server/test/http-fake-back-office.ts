// An in-memory KisBackOffice for the HTTP tests: fixed apps and accounts, rows as KIS wire strings
// (the encoder takes decimal strings), versions bumped by hand to simulate ledger changes.
import { readFileSync } from 'node:fs';
import {
  decodeBody,
  domesticInquireBalance,
  type MarginDetailCurrency,
  overseasMarginDetail,
} from '@kisfo/protocol';
import { computeDomesticDeposit, type DomesticBalanceSummary } from '@kisfo/risk';
import {
  type AccountRef,
  type AppRecord,
  BackOfficeError,
  type DomesticBalanceResult,
  type DomesticDepositResult,
  type KisBackOffice,
  type MarginDetailResult,
} from '../src/index.js';

const fixtures = new URL('../../../fixtures/kis/', import.meta.url);
/** A parsed JSON body, read loosely: tests assert on its fields by name. */
// biome-ignore lint/suspicious/noExplicitAny: JSON of KIS examples and responses, checked field by field.
export type JsonBody = Record<string, any>;

/** A fixture file of `fixtures/kis/`, parsed. */
export function kisFixture(name: string): JsonBody {
  return JSON.parse(readFileSync(new URL(name, fixtures), 'utf8'));
}

const key = (prefix: string, n: number) =>
  `${prefix}${String(n).padStart(36 - prefix.length, '0')}`;
const secret = (n: number) => `S${String(n).repeat(179).slice(0, 179)}`;

export const REAL_APP: AppRecord = {
  appKey: key('PSreal', 1),
  appSecret: secret(1),
  env: 'real',
  custtype: 'P',
  accounts: [
    { cano: '80012345', acntPrdtCd: '03' },
    { cano: '12345678', acntPrdtCd: '08' },
    { cano: '80099999', acntPrdtCd: '03' },
    { cano: '80055555', acntPrdtCd: '03' },
  ],
};
export const OTHER_APP: AppRecord = {
  appKey: key('PSother', 2),
  appSecret: secret(2),
  env: 'real',
  custtype: 'P',
  accounts: [{ cano: '70012345', acntPrdtCd: '03' }],
};
export const CORP_APP: AppRecord = {
  appKey: key('PScorp', 3),
  appSecret: secret(3),
  env: 'real',
  custtype: 'B',
  accounts: [{ cano: '60012345', acntPrdtCd: '03' }],
};
export const PAPER_APP: AppRecord = {
  appKey: key('PSpaper', 4),
  appSecret: secret(4),
  env: 'paper',
  custtype: 'P',
  accounts: [{ cano: '50012345', acntPrdtCd: '03' }],
};

const id = (a: AccountRef) => `${a.cano}-${a.acntPrdtCd}`;

/** `n` position rows for an account, numbered so order can be checked. */
export function positions(account: AccountRef, n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => ({
    cano: account.cano,
    acnt_prdt_cd: account.acntPrdtCd,
    pdno: `KR41${String(i).padStart(8, '0')}`,
    prdt_type_cd: '301',
    shtn_pdno: `1${String(i).padStart(5, '0')}`,
    prdt_name: `F ${i}`,
    sll_buy_dvsn_name: '매수',
    cblc_qty: '1',
    excc_unpr: '309.1',
    ccld_avg_unpr1: '320.5',
    idx_clpr: '307.45',
    pchs_amt: '77275000',
    evlu_amt: '76862500',
    evlu_pfls_amt: '-412500',
    trad_pfls_amt: '0',
    lqd_psbl_qty: '1',
  }));
}

/** The in-memory back office. */
export class FakeBackOffice implements KisBackOffice {
  readonly apps: AppRecord[] = [REAL_APP, OTHER_APP, CORP_APP, PAPER_APP];
  readonly #rows = new Map<string, Record<string, unknown>[]>();
  readonly #versions = new Map<string, number>();
  readonly #summary: Record<string, unknown>;
  readonly #margin: Record<string, unknown>;
  /** Calls to domesticBalance (to see the paging cache at work). */
  balanceCalls = 0;
  /** When set, every inquiry throws it (to test EGW00002). */
  failWith: Error | undefined;

  constructor() {
    // The KIS examples, decoded: the back office hands over Decimals, strings and booleans.
    const domestic = decodeBody(
      domesticInquireBalance,
      kisFixture('domestic-inquire-balance.example.json').response.body,
    );
    this.#summary = domestic.output2;
    this.#rows.set('80012345-03', domestic.output1);
    this.#margin = decodeBody(
      overseasMarginDetail,
      kisFixture('overseas-margin-detail.example.json').response.body,
    ).output;
    for (const a of [
      { cano: '70012345', acntPrdtCd: '03' },
      { cano: '60012345', acntPrdtCd: '03' },
      { cano: '50012345', acntPrdtCd: '03' },
    ]) {
      this.#rows.set(id(a), positions(a, 3));
    }
    this.setPositions({ cano: '80099999', acntPrdtCd: '03' }, 45);
  }

  /** Replace an account's positions (a ledger change: the version moves). */
  setPositions(account: AccountRef, n: number): void {
    this.#rows.set(id(account), positions(account, n));
    this.bump(account);
  }

  /** Simulate any ledger change of the account. */
  bump(account: AccountRef): void {
    this.#versions.set(id(account), (this.#versions.get(id(account)) ?? 0) + 1);
  }

  findApp(appKey: string): AppRecord | undefined {
    return this.apps.find((a) => a.appKey === appKey);
  }
  listApps(): AppRecord[] {
    return this.apps;
  }
  accountVersion(account: AccountRef): string {
    return `v${this.#versions.get(id(account)) ?? 0}`;
  }
  domesticBalance(account: AccountRef): DomesticBalanceResult {
    if (this.failWith) throw this.failWith;
    this.balanceCalls++;
    return {
      version: this.accountVersion(account),
      output1: this.#rows.get(id(account)) ?? [],
      output2: this.#summary,
    };
  }
  domesticDeposit(): DomesticDepositResult {
    if (this.failWith) throw this.failWith;
    const summary = this.#summary as DomesticBalanceSummary;
    return { output: { ...computeDomesticDeposit(summary, summary) } };
  }
  overseasMarginDetail(
    account: AccountRef,
    query: { crcyCd: MarginDetailCurrency; inqrDt: string },
  ): MarginDetailResult {
    if (this.failWith) throw this.failWith;
    if (query.inqrDt > this.businessDate()) throw new BackOfficeError('KIOK0560');
    return {
      output: {
        ...this.#margin,
        cano: account.cano,
        acnt_prdt_cd: account.acntPrdtCd,
        crcy_cd: query.crcyCd,
      },
      currencyDecimals:
        query.crcyCd === 'TKR' || query.crcyCd === 'JPY' || query.crcyCd === 'VND' ? 0 : 2,
    };
  }
  businessDate(): string {
    return '20240522';
  }
}
