import {
  encodeBody,
  envelopeFor,
  type InquirySpec,
  MESSAGES,
  type PagingSpec,
  padContinuationKey,
  paramIssues,
  SpecError,
} from '@kisfo/protocol';
import type { Context, Hono } from 'hono';
import { type AccountRef, BackOfficeError } from '../../contracts.js';
import type { KisHonoEnv } from '../context.js';
import type { AuthorizationMemo } from '../gateway/authorization-memo.js';
import { admit, authorizeMemoized, type GatewayDeps } from '../gateway/gateway.js';
import type { AnswerCache } from '../paging/answer-cache.js';
import { paginate } from '../paging/paginate.js';
import { JSON_CONTENT_TYPE, jsonResponse, kisError, kisInputError } from '../respond.js';
import { echoRequestIds } from './echo-headers.js';
import type { EncodedCache, EncodedPage, ServedPages } from './encoded-cache.js';
import type { InquiryAnswer, InquiryBinding } from './inquiry-bindings.js';

/** What an inquiry route needs beyond the gateway. */
export interface InquiryRouteDeps extends GatewayDeps {
  pagingSecret: Buffer;
  cache: AnswerCache;
  encoded: EncodedCache;
  /** Optional (additive): page bytes and authorizations kept while the ledger revision holds. */
  served?: ServedPages;
  authorizations?: AuthorizationMemo;
}

/** The query string of a request URL, `?` excluded. */
function searchOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}

/** Answer with encoded bytes; headers built per response (the adapter adds Content-Length). */
function bytesResponse(page: EncodedPage, echo: Record<string, string>): Response {
  return new Response(page.bytes, {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...echo, tr_cont: page.trCont },
  });
}

type CtxPaged = InquirySpec & { paging: Extract<PagingSpec, { mode: 'ctx-keys' }> };

function isCtxPaged(spec: InquirySpec): spec is CtxPaged {
  return spec.paging.mode === 'ctx-keys';
}

/** An empty value of each output, for `KIOK0560` thrown by a back office. */
function emptyOutputs(spec: InquirySpec): Record<string, unknown> {
  return Object.fromEntries(spec.outputs.map((o) => [o.name, o.shape === 'array' ? [] : {}]));
}

function handle(c: Context<KisHonoEnv>, binding: InquiryBinding, deps: InquiryRouteDeps): Response {
  const { spec } = binding;
  // One revision read per request: every cache below is valid only at this ledger revision.
  const revision = deps.served === undefined ? undefined : deps.backOffice.revision?.();
  const auth = authorizeMemoized(c, spec, deps, deps.authorizations, revision);
  if (auth instanceof Response) return echoRequestIds(c, auth);
  const echo: Record<string, string> = { tr_id: auth.trId };
  if (auth.headers.gt_uid) echo.gt_uid = auth.headers.gt_uid;

  // The same request at the same revision gets the same bytes: checked query, same account.
  const servedKey =
    revision === undefined ? '' : `${spec.path}\0${auth.app.appKey}\0${searchOf(c.req.url)}`;
  const served = revision === undefined ? undefined : deps.served?.get(servedKey, revision);
  if (served !== undefined) {
    c.get('log').account = `${served.account.cano}-${served.account.acntPrdtCd}`;
    const refused = admit(c, auth.app, served.account, deps);
    if (refused !== undefined) return echoRequestIds(c, refused);
    c.get('log').msgCd = served.msgCd;
    return bytesResponse(served, echo);
  }

  const params = c.req.query();
  const issues = paramIssues(spec.params, params);
  if (issues.length > 0) return kisInputError(c, new SpecError(issues), echo);
  const account: AccountRef = { cano: params.CANO!, acntPrdtCd: params.ACNT_PRDT_CD! };
  c.get('log').account = `${account.cano}-${account.acntPrdtCd}`;
  const denied = admit(c, auth.app, account, deps);
  if (denied !== undefined) return echoRequestIds(c, denied);

  const compute = (): InquiryAnswer => binding.answer(deps.backOffice, account, params);
  try {
    let page: {
      body: () => Record<string, unknown>;
      trCont: string;
      answer: InquiryAnswer;
      offset: number;
    };
    if (isCtxPaged(spec)) {
      const paged = paginate({
        spec,
        scope: {
          appKey: auth.app.appKey,
          cano: account.cano,
          acntPrdtCd: account.acntPrdtCd,
          query: spec.params
            .filter((p) => p.name !== 'CANO' && p.name !== 'ACNT_PRDT_CD')
            .filter((p) => !spec.paging.keys.some((k) => k.param === p.name))
            .map((p) => params[p.name] ?? ''),
        },
        params,
        secret: deps.pagingSecret,
        cache: deps.cache,
        currentVersion: () => deps.backOffice.accountVersion(account),
        compute,
      });
      if (!paged.ok) return kisError(c, paged.msgCd, paged.detail, echo);
      page = paged;
    } else {
      const answer = compute();
      const body = () => ({
        ...answer.outputs,
        rt_cd: '0',
        msg_cd: 'KIOK0510',
        msg1: MESSAGES.KIOK0510.text,
      });
      page = { body, trCont: 'D', answer, offset: 0 };
    }
    // The same result object from the back office encodes to the same bytes for the same page.
    const key = `${auth.app.appKey}\0${page.offset}`;
    let encoded = deps.encoded.get(page.answer.source, key);
    if (encoded === undefined) {
      const body = page.body();
      const json = JSON.stringify(encodeBody(spec, body, page.answer.encode));
      encoded = {
        bytes: Buffer.from(json, 'utf8'),
        trCont: page.trCont,
        msgCd: String(body.msg_cd),
      };
      deps.encoded.set(page.answer.source, key, encoded);
    }
    if (revision !== undefined) deps.served?.set(servedKey, revision, { ...encoded, account });
    c.get('log').msgCd = encoded.msgCd;
    return bytesResponse(encoded, echo);
  } catch (e) {
    if (!(e instanceof BackOfficeError)) throw e;
    if (e.msgCd === 'KIOK0560') {
      c.get('log').msgCd = e.msgCd;
      // KIS's order: continuation keys (paged inquiries), outputs, envelope.
      const body: Record<string, unknown> = {};
      if (isCtxPaged(spec))
        for (const k of spec.paging.keys) body[k.field] = padContinuationKey('');
      Object.assign(body, emptyOutputs(spec), envelopeFor('KIOK0560'));
      return jsonResponse(body, 200, { ...echo, tr_cont: 'D' });
    }
    return kisError(c, e.msgCd, e.detail, echo);
  }
}

/**
 * Register one route per inquiry binding, method and path from its spec. Each request passes the
 * gateway, the spec's parameter validation, the account and rate-limit checks, then is answered by
 * the back office, paged and encoded by the spec. Every answer echoes `tr_id` (and `gt_uid`).
 *
 * @example
 * ```ts
 * for (const b of INQUIRY_BINDINGS) registerInquiryRoute(app, b, deps);
 * ```
 */
export function registerInquiryRoute(
  app: Hono<KisHonoEnv>,
  binding: InquiryBinding,
  deps: InquiryRouteDeps,
): void {
  app.on(binding.spec.method, binding.spec.path, (c) => handle(c, binding, deps));
}
