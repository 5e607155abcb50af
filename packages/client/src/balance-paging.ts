import { domesticInquireBalance, hasNextPage, rawOf, TR_CONT_NEXT } from '@kisfo/protocol';
import { KisDataChangedError, KisPagingError } from './errors.js';
import { decodeInquiry, type InquiryContext, type RawInquiry, sendInquiry } from './inquiry.js';
import type { DomesticBalancePosition, DomesticBalanceSummary } from './types.js';

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

/** Bounds a server that never says "last page". 1,000 pages are 20,000 positions. */
const MAX_PAGES = 1000;

function pagingError(message: string, page: { status: number }): KisPagingError {
  return new KisPagingError(message, { status: page.status, bodyText: '' });
}

/** A page kept for the repeated-page check; its text is built only when it has to be compared. */
interface SeenPage {
  rows: DomesticBalancePosition[];
  text: string | undefined;
}

/** What makes two pages the same: code, quantity and amounts of every row, in order. */
function pageText(page: SeenPage): string {
  page.text ??= page.rows
    .map(
      (row) => `${row.pdno}|${row.cblc_qty}|${row.pchs_amt}|${row.evlu_amt}|${row.trad_pfls_amt}`,
    )
    .join(';');
  return page.text;
}

/** The same raw summary (field by field, wire strings as received)? */
function sameRaw(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in a) {
    if (!Object.hasOwn(a, k)) continue;
    n++;
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    // Wire values are strings; anything else is compared by its JSON text, as a whole.
    if (typeof x !== 'object' || x === null || typeof y !== 'object' || y === null) return false;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  for (const k in b) if (Object.hasOwn(b, k)) n--;
  return n === 0;
}

/**
 * One pass over the balance, a page per {@link next} call, with every paging check. `balancePass`
 * streams it; `inquireBalance` drives it directly (no async-generator hop per page).
 */
export class BalancePager {
  #fk = '';
  #nk = '';
  #trCont = '';
  #index = 0;
  #done = false;
  /** The previous page, whose continuation is checked when the next one is asked for. */
  #last: { trCont: string; status: number; fk: string; nk: string } | undefined;
  readonly #sentKeys = new Set<string>();
  /**
   * Pages seen, bucketed by their product codes (cheap strings): only pages with the same codes
   * in the same order can be identical, and only those are compared in full.
   */
  readonly #seenPages = new Map<string, SeenPage[]>();
  #firstSummary: Record<string, unknown> | undefined;
  readonly #params: Record<string, string>;
  readonly #prefetch: boolean;
  /** The next page's request, sent while this page is decoded and checked. */
  #ahead:
    | { fk: string; nk: string; pending: Promise<RawInquiry>; abort: AbortController }
    | undefined;

  /**
   * With `prefetch`, the request for the next page goes out as soon as this page's keys are read,
   * so decoding and checking a page overlaps the next one's round trip. It is sent only when
   * `next()` would send exactly it (every key check passes), and aborted when the pass ends
   * early; use it only where the caller reads every page (`inquireBalance`).
   */
  constructor(
    private readonly ctx: InquiryContext,
    params: Record<string, string>,
    private readonly signal: AbortSignal | undefined,
    options: { prefetch?: boolean } = {},
  ) {
    this.#params = params;
    this.#prefetch = options.prefetch === true;
  }

  #send(fk: string, nk: string, trCont: string, signal: AbortSignal | undefined) {
    return sendInquiry(
      this.ctx,
      domesticInquireBalance,
      { ...this.#params, CTX_AREA_FK200: fk, CTX_AREA_NK200: nk },
      { trCont, signal },
    );
  }

  /** Send the next page's request now if `next()` would send exactly it. */
  #sendAhead(raw: RawInquiry): void {
    const json = raw.json as Record<string, unknown>;
    const fk = json.ctx_area_fk200;
    const nk = json.ctx_area_nk200;
    if (typeof fk !== 'string' || typeof nk !== 'string') return;
    if (!hasNextPage(raw.res.headers.tr_cont ?? '') || this.#index + 1 >= MAX_PAGES) return;
    if ((fk.trim() === '' && nk.trim() === '') || this.#sentKeys.has(`${fk}\u0000${nk}`)) return;
    const abort = new AbortController();
    const signal =
      this.signal === undefined ? abort.signal : AbortSignal.any([this.signal, abort.signal]);
    const pending = this.#send(fk, nk, TR_CONT_NEXT, signal);
    pending.catch(() => {}); // an abandoned request must not surface as an unhandled rejection
    this.#ahead = { fk, nk, pending, abort };
  }

  /** Abort a request sent ahead that will not be read (the pass ended early). */
  close(): void {
    this.#ahead?.abort.abort();
    this.#ahead = undefined;
  }

  /** Whether this page is identical to an earlier one of the pass (and remember it if not). */
  #repeats(rows: DomesticBalancePosition[]): boolean {
    let codes = rows[0]!.pdno;
    for (let i = 1; i < rows.length; i++) codes += `;${rows[i]!.pdno}`;
    const page: SeenPage = { rows, text: undefined };
    const bucket = this.#seenPages.get(codes);
    if (bucket === undefined) {
      this.#seenPages.set(codes, [page]);
      return false;
    }
    const text = pageText(page);
    for (const earlier of bucket) if (pageText(earlier) === text) return true;
    bucket.push(page);
    return false;
  }

