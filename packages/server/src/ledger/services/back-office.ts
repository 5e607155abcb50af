import { MARGIN_DETAIL_CURRENCY_DECIMALS } from '@kisfo/protocol';
import {
  computeDomesticDeposit,
  computeOverseasMarginDetailWithBreakdown,
  type DomesticBalanceRow,
} from '@kisfo/risk';
import {
  type AccountRef,
  type AppRecord,
  BackOfficeError,
  type DomesticBalanceResult,
  type DomesticDepositResult,
  type KisBackOffice,
  type MarginDetailResult,
} from '../../contracts.js';
import { addKrxBusinessDays } from '../calendar/krx-calendar.js';
import type { AccountKind, LedgerAccount, LedgerStore } from '../store/types.js';
import { type KeptBalanceStats, KeptDomesticBalances } from './kept-balances.js';
import { Lru } from './lru.js';
import { overseasMarginInput } from './overseas-input.js';

/** Options of {@link createBackOffice}. */
export interface BackOfficeOptions {
  /** Computed answers kept (per account, version and query); default 256. */
  cacheSize?: number;
  /**
   * Domestic balances kept between writes (per account, margin basis and settlement status) and
   * brought up to date by each fill, price or deposit instead of computed afresh; default 8,
   * 0 computes every new account version afresh.
   */
  keptBalances?: number;
}

/** How {@link LedgerBackOffice.checkDomesticBalance} checks an account. */
export interface DomesticCheckOptions {
  /**
   * Whether an account with no usable kept balance gets one built (default true); false
   * computes it afresh and leaves the kept ones as they are (a price reaching many accounts).
   */
  keep?: boolean;
}

/** A {@link KisBackOffice} plus the store it reads and cache statistics. */
export interface LedgerBackOffice extends KisBackOffice {
  readonly store: LedgerStore;
  /**
   * Answers computed and cache hits so far, and how the domestic balances were had: books built
   * from a full read, or kept books updated by the changes since (tests and benchmarks read them).
   */
  readonly stats: { computed: number; hits: number } & KeptBalanceStats;
  /**
   * Inside a write's transaction: throw what a fresh balance of `account` would throw, or what
   * encoding it for the wire would (a figure longer than its field), checked on the kept book
   * when the writes are fills, prices or deposits (the admin API's check).
   */
  checkDomesticBalance(account: LedgerAccount, options?: DomesticCheckOptions): void;
}

/** Decimals of margin-detail amounts per view (the table lives with the spec in protocol). */
export { MARGIN_DETAIL_CURRENCY_DECIMALS };

/**
 * The back office over a ledger: apps and accounts from the store, every inquiry computed with
 * `@kisfo/risk` from the ledger rows. Answers are cached per (account, version, query), so
 * paging a large balance computes it once. Domestic balances are kept between versions
 * ({@link KeptDomesticBalances}): after a fill, a price or a deposit only the series it touches
 * is settled again, with the same answer a fresh compute gives.
 *
 * Errors: an unknown account, or one of the other kind → `OPSQ2000`; `INQR_DT` after the
 * business date or malformed → `OPSQ2001` (a weekend or KRX holiday right after the business
 * date is answered with the business date's figures); a date without FX rates in the ledger → `KIOK0560`.
 *
 * @example
 * ```ts
 * const bo = createBackOffice(openLedger());
 * importScenario(bo.store, DEMO_SCENARIO);
 * bo.domesticBalance({ cano: '80012345', acntPrdtCd: '03' }, { mgnaDvsn: '01', exccStatCd: '1' });
 * ```
 */
