import { domesticInquireBalance, hasNextPage, rawOf, TR_CONT_NEXT } from '@kisfo/protocol';
import { KisDataChangedError, KisPagingError } from './errors.js';
import { callInquiry, type InquiryContext } from './inquiry.js';
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
  let fk = '';
  let nk = '';
  let trCont = '';
  const sentKeys = new Set<string>();
  const seenPages = new Set<string>();
  let firstSummary: string | undefined;
  for (let index = 0; ; index++) {
    const res = await callInquiry(
      ctx,
      domesticInquireBalance,
      { ...params, CTX_AREA_FK200: fk, CTX_AREA_NK200: nk },
      { trCont, signal },
    );
    const { body } = res;
    // output2 is the same on every page of one inquiry; a different one means the account moved
    // under us, and mixing pages from two states would be silently wrong.
    const summaryText = JSON.stringify(rawOf(body.output2));
    if (firstSummary === undefined) firstSummary = summaryText;
    else if (summaryText !== firstSummary) {
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
    if (body.output1.length > 0) {
      const pageText = body.output1
        .map(
          (row) =>
            `${row.pdno}|${row.cblc_qty}|${row.pchs_amt}|${row.evlu_amt}|${row.trad_pfls_amt}`,
        )
        .join(';');
      if (seenPages.has(pageText))
        throw pagingError(`page ${index + 1} repeats an earlier page`, res);
      seenPages.add(pageText);
    }
    yield {
      index,
      positions: body.output1,
      summary: body.output2,
      trCont: res.trCont,
      msgCd: body.msg_cd,
      msg1: body.msg1.trim(),
      headers: res.headers,
    };
    if (!hasNextPage(res.trCont)) return;
    if (index + 1 >= MAX_PAGES) throw pagingError(`more than ${MAX_PAGES} pages`, res);
    // Sent back exactly as received, padding included: KIS compares them as they are.
    fk = body.ctx_area_fk200;
    nk = body.ctx_area_nk200;
    if (fk.trim() === '' && nk.trim() === '') {
      throw pagingError(`tr_cont ${res.trCont} (more pages) without continuation keys`, res);
    }
    const sent = `${fk}\u0000${nk}`;
    if (sentKeys.has(sent)) throw pagingError('the server repeated a continuation key', res);
    sentKeys.add(sent);
    trCont = TR_CONT_NEXT;
  }
}
