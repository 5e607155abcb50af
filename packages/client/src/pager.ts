import {
  type DecodedBody,
  type DecodedOutput,
  hasNextPage,
  type InquirySpec,
  rawOf,
  TR_CONT_NEXT,
} from '@kisfo/protocol';
import { plainStringFields } from './continuation-text.js';
import { KisDataChangedError, KisPagingError } from './errors.js';
import { decodeInquiry, type InquiryContext, type RawInquiry, sendInquiry } from './inquiry.js';
import { redactValue } from './redact.js';
import type { RawResponse } from './transport.js';

/** A spec that pages with continuation keys (`paging.mode: 'ctx-keys'`). */
export type PagedSpec = InquirySpec & {
  readonly paging: {
    readonly mode: 'ctx-keys';
    readonly keys: readonly { readonly param: string; readonly field: string }[];
    readonly pagedOutput: string;
  };
};

/** Name of the array output a paged spec spreads over its pages (`output1`). */
export type PagedOutputName<S extends PagedSpec> = S['paging']['pagedOutput'];

/** One row of a paged spec's paged output, decoded. */
export type PagedRow<S extends PagedSpec> =
  DecodedOutput<S, PagedOutputName<S>> extends readonly (infer R)[] ? R : never;

/** One page of a paged inquiry as it arrived. */
export interface InquiryPage<S extends PagedSpec> {
  /** 0 for the first page. */
  index: number;
  /** This page's rows of the paged output (at most the spec's page size). */
  rows: PagedRow<S>[];
  /** The whole decoded body (the other outputs are the same on every page of one pass). */
  body: DecodedBody<S>;
  /** Response header `tr_cont`: `F`/`M` more follows, `D`/`E` last. */
  trCont: string;
  msgCd: string;
  /** `msg1`, padding trimmed. */
  msg1: string;
  headers: Record<string, string>;
}

/** Bounds a server that never says "last page". 1,000 pages of 20 are 20,000 rows. */
const MAX_PAGES = 1000;

function pagingError(message: string, page: { status: number }): KisPagingError {
  return new KisPagingError(message, { status: page.status, bodyText: '' });
}

/** A page kept for the repeated-page check; its text is built only when it has to be compared. */
interface SeenPage {
  rows: readonly object[];
  text: string | undefined;
}

/**
 * A row by its decoded values, as one comparable string: the same figures padded differently on
 * the wire are the same row.
 */
function rowText(row: object): string {
  let text = '';
  for (const v of Object.values(row)) text += `${String(v)}\u0000`;
  return text;
}

/**
 * The bucket of a page by its first row: the row's values that are not objects (codes, texts,
 * flags), so no Decimal is printed. Equal pages have equal first rows and so share a bucket;
 * within one, pages are compared in full by {@link pageText}.
 */
function rowBucket(row: object): string {
  let text = '';
  for (const v of Object.values(row)) if (typeof v !== 'object') text += `${String(v)}\u0000`;
  return text;
}

/** What makes two pages the same: every row's decoded values, in order. */
function pageText(page: SeenPage): string {
  page.text ??= page.rows.map(rowText).join('\n');
  return page.text;
}

/** The same raw record (field by field, wire strings as received)? */
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

/** The wire form of an unpaged output, for comparing it across pages. */
function rawOutput(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) {
    return { rows: JSON.stringify(value.map((row: object) => rawOf(row) ?? row)) };
  }
  return rawOf<Record<string, unknown>>(value as object) ?? {};
}

/**
 * One pass over a paged inquiry, a page per {@link next} call, every paging check driven by the
 * spec's `paging` (its continuation key pairs and its paged output). Throws — never returns
 * something that would make a merged result wrong — on a continuation key sent twice, a page seen
 * twice, "more" without keys, more than 1,000 pages, an unpaged output that changes between pages
 * (as {@link KisDataChangedError}, like `SYDB0050`), or a failure of any page.
 *
 * @example
 * ```ts
 * const pager = new InquiryPager(ctx, domesticInquireBalance, params, signal);
 * for (let page = await pager.next(); page; page = await pager.next()) rows.push(...page.rows);
 * ```
 */
