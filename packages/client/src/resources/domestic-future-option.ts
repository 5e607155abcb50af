import { domesticInquireBalance, domesticInquireDeposit } from '@kisfo/protocol';
import { splitAccount } from '../account.js';
import type { KisDataChangedError, KisNotSupportedError } from '../errors.js';
import type { InquiryContext } from '../inquiry.js';
import { inquireOutput } from '../inquiry.js';
import { LazyPromise } from '../lazy-promise.js';
import { optionParams } from '../option-params.js';
import { collectPages, type InquiryPage, pages } from '../pager.js';
import { INSPECT } from '../redact.js';
import type { DomesticBalancePosition, DomesticBalanceSummary, DomesticDeposit } from '../types.js';

/** One page of the domestic balance as it arrived. */
export interface BalancePage {
  /** 0 for the first page. */
  index: number;
  /** This page's positions (at most 20). */
  positions: DomesticBalancePosition[];
  /** The account summary (the same on every page of one inquiry). */
  summary: DomesticBalanceSummary;
  /** Response header `tr_cont`: `F`/`M` more follows, `D`/`E` last. */
  trCont: string;
  msgCd: string;
  /** `msg1`, padding trimmed. */
  msg1: string;
  headers: Record<string, string>;
}

/** A generic page of the balance spec, under the balance's own names. */
function balancePage(page: InquiryPage<typeof domesticInquireBalance>): BalancePage {
  const { rows, body, ...rest } = page;
  return { ...rest, positions: rows, summary: body.output2 };
}

/** The balance's friendly options and the wire parameters they stand for. */
const BALANCE_OPTIONS = {
  /** Margin basis: 개시 (initial) or 유지 (maintenance). */
  marginBasis: {
    param: 'MGNA_DVSN',
    label: '증거금 구분',
    values: { initial: '01', maintenance: '02' },
    default: 'initial',
  },
  /** Settlement basis: 정산 (previous settlement price) or 본정산 (average purchase price). */
  settlementBasis: {
    param: 'EXCC_STAT_CD',
    label: '정산상태코드',
    values: { settlement: '1', purchase: '2' },
    default: 'settlement',
  },
};

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

/**
 * 국내선물옵션: `client.domesticFutureOption`.
 */
export class DomesticFutureOption {
  /** Restarts from the first page on `SYDB0050` before giving up. */
  static readonly MAX_RESTARTS = 3;
  // Truly private: the context reaches the app secret and the token, and a logger that
  // serialises this object (`console.log`, `JSON.stringify`) must find nothing of them.
  readonly #ctx: InquiryContext;
  readonly #defaultAccount: () => string | undefined;

  /**
   * Made by `KisClient`; use `client.domesticFutureOption` / `client.overseasFutureOption`.
   *
   * @internal
   */
  constructor(ctx: InquiryContext, defaultAccount: () => string | undefined) {
    this.#ctx = ctx;
    this.#defaultAccount = defaultAccount;
  }

  /** What `util.inspect` and `JSON.stringify` show: the account calls default to, nothing secret. */
  toJSON(): Record<string, unknown> {
    return { env: this.#ctx.env, account: this.#defaultAccount() };
  }

  [INSPECT](): string {
    return `DomesticFutureOption ${JSON.stringify(this.toJSON())}`;
  }

  /** Wire parameters of a balance call (options checked here, values by the spec per call). */
  private params(p: InquireBalanceParams): Record<string, string> {
    return {
      ...splitAccount(p.account ?? this.#defaultAccount()),
      ...optionParams(BALANCE_OPTIONS, p),
    };
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
    params ??= {}; // null from JavaScript: the defaults, as for no parameters
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
    params ??= {};
    const spec = domesticInquireBalance;
    for await (const page of pages(this.#ctx, spec, this.params(params), params.signal)) {
      yield balancePage(page);
    }
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
  async inquireDeposit(
    params: { account?: string; signal?: AbortSignal } = {},
  ): Promise<DomesticDeposit> {
    params ??= {};
    const query = splitAccount(params.account ?? this.#defaultAccount());
    return inquireOutput(this.#ctx, domesticInquireDeposit, query, 'output', params.signal);
  }

  private async collect(p: InquireBalanceParams): Promise<BalanceResult> {
    const { onPage } = p;
    const r = await collectPages(this.#ctx, domesticInquireBalance, this.params(p), {
      maxRestarts: DomesticFutureOption.MAX_RESTARTS,
      signal: p.signal,
      onPage: onPage && ((page) => onPage(balancePage(page))),
    });
    return { positions: r.rows, summary: r.body.output2, pages: r.pages, restarts: r.restarts };
  }
}
