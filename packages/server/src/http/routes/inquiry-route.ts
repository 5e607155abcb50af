import {
  encodeBody,
  envelopeFor,
  type InquirySpec,
  MESSAGES,
  type PagingSpec,
  padContinuationKey,
  paramIssues,
} from '@kisfo/protocol';
import type { Context, Hono } from 'hono';
import { type AccountRef, BackOfficeError } from '../../contracts.js';
import type { KisHonoEnv } from '../context.js';
import { admit, authorize, type GatewayDeps } from '../gateway/gateway.js';
import type { AnswerCache } from '../paging/answer-cache.js';
import { paginate } from '../paging/paginate.js';
import { invalidInputText, jsonResponse, jsonText, kisError } from '../respond.js';
import { echoRequestIds } from './echo-headers.js';
import type { EncodedCache } from './encoded-cache.js';
import type { InquiryAnswer, InquiryBinding } from './inquiry-bindings.js';

/** What an inquiry route needs beyond the gateway. */
export interface InquiryRouteDeps extends GatewayDeps {
  pagingSecret: Buffer;
  cache: AnswerCache;
  encoded: EncodedCache;
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
  const auth = authorize(c, spec, deps);
  if (auth instanceof Response) return echoRequestIds(c, auth);
  const echo: Record<string, string> = { tr_id: auth.trId };
  if (auth.headers.gt_uid) echo.gt_uid = auth.headers.gt_uid;

  const params = c.req.query();
  const issue = paramIssues(spec.params, params)[0];
  if (issue !== undefined) return kisError(c, 'OPSQ2001', invalidInputText(issue), echo);
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
      encoded = { json, trCont: page.trCont, msgCd: String(body.msg_cd) };
      deps.encoded.set(page.answer.source, key, encoded);
    }
    c.get('log').msgCd = encoded.msgCd;
    return jsonText(encoded.json, 200, { ...echo, tr_cont: encoded.trCont });
  } catch (e) {
    if (!(e instanceof BackOfficeError)) throw e;
    if (e.msgCd === 'KIOK0560') {
      c.get('log').msgCd = e.msgCd;
      const body: Record<string, unknown> = { ...emptyOutputs(spec), ...envelopeFor('KIOK0560') };
      if (isCtxPaged(spec))
        for (const k of spec.paging.keys) body[k.field] = padContinuationKey('');
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