  /** The next page, or `undefined` after the last one. Throws as `balancePass` documents. */
  async next(): Promise<BalancePage | undefined> {
    if (this.#done) return undefined;
    const last = this.#last;
    if (last !== undefined) {
      if (!hasNextPage(last.trCont)) {
        this.#done = true;
        this.close();
        return undefined;
      }
      if (this.#index >= MAX_PAGES) throw pagingError(`more than ${MAX_PAGES} pages`, last);
      // Sent back exactly as received, padding included: KIS compares them as they are.
      const { fk, nk } = last;
      if (fk.trim() === '' && nk.trim() === '') {
        throw pagingError(`tr_cont ${last.trCont} (more pages) without continuation keys`, last);
      }
      const sent = `${fk}\u0000${nk}`;
      if (this.#sentKeys.has(sent))
        throw pagingError('the server repeated a continuation key', last);
      this.#sentKeys.add(sent);
      this.#fk = fk;
      this.#nk = nk;
      this.#trCont = TR_CONT_NEXT;
    }
    const index = this.#index;
    const ahead = this.#ahead;
    this.#ahead = undefined;
    let pending: Promise<RawInquiry>;
    if (ahead !== undefined && ahead.fk === this.#fk && ahead.nk === this.#nk) {
      pending = ahead.pending;
    } else {
      ahead?.abort.abort();
      pending = this.#send(this.#fk, this.#nk, this.#trCont, this.signal);
    }
    const raw = await pending;
    if (this.#prefetch) this.#sendAhead(raw);
    try {
      return this.#accept(index, raw);
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** Decode and check one page, then remember its keys for the next call. */
  #accept(index: number, raw: RawInquiry): BalancePage {
    const res = decodeInquiry(domesticInquireBalance, raw);
    const { body } = res;
    // output2 is the same on every page of one inquiry; a different one means the account moved
    // under us, and mixing pages from two states would be silently wrong. Compared as the raw
    // wire strings, exactly as they arrived.
    const summary = rawOf<Record<string, unknown>>(body.output2) ?? {};
    if (this.#firstSummary === undefined) this.#firstSummary = summary;
    else if (!sameRaw(this.#firstSummary, summary)) {
      throw new KisDataChangedError(
        {
          status: res.status,
          msgCd: '',
          msg1: '',
          rtCd: body.rt_cd,
          headers: res.headers,
          body: undefined,
        },
        `the account summary changed between page 1 and page ${index + 1}`,
      );
    }
    // A page identical to an earlier one means the server went round in circles. (Rows are not
    // compared one by one: a contract closed out both ways today legitimately shows twice.)
    const rows = body.output1;
    if (rows.length > 0 && this.#repeats(rows)) {
      throw pagingError(`page ${index + 1} repeats an earlier page`, res);
    }
    this.#index = index + 1;
    this.#last = {
      trCont: res.trCont,
      status: res.status,
      fk: body.ctx_area_fk200,
      nk: body.ctx_area_nk200,
    };
    return {
      index,
      positions: rows,
      summary: body.output2,
      trCont: res.trCont,
      msgCd: body.msg_cd,
      msg1: body.msg1.trim(),
      headers: res.headers,
    };
  }
}

/**
 * Every page of one pass over the balance, first to last. Throws — never yields something that
 * would make the merged result wrong — on a continuation key sent twice, a page seen twice,
 * "more" without keys, a summary that changes between pages (as {@link KisDataChangedError}, like
 * `SYDB0050`), or a failure of any page.
 */
export async function* balancePass(
  ctx: InquiryContext,
  params: Record<string, string>,
  signal: AbortSignal | undefined,
): AsyncGenerator<BalancePage> {
  const pager = new BalancePager(ctx, params, signal);
  for (;;) {
    const page = await pager.next();
    if (page === undefined) return;
    yield page;
  }
}
