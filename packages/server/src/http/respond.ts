import {
  envelopeFor,
  type KisfoInputError,
  type KnownMsgCd,
  MESSAGES,
  tokenErrorFor,
} from '@kisfo/protocol';
import type { Context } from 'hono';
import { inputErrorAnswer, inputErrorMsg1 } from '../input-error-answers.js';
import type { KisHonoEnv } from './context.js';

/** KIS's response content type. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A JSON response with KIS's content type.
 *
 * @example
 * ```ts
 * return jsonResponse({ status: 'ok' }, 200);
 * ```
 */
export function jsonResponse(
  body: unknown,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return jsonText(JSON.stringify(body), status, headers);
}

/** A response whose JSON text is already made. */
export function jsonText(
  json: string,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return new Response(json, { status, headers: { 'content-type': JSON_CONTENT_TYPE, ...headers } });
}

/**
 * The KIS envelope for a catalog code with the catalog's HTTP status; `msg1` padded to 80 CP949
 * bytes (token-endpoint codes on an inquiry: HTTP 500). Records the code for the log line.
 *
 * @example
 * ```ts
 * return kisError(c, 'EGW00201'); // HTTP 500 {rt_cd:'1', msg_cd:'EGW00201', msg1:'초당 …   '}
 * ```
 */
export function kisError(
  c: Context<KisHonoEnv>,
  msgCd: KnownMsgCd,
  detail?: string,
  headers: Record<string, string> = {},
): Response {
  c.get('log').msgCd = msgCd;
  const m = MESSAGES[msgCd];
  // Token-endpoint codes (EGW00103/EGW00105) met on an inquiry: envelope with 500, per the catalog.
  const status = m.shape === 'token' ? 500 : m.httpStatus;
  return jsonResponse(envelopeFor(msgCd, detail), status, headers);
}

/**
 * A token-endpoint failure: `{error_description, error_code}` (not the envelope), HTTP 403 as KIS
 * answers every token failure.
 */
export function tokenError(
  c: Context<KisHonoEnv>,
  msgCd: KnownMsgCd,
  description?: string,
): Response {
  c.get('log').msgCd = msgCd;
  const body = tokenErrorFor(msgCd);
  if (description !== undefined) body.error_description = description;
  return jsonResponse(body, 403);
}

/**
 * The KIS envelope for refused input on a KIS route: the code from the input-error table,
 * `msg1` naming the first issue as KIS does (`ERROR INVALID INPUT: personalseckey(고객식별키) missing`).
 *
 * @example
 * ```ts
 * const issues = paramIssues(spec.params, c.req.query());
 * if (issues.length > 0) return kisInputError(c, new SpecError(issues), echo);
 * ```
 */
export function kisInputError(
  c: Context<KisHonoEnv>,
  e: KisfoInputError,
  headers: Record<string, string> = {},
): Response {
  return kisError(c, inputErrorAnswer(e).msgCd, inputErrorMsg1(e), headers);
}

/** The token-endpoint body for refused input (`{error_description, error_code}`, HTTP 403). */
export function tokenInputError(c: Context<KisHonoEnv>, e: KisfoInputError): Response {
  return tokenError(c, inputErrorAnswer(e).msgCd, inputErrorMsg1(e));
}