export function createBackOffice(
  store: LedgerStore,
  options: BackOfficeOptions = {},
): LedgerBackOffice {
  const cache = new Lru<DomesticBalanceResult | DomesticDepositResult | MarginDetailResult>(
    options.cacheSize ?? 256,
  );
  const stats = { computed: 0, hits: 0, booksBuilt: 0, booksUpdated: 0, changesApplied: 0 };
  const kept = new KeptDomesticBalances(store, options.keptBalances ?? 8, stats);

  // A kept book hands out the same row object for a series until it changes, so each row's
  // named copy is made once per set of instrument names and shared by the answers after it.
  let names: { key: string; of: (row: DomesticBalanceRow) => Record<string, unknown> } | undefined;
  const namedRows = () => {
    const list = store.instruments();
    const key = list.map((i) => `${i.instrument}\u0000${i.name ?? ''}`).join('\u0001');
    if (names?.key === key) return names.of;
    const byCode = new Map(list.map((i) => [i.instrument, i.name]));
    const copies = new WeakMap<DomesticBalanceRow, Record<string, unknown>>();
    const of = (row: DomesticBalanceRow): Record<string, unknown> => {
      let out = copies.get(row);
      if (out === undefined) {
        const name = byCode.get(row.pdno) ?? byCode.get(row.shtn_pdno);
        out = name === undefined ? { ...row } : { ...row, prdt_name: name };
        copies.set(row, out);
      }
      return out;
    };
    names = { key, of };
    return of;
  };

  const account = (ref: AccountRef, kind: AccountKind): LedgerAccount => {
    const a = store.getAccount(`${ref.cano}-${ref.acntPrdtCd}`);
    if (a === undefined) throw new BackOfficeError('OPSQ2000', '계좌번호를 확인하세요');
    if (a.kind !== kind) {
      throw new BackOfficeError(
        'OPSQ2000',
        kind === 'domestic' ? '국내선물옵션 계좌가 아닙니다' : '해외선물옵션 계좌가 아닙니다',
      );
    }
    return a;
  };
  const cached = <T extends DomesticBalanceResult | DomesticDepositResult | MarginDetailResult>(
    key: string,
    compute: () => T,
  ): T => {
    const hit = cache.get(key);
    if (hit !== undefined) {
      stats.hits++;
      return hit as T;
    }
    const v = compute();
    stats.computed++;
    cache.set(key, v);
    return v;
  };

  return {
    store,
    stats,
    checkDomesticBalance: (a: LedgerAccount, options?: DomesticCheckOptions) =>
      kept.check(a, options?.keep ?? true),
    findApp: (appKey: string): AppRecord | undefined => store.findApp(appKey),
    listApps: (): AppRecord[] => store.listApps(),
    accountVersion: (ref: AccountRef): string =>
      store.accountVersion(`${ref.cano}-${ref.acntPrdtCd}`).toString(),
    businessDate: (): string => store.businessDate() ?? '',
    ...(store.revision === undefined ? {} : { revision: () => store.revision!() }),

    domesticBalance(ref, query): DomesticBalanceResult {
      const a = account(ref, 'domestic');
      const version = store.accountVersion(a.id).toString();
      return cached(`D|${a.id}|${version}|${query.mgnaDvsn}|${query.exccStatCd}`, () => {
        const bal = kept.balance(a, query);
        const named = namedRows();
        const output1 = bal.output1.map(named);
        return { version, output1, output2: { ...bal.output2 } };
      });
    },

    domesticDeposit(ref): DomesticDepositResult {
      const a = account(ref, 'domestic');
      const version = store.accountVersion(a.id).toString();
      return cached(`P|${a.id}|${version}`, () => {
        // The same two computations a balance inquiry at each margin basis runs, so the
        // inquiries agree figure for figure.
        const at = (mgnaDvsn: '01' | '02') =>
          kept.balance(a, { mgnaDvsn, exccStatCd: '1' }).output2;
        return { output: { ...computeDomesticDeposit(at('01'), at('02')) } };
      });
    },

    overseasMarginDetail(ref, asked): MarginDetailResult {
      let query = asked;
      const a = account(ref, 'overseas');
      const bd = store.businessDate() ?? '';
      // The message names the ledger's date and how to move it (it must fit msg1's 80 bytes).
      if (!/^\d{8}$/.test(query.inqrDt)) {
        throw new BackOfficeError(
          'OPSQ2001',
          `INQR_DT 조회일자를 확인하세요 (YYYYMMDD, business date ${bd})`,
        );
      }
      // A weekend or KRX holiday right after the business date has no trading of its own: it is
      // answered with the business date's figures, as a broker shows Friday's on a Saturday.
      if (query.inqrDt > bd && closedSince(bd, query.inqrDt)) query = { ...query, inqrDt: bd };
      if (query.inqrDt > bd) {
        throw new BackOfficeError(
          'OPSQ2001',
          `INQR_DT ${query.inqrDt} > business date ${bd}: kisfo ledger advance or admin API`,
        );
      }
      const decimals = MARGIN_DETAIL_CURRENCY_DECIMALS[query.crcyCd];
      if (decimals === undefined)
        throw new BackOfficeError('OPSQ2001', 'CRCY_CD 통화코드를 확인하세요');
      if (Object.keys(store.fxRates(query.inqrDt)).length === 0) {
        throw new BackOfficeError('KIOK0560');
      }
      const version = store.accountVersion(a.id).toString();
      return cached(`O|${a.id}|${version}|${query.crcyCd}|${query.inqrDt}`, () => {
        const r = computeOverseasMarginDetailWithBreakdown(overseasMarginInput(store, a, query));
        const o = r.oneSide;
        return {
          output: r.output,
          currencyDecimals: decimals,
          ...(o === undefined
            ? {}
            : {
                oneSide: {
                  nettedInitial: o.nettedInitial.toString(),
                  nettedMaintenance: o.nettedMaintenance.toString(),
                  oneSideInitial: o.oneSideInitial.toString(),
                  oneSideMaintenance: o.oneSideMaintenance.toString(),
                  appliedTo: o.appliedTo,
                },
              }),
        };
      });
    },
  };
}

/** Whether KRX has not traded from the day after `bd` through `ymd` (outside the calendar: no). */
function closedSince(bd: string, ymd: string): boolean {
  try {
    return addKrxBusinessDays(ymd, 0, 'INQR_DT') === bd;
  } catch {
    return false;
  }
}