export class InquiryPager<S extends PagedSpec> {
  readonly #ctx: InquiryContext;
  readonly #spec: S;
  readonly #signal: AbortSignal | undefined;
  /** The next request's parameters (continuation keys filled in after the first page). */
  readonly #params: Record<string, string>;
  #trCont = '';
  #index = 0;
  #done = false;
  /** Closed: nothing more is sent ahead (an answer already read must not start another). */
  #closed = false;
  /** The previous page, whose continuation is checked when the next one is asked for. */
  #last: { trCont: string; status: number; keys: string[] } | undefined;
  readonly #sentKeys = new Set<string>();
  /**
   * Pages seen, bucketed by their first row (one cheap string): only pages that start alike can
   * be identical, and only those are compared in full.
   */
  readonly #seenPages = new Map<string, SeenPage[]>();
  #firstOutputs: Record<string, unknown>[] | undefined;
  readonly #prefetch: boolean;
  /** Requests sent ahead, by the continuation keys they send: used only if `next()` sends those. */
  readonly #ahead = new Map<string, Promise<RawInquiry>>();
  /**
   * One controller for every request sent ahead in this pass (made with the first): aborted when
   * the pass ends, when the only ones still in flight are those `next()` did not use.
   */
  #aheadAbort: AbortController | undefined;
  /** Their signal: the controller's, joined with the caller's when there is one. */
  #aheadSignal: AbortSignal | undefined;
  /** The last page whose next request went out ahead (the parsed page need not look again). */
  #aheadFrom = -1;
  /** The outputs compared across pages: every one but the paged output. */
  readonly #sameOutputs: InquirySpec['outputs'];

  /**
   * With `prefetch`, the request for the next page goes out as soon as this page's body is read:
   * its keys are cut out of the text (only when they appear once, unescaped) before the page is
   * parsed, else taken from the parsed page. Parsing, decoding and checking a page so overlap the
   * next one's round trip. A request sent ahead is used only when `next()` would send exactly
   * it (every key check passes), and every unused one is aborted when the pass ends
   * ({@link close}); use it only where the caller reads every page (`collectPages`).
   */
  constructor(
    ctx: InquiryContext,
    spec: S,
    params: Record<string, string>,
    signal: AbortSignal | undefined,
    options: { prefetch?: boolean } = {},
  ) {
    this.#ctx = ctx;
    this.#spec = spec;
    this.#signal = signal;
    this.#params = { ...params };
    for (const k of spec.paging.keys) this.#params[k.param] = '';
    this.#prefetch = options.prefetch === true;
    this.#sameOutputs = spec.outputs.filter((o) => o.name !== spec.paging.pagedOutput);
  }

