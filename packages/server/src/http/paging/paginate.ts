import { type InquirySpec, type KnownMsgCd, MESSAGES, type PagingSpec } from '@kisfo/protocol';
import type { InquiryAnswer } from '../routes/inquiry-bindings.js';
import type { AnswerCache } from './answer-cache.js';
import {
  openNextKey,
  type PageScope,
  sealNextKey,
  searchConditionKey,
  versionDigest,
} from './continuation-keys.js';

type CtxPaging = Extract<PagingSpec, { mode: 'ctx-keys' }>;

/** One page request of an inquiry paged with continuation keys. */
export interface PageRequest {
  spec: InquirySpec & { paging: CtxPaging };
  scope: PageScope;
  /** The continuation parameters as sent (padding included). */
  params: Readonly<Record<string, string | undefined>>;
  secret: Buffer;
  cache: AnswerCache;
  /** The account's version now. */
  currentVersion(): string;
  compute(): InquiryAnswer;
}

/** A page ready to encode, or the code refusing it. */
export type PageResult =
  | {
      ok: true;
      /** Builds the page body (deferred: a cached encoding may make it unnecessary). */
      body: () => Record<string, unknown>;
      trCont: 'M' | 'D';
      answer: InquiryAnswer;
      /** First row of the page. */
      offset: number;
    }
  | { ok: false; msgCd: Extract<KnownMsgCd, 'OPSQ2001' | 'SYDB0050'>; detail?: string };

function invalidKey(spec: PageRequest['spec'], param: string): PageResult {
  const label = spec.params.find((p) => p.name === param)?.ko ?? '';
  return {
    ok: false,
    msgCd: 'OPSQ2001',
    detail: `ERROR INVALID INPUT: ${param}(${label}) not a key of this inquiry`,
  };
}

/**
 * Serve one page as KIS does: `pageSize` rows of the paged output, the other outputs whole (the
 * same on every page), `ctx_area_fk200` the search condition, `ctx_area_nk200` a sealed key while
 * more follows (blank on the last page), `tr_cont` `M` while more follows and `D` on the last.
 * A key sealed for another app, account or query is `OPSQ2001`; a key from before the account
 * changed is `SYDB0050`.
 *
 * @example
 * ```ts
 * const page = paginate({ spec, scope, params: query, secret, cache, currentVersion, compute });
 * if (page.ok) encodeBody(spec, page.body);
 * ```
 */
export function paginate(req: PageRequest): PageResult {
  const { spec, scope } = req;
  const [search, next] = spec.paging.keys;
  if (search === undefined || next === undefined)
    throw new Error(`${spec.id}: two ctx keys expected`);
  const sentNext = (req.params[next.param] ?? '').trim();
  const cacheKey = [spec.path, scope.appKey, scope.cano, scope.acntPrdtCd, ...scope.query].join(
    '\0',
  );
  const fk = searchConditionKey(scope);

  let offset = 0;
  let answer: InquiryAnswer;
  if (sentNext === '') {
    answer = req.compute();
    // The version sealed in the keys must be the one the rows were computed at.
    answer.version ??= req.currentVersion();
  } else {
    const opened = openNextKey(req.secret, scope, sentNext);
    if (opened === undefined) return invalidKey(spec, next.param);
    if ((req.params[search.param] ?? '').trim() !== fk) return invalidKey(spec, search.param);
    const version = req.currentVersion();
    if (versionDigest(version) !== opened.versionDigest) return { ok: false, msgCd: 'SYDB0050' };
    answer = req.cache.get(cacheKey, version) ?? req.compute();
    if (versionDigest(answer.version ?? '') !== opened.versionDigest) {
      return { ok: false, msgCd: 'SYDB0050' };
    }
    offset = opened.offset;
  }

  const rows = (answer.outputs[spec.paging.pagedOutput] ?? []) as unknown[];
  if (offset > rows.length) return invalidKey(spec, next.param);
  const end = offset + spec.paging.pageSize;
  const more = end < rows.length;
  if (more) req.cache.set(cacheKey, answer);
  const msgCd: KnownMsgCd = rows.length === 0 ? 'KIOK0560' : 'KIOK0510';
  const body = (): Record<string, unknown> => ({
    ...answer.outputs,
    [spec.paging.pagedOutput]: rows.slice(offset, end),
    rt_cd: '0',
    msg_cd: msgCd,
    msg1: MESSAGES[msgCd].text,
    [search.field]: fk,
    [next.field]: more ? sealNextKey(req.secret, scope, end, answer.version ?? '') : '',
  });
  return { ok: true, body, trCont: more ? 'M' : 'D', answer, offset };
}
