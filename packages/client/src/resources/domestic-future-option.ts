import { domesticInquireBalance, domesticInquireDeposit } from '@kisfo/protocol';
import { splitAccount } from '../account.js';
import { type BalancePage, BalancePager, balancePass } from '../balance-paging.js';
import { KisDataChangedError, type KisNotSupportedError, KisValidationError } from '../errors.js';
import type { InquiryContext } from '../inquiry.js';
import { checkParams, inquireOutput } from '../inquiry.js';
import { LazyPromise } from '../lazy-promise.js';
import type { DomesticBalancePosition, DomesticBalanceSummary, DomesticDeposit } from '../types.js';

/** Parameters of {@link DomesticFutureOption.inquireBalance}. */
export interface InquireBalanceParams {
  /** `"80012345-03"`; defaults to the client's account. */
  account?: string;
  /** Margin basis: `initial` (개시, `MGNA_DVSN=01`, default) or `maintenance` (유지, `02`). */
  marginBasis?: 'initial' | 'maintenance';
  /**
   * Settlement basis: `settlement` (정산, `EXCC_STAT_CD=1`, default: valued from the previous
   * settlement price) or `purchase` (본정산, `2`: from the average purchase price).
   */
  settlementBasis?: 'settlement' | 'purchase';
  signal?: AbortSignal;
  /**
   * Called as each page arrives (progress lines, early looks). After a `SYDB0050` restart the
   * pages start again from index 0.
   */
  onPage?: (page: BalancePage) => void;
}

/** Every position and the summary of one consistent pass over all pages. */
export interface BalanceResult {
  positions: DomesticBalancePosition[];
  summary: DomesticBalanceSummary;
  /** Pages fetched in the pass returned. */
  pages: number;
  /** Passes restarted because the data changed (`SYDB0050`). */
  restarts: number;
}

/**
 * What `inquireBalance` returns: await it for the merged result, or iterate `pages()` to stream.
 * Nothing is sent until one of the two is used.
 */
export class BalanceRequest extends LazyPromise<BalanceResult> {
  constructor(
    run: () => Promise<BalanceResult>,
    private readonly stream: () => AsyncGenerator<BalancePage>,
  ) {
    super(run);
  }

  /** The pages one by one, as they arrive (see `DomesticFutureOption.balancePages`). */
  pages(): AsyncGenerator<BalancePage> {
    return this.stream();
  }
}

const MARGIN: Record<string, string> = { initial: '01', maintenance: '02' };
const SETTLEMENT: Record<string, string> = { settlement: '1', purchase: '2' };

/**
 * 국내선물옵션: `client.domesticFutureOption`.
 */
export class DomesticFutureOption {
  /** Restarts from the first page on `SYDB0050` before giving up. */
  static readonly MAX_RESTARTS = 3;

  constructor(
    private readonly ctx: InquiryContext,
    private readonly defaultAccount: () => string | undefined,
  ) {}

  private params(p: InquireBalanceParams): Record<string, string> {
    const mgna = MARGIN[p.marginBasis ?? 'initial'];
    const excc = SETTLEMENT[p.settlementBasis ?? 'settlement'];
    if (mgna === undefined) {
      throw new KisValidationError([
        {
          path: 'marginBasis',
          field: 'marginBasis',
          label: '증거금 구분',
          problem: `${JSON.stringify(p.marginBasis)} is not allowed`,
          allowed: 'initial, maintenance',
        },
      ]);
    }
    if (excc === undefined) {
      throw new KisValidationError([
        {
          path: 'settlementBasis',
          field: 'settlementBasis',
          label: '정산상태코드',
          problem: `${JSON.stringify(p.settlementBasis)} is not allowed`,
          allowed: 'settlement, purchase',
        },
      ]);
    }
    const params = {
      ...splitAccount(p.account ?? this.defaultAccount()),
      MGNA_DVSN: mgna,
      EXCC_STAT_CD: excc,
      CTX_AREA_FK200: '',
      CTX_AREA_NK200: '',
    };
    checkParams(domesticInquireBalance, params);
    return params;
  }

  /**
   * 선물옵션 잔고현황 (`CTFO6118R`/`VTFO6118R`): every page fetched and merged. On `SYDB0050` the
   * pass restarts from the first page (up to 3 times); any other failure on any page throws —
   * a partial list is never returned as complete.
   *
   * @example
   * ```ts
   * const { positions, summary } = await client.domesticFutureOption.inquireBalance();
   * for (const p of positions) console.log(p.shtn_pdno, p.cblc_qty.toString(), p.evlu_pfls_amt.toString());
   * console.log(summary.ord_psbl_tota.toString());
   * ```
   */
  inquireBalance(params: InquireBalanceParams = {}): BalanceRequest {
    return new BalanceRequest(
      () => this.collect(params),
      () => this.balancePages(params),
    );
  }

  /**
   * The balance page by page, for `for await`. A stream cannot take back pages it has given, so
   * `SYDB0050` mid-way throws {@link KisDataChangedError} here (start again); `inquireBalance`
   * restarts by itself.
   *
   * @example
   * ```ts
   * for await (const page of client.domesticFutureOption.balancePages()) {
   *   console.log(page.index, page.positions.length);
   * }
   * ```
   */
  async *balancePages(params: InquireBalanceParams = {}): AsyncGenerator<BalancePage> {
    yield* balancePass(this.ctx, this.params(params), params.signal);
  }

  /**
   * 선물옵션 총자산현황 (`CTRP6550R`): the account's deposits, margin, P&L and orderable figures in
   * one object, decoded exactly. Real only: on paper it throws {@link KisNotSupportedError}
   * before sending anything.
   *
   * @example
   * ```ts
   * const d = await client.domesticFutureOption.inquireDeposit();
   * console.log(d.ord_psbl_tota.toString(), d.nxdy_dnca.toString());
   * ```
   */
  inquireDeposit(
    params: { account?: string; signal?: AbortSignal } = {},
  ): Promise<DomesticDeposit> {
    const query = splitAccount(params.account ?? this.defaultAccount());
    return inquireOutput(this.ctx, domesticInquireDeposit, query, 'output', params.signal);
  }

  private async collect(p: InquireBalanceParams): Promise<BalanceResult> {
    const params = this.params(p);
    for (let restarts = 0; ; restarts++) {
      const positions: DomesticBalancePosition[] = [];
      let summary: DomesticBalanceSummary | undefined;
      let pages = 0;
      try {
        const pager = new BalancePager(this.ctx, params, p.signal);
        for (let page = await pager.next(); page !== undefined; page = await pager.next()) {
          positions.push(...page.positions);
          summary = page.summary;
          pages++;
          p.onPage?.(page);
        }
      } catch (e) {
        if (e instanceof KisDataChangedError && restarts < DomesticFutureOption.MAX_RESTARTS) {
          this.ctx.transport.options.logger?.warn?.('inquire-balance: data changed, restarting', {
            restarts: restarts + 1,
          });
          continue;
        }
        throw e;
      }
      // balancePass yields at least one page or throws, so the summary is set.
      return { positions, summary: summary!, pages, restarts };
    }
  }
}