  /** Send the request for page `index`; with prefetch, its answer may send the next one. */
  #send(
    params: Record<string, string>,
    trCont: string,
    signal: AbortSignal | undefined,
    index: number,
  ) {
    const onAnswer = this.#prefetch
      ? (res: RawResponse) => this.#sendAheadFromText(res, index)
      : undefined;
    return sendInquiry(this.#ctx, this.#spec, params, { trCont, signal, onAnswer });
  }

  /** Page `index` arrived, not parsed yet: send the next page's request if its keys are plain. */
  #sendAheadFromText(res: RawResponse, index: number): void {
    if (this.#done || res.status >= 400 || !hasNextPage(res.headers.tr_cont ?? '')) return;
    const keys = plainStringFields(res.text, this.#keyFields);
    if (keys !== undefined) this.#sendAhead(keys, res.headers.tr_cont ?? '', index + 1);
  }

  /** The continuation keys' field names, in the spec's order. */
  get #keyFields(): readonly string[] {
    this.#keyFieldNames ??= this.#spec.paging.keys.map((k) => k.field);
    return this.#keyFieldNames;
  }
  #keyFieldNames: readonly string[] | undefined;

  /** Page `index` parsed: send the next page's request unless it went out already. */
  #sendAheadFromJson(raw: RawInquiry, index: number): void {
    if (this.#aheadFrom === index) return;
    // `null` is JSON too (and no page): decoding it says so; only property reads would throw.
    const json = raw.json as Record<string, unknown> | null;
    if (json === null) return;
    const keys: string[] = [];
    for (const k of this.#spec.paging.keys) {
      const v = json[k.field];
      if (typeof v !== 'string') return;
      keys.push(v);
    }
    this.#sendAhead(keys, raw.res.headers.tr_cont ?? '', index + 1);
  }

  /** Send page `index`'s request with these keys now, if `next()` may send exactly it. */
  #sendAhead(keys: string[], trCont: string, index: number): void {
    if (this.#closed || !hasNextPage(trCont) || index >= MAX_PAGES) return;
    const sent = keys.join('\u0000');
    if (keys.every((k) => k.trim() === '') || this.#sentKeys.has(sent) || this.#ahead.has(sent)) {
      return;
    }
    const params = { ...this.#params };
    this.#spec.paging.keys.forEach((k, i) => {
      params[k.param] = keys[i]!;
    });
    if (this.#aheadAbort === undefined) {
      this.#aheadAbort = new AbortController();
      this.#aheadSignal =
        this.#signal === undefined
          ? this.#aheadAbort.signal
          : AbortSignal.any([this.#signal, this.#aheadAbort.signal]);
    }
    this.#aheadFrom = index - 1;
    const pending = this.#send(params, TR_CONT_NEXT, this.#aheadSignal, index);
    pending.catch(() => {}); // an abandoned request must not surface as an unhandled rejection
    this.#ahead.set(sent, pending);
  }

  /**
   * Abort every request sent ahead that was not read (the pass ended, early or not). Those that
   * were read are complete by then: `next()` awaited them before anything could end the pass.
   */
  close(): void {
    this.#closed = true;
    if (this.#ahead.size > 0) this.#aheadAbort?.abort();
    this.#ahead.clear();
  }

  /** Whether this page is identical to an earlier one of the pass (and remember it if not). */
  #repeats(rows: readonly object[]): boolean {
    const first = rowBucket(rows[0]!);
    const page: SeenPage = { rows, text: undefined };
    const bucket = this.#seenPages.get(first);
    if (bucket === undefined) {
      this.#seenPages.set(first, [page]);
      return false;
    }
    const text = pageText(page);
    for (const earlier of bucket) if (pageText(earlier) === text) return true;
    bucket.push(page);
    return false;
  }

  /** Continue from the previous page, or `false` after the last one. */
  #advance(): boolean {
    const last = this.#last;
    if (last === undefined) return true;
    if (!hasNextPage(last.trCont)) return false;
    if (this.#index >= MAX_PAGES) throw pagingError(`more than ${MAX_PAGES} pages`, last);
    if (last.keys.every((k) => k.trim() === '')) {
      throw pagingError(`tr_cont ${last.trCont} (more pages) without continuation keys`, last);
    }
    const sent = last.keys.join('\u0000');
    if (this.#sentKeys.has(sent)) throw pagingError('the server repeated a continuation key', last);
    this.#sentKeys.add(sent);
    // Sent back exactly as received, padding included: KIS compares them as they are.
    this.#spec.paging.keys.forEach((k, i) => {
      this.#params[k.param] = last.keys[i]!;
    });
    this.#trCont = TR_CONT_NEXT;
    return true;
  }

  /** The unpaged outputs must be the same on every page of one pass. */
  #checkSameOutputs(
    body: Record<string, unknown>,
    res: { status: number; headers: Record<string, string> },
    index: number,
  ): void {
    const outputs = this.#sameOutputs;
    const now = outputs.map((o) => rawOutput(body[o.name]));
    if (this.#firstOutputs === undefined) {
      this.#firstOutputs = now;
      return;
    }
    const changed = outputs.findIndex((_o, i) => !sameRaw(this.#firstOutputs![i]!, now[i]!));
    if (changed < 0) return;
    // A different one means the account moved under us, and mixing pages from two states
    // would be silently wrong. Compared as the raw wire strings, exactly as they arrived.
    throw new KisDataChangedError(
      {
        status: res.status,
        msgCd: '',
        msg1: '',
        rtCd: String(body.rt_cd),
        headers: res.headers,
        // The page as it arrived (the decoded body remembers its wire object), redacted as
        // every KisApiError's body is; built only here, on the way out.
        body: redactValue(rawOf(body)),
      },
      `${outputs[changed]!.name} (${outputs[changed]!.ko}) changed between page 1 and page ${index + 1}`,
    );
  }

  /** The next page, or `undefined` after the last one. */
  async next(): Promise<InquiryPage<S> | undefined> {
    if (this.#done) return undefined;
    let more: boolean;
    try {
      more = this.#advance();
    } catch (e) {
      this.close();
      throw e;
    }
    if (!more) {
      this.#done = true;
      this.close();
      return undefined;
    }
    const index = this.#index;
    const keys = this.#spec.paging.keys.map((k) => this.#params[k.param] ?? '').join('\u0000');
    const ahead = index > 0 ? this.#ahead.get(keys) : undefined;
    let pending: Promise<RawInquiry>;
    if (ahead !== undefined) {
      this.#ahead.delete(keys);
      pending = ahead;
    } else pending = this.#send({ ...this.#params }, this.#trCont, this.#signal, index);
    let raw: RawInquiry;
    try {
      raw = await pending;
    } catch (e) {
      this.close();
      throw e;
    }
    if (this.#prefetch) this.#sendAheadFromJson(raw, index);
    try {
      return this.#accept(index, raw);
    } catch (e) {
      this.close();
      throw e;
    }
  }

  /** Decode and check one page, then remember its keys for the next call. */
  #accept(index: number, raw: RawInquiry): InquiryPage<S> {
    const res = decodeInquiry(this.#spec, raw);
    const body = res.body as unknown as Record<string, unknown>;
    this.#checkSameOutputs(body, res, index);
    // A page identical to an earlier one means the server went round in circles. (Rows are not
    // compared one by one: a contract closed out both ways today legitimately shows twice.)
    const rows = body[this.#spec.paging.pagedOutput] as PagedRow<S>[];
    if (rows.length > 0 && this.#repeats(rows as object[])) {
      throw pagingError(`page ${index + 1} repeats an earlier page`, res);
    }
    this.#index = index + 1;
    this.#last = {
      trCont: res.trCont,
      status: res.status,
      keys: this.#spec.paging.keys.map((k) => String(body[k.field] ?? '')),
    };
    return {
      index,
      rows,
      body: res.body,
      trCont: res.trCont,
      msgCd: String(body.msg_cd),
      msg1: String(body.msg1).trim(),
      headers: res.headers,
    };
  }
}

/**
 * Every page of one pass, first to last, as an async generator over {@link InquiryPager}.
 *
 * @example
 * ```ts
 * for await (const page of pages(ctx, domesticInquireBalance, params)) console.log(page.rows.length);
 * ```
 */
export async function* pages<S extends PagedSpec>(
  ctx: InquiryContext,
  spec: S,
  params: Record<string, string>,
  signal?: AbortSignal,
): AsyncGenerator<InquiryPage<S>> {
  const pager = new InquiryPager(ctx, spec, params, signal);
  for (let page = await pager.next(); page !== undefined; page = await pager.next()) yield page;
}

/** Every row and the last page's body of one consistent pass (see {@link collectPages}). */
export interface CollectedPages<S extends PagedSpec> {
  rows: PagedRow<S>[];
  /** The last page's body: its unpaged outputs are those of every page of the pass. */
  body: DecodedBody<S>;
  /** Pages fetched in the pass returned. */
  pages: number;
  /** Passes restarted because the data changed (`SYDB0050`). */
  restarts: number;
}

/**
 * Every page of a paged inquiry, merged. On {@link KisDataChangedError} (`SYDB0050`, or an unpaged
 * output that changed mid-pass) the pass restarts from the first page, up to `maxRestarts`
 * times; any other failure on any page throws — a partial list is never returned as complete.
 *
 * @example
 * ```ts
 * const { rows, body } = await collectPages(ctx, domesticInquireBalance, params, { maxRestarts: 3 });
 * ```
 */
export async function collectPages<S extends PagedSpec>(
  ctx: InquiryContext,
  spec: S,
  params: Record<string, string>,
  options: {
    maxRestarts: number;
    signal?: AbortSignal | undefined;
    onPage?: ((page: InquiryPage<S>) => void) | undefined;
  },
): Promise<CollectedPages<S>> {
  for (let restarts = 0; ; restarts++) {
    const rows: PagedRow<S>[] = [];
    let body: DecodedBody<S> | undefined;
    let count = 0;
    // Every page is read, so the next page's request may go out while this one is decoded.
    const pager = new InquiryPager(ctx, spec, params, options.signal, { prefetch: true });
    try {
      for (let page = await pager.next(); page !== undefined; page = await pager.next()) {
        for (const row of page.rows) rows.push(row);
        body = page.body;
        count++;
        options.onPage?.(page);
      }
    } catch (e) {
      pager.close();
      if (e instanceof KisDataChangedError && restarts < options.maxRestarts) {
        ctx.transport.options.logger?.warn?.(`${spec.id}: data changed, restarting`, {
          restarts: restarts + 1,
        });
        continue;
      }
      throw e;
    }
    // A pass yields at least one page or throws, so the body is set.
    return { rows, body: body!, pages: count, restarts };
  }
}
