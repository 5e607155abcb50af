import {
  categoryOf,
  type DecodedBody,
  type DecodedOutput,
  decodeBody,
  type InquirySpec,
  SpecError,
  validateParams,
} from '@kisfo/protocol';
import { apiErrorFor } from './error-table.js';
import { KisApiError, KisDecodeError, KisNotSupportedError, KisValidationError } from './errors.js';
import { formQuery } from './form-query.js';
import { redactValue } from './redact.js';
import type { TokenManager } from './token-manager.js';
import { type HttpRequest, type RawResponse, Transport } from './transport.js';

/** Everything an inquiry needs from its client. */
export interface InquiryContext {
  env: 'real' | 'paper';
  transport: Transport;
  tokens: TokenManager;
  /** Fixed headers: appkey, appsecret, custtype and the corporate ones. */
  headers: () => Record<string, string>;
}

/** One decoded answer. */
export interface InquiryResponse<S extends InquirySpec> {
  body: DecodedBody<S>;
  status: number;
  headers: Record<string, string>;
  /** Response header `tr_cont` (`''` when absent). */
  trCont: string;
}

/** Codes after which a fresh token can succeed: the token itself was refused. */
const REFRESHABLE = new Set(['EGW00121', 'EGW00123']);

/** Check parameters against the spec before anything is sent. */
export function checkParams(spec: InquirySpec, params: Record<string, string>): void {
  try {
    validateParams(spec.params, params);
  } catch (e) {
    if (e instanceof SpecError) throw new KisValidationError(e.issues);
    throw e;
  }
}

/** One answer as it arrived: the exchange and its parsed JSON, not decoded yet. */
export interface RawInquiry {
  res: RawResponse;
  json: unknown;
  /** The `tr_id` the request was sent with (an answer need not echo it). */
  trId: string;
}

/**
 * Send one inquiry once (one page): validated parameters, a token, the transport's retries, one
 * token refresh and replay on `EGW00121`/`EGW00123`. The answer is parsed, not decoded: see
 * {@link decodeInquiry}.
 */
export async function sendInquiry(
  ctx: InquiryContext,
  spec: InquirySpec,
  params: Record<string, string>,
  options: {
    trCont?: string;
    signal?: AbortSignal | undefined;
    /** Called with each answer as soon as its body is read, before it is parsed. */
    onAnswer?: ((res: RawResponse) => void) | undefined;
  } = {},
): Promise<RawInquiry> {
  const trId = spec.trId[ctx.env];
  if (trId === null) {
    const other = ctx.env === 'real' ? 'paper' : 'real';
    throw new KisNotSupportedError(
      `${spec.nameKo} (${spec.trId[other] ?? spec.id}) is ${other}-only: KIS offers no ${ctx.env} TR`,
    );
  }
  checkParams(spec, params);
  const { signal, onAnswer } = options;
  const path = `${spec.path}?${formQuery(params)}`;
  for (let refreshed = false; ; refreshed = true) {
    // A usable token in memory is taken synchronously; loading or issuing one is awaited.
    const token = ctx.tokens.cached() ?? (await ctx.tokens.get(signal));
    const init: HttpRequest = {
      method: spec.method,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${token}`,
        ...ctx.headers(),
        tr_id: trId,
        tr_cont: options.trCont ?? '',
      },
    };
    try {
      return await ctx.transport.retrying(spec.id, signal, async () => {
        const res = await ctx.transport.send(path, init, signal);
        onAnswer?.(res);
        const json = Transport.json(res);
        const failure = Transport.failure(res, json, trId);
        if (failure !== undefined) throw failure;
        return { res, json, trId };
      });
    } catch (e) {
      // The token was refused (revoked, expired early, server restarted): drop it, get a fresh
      // one, replay once. A second refusal is real and is thrown.
      if (e instanceof KisApiError && REFRESHABLE.has(e.msgCd) && !refreshed) {
        await ctx.tokens.invalidate(token);
        continue;
      }
      throw e;
    }
  }
}

/**
 * The error for a success envelope that says there is nothing (`KIOK0560`), by the code table;
 * `undefined` for any other answer.
 */
function noDataError({ res, json, trId }: RawInquiry): KisApiError | undefined {
  const env = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const msgCd = typeof env.msg_cd === 'string' ? env.msg_cd : '';
  if (categoryOf(msgCd) !== 'no-data') return undefined;
  return apiErrorFor({
    status: res.status,
    headers: res.headers,
    body: redactValue(json),
    trId,
    trCont: res.headers.tr_cont,
    msgCd,
    msg1: typeof env.msg1 === 'string' ? env.msg1 : '',
    rtCd: typeof env.rt_cd === 'string' ? env.rt_cd : '',
  });
}

/**
 * Decode a successful answer by its spec; a mismatch is a {@link KisDecodeError}. KIS's "no
 * data" answer (`KIOK0560`) is a {@link KisNoDataError}, thrown before decoding.
 */
export function decodeInquiry<S extends InquirySpec>(spec: S, raw: RawInquiry): InquiryResponse<S> {
  const noData = noDataError(raw);
  if (noData !== undefined) throw noData;
  const { res, json } = raw;
  let body: DecodedBody<S>;
  try {
    body = decodeBody(spec, json);
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    throw new KisDecodeError(`${spec.id}: the response does not match the spec: ${e.message}`, {
      status: res.status,
      bodyText: res.text,
      issues: e.issues,
    });
  }
  return { body, status: res.status, headers: res.headers, trCont: res.headers.tr_cont ?? '' };
}

/**
 * Call one inquiry once (one page): {@link sendInquiry}, then the body decoded by its spec.
 */
export async function callInquiry<S extends InquirySpec>(
  ctx: InquiryContext,
  spec: S,
  params: Record<string, string>,
  options: { trCont?: string; signal?: AbortSignal | undefined } = {},
): Promise<InquiryResponse<S>> {
  return decodeInquiry(spec, await sendInquiry(ctx, spec, params, options));
}

/**
 * An unpaged inquiry's one output, decoded: the spec's validation, one call (with the usual
 * retries and token refresh), the named output. Resource methods are one-liners over it.
 *
 * @example
 * ```ts
 * const deposit = await inquireOutput(ctx, domesticInquireDeposit, query, 'output');
 * ```
 */
export async function inquireOutput<S extends InquirySpec, N extends S['outputs'][number]['name']>(
  ctx: InquiryContext,
  spec: S,
  params: Record<string, string>,
  output: N,
  signal?: AbortSignal,
): Promise<DecodedOutput<S, N>> {
  const res = await callInquiry(ctx, spec, params, { signal });
  return (res.body as Record<string, unknown>)[output] as DecodedOutput<S, N>;
}
