import { KisApiError, KisError, KisValidationError } from '@kisfo/client';
import { KisfoInputError } from '@kisfo/protocol';
import { ConfigError, UsageError } from '../cli-errors.js';
import { AccountNotAllowedError } from './accounts.js';

/** What a failed tool call reports (the text of its `isError` result, as JSON). */
export interface ToolErrorBody {
  /** `kis` (KIS or the server refused), `invalid_input`, `account_not_allowed`, `client`, `internal`. */
  error: 'kis' | 'invalid_input' | 'account_not_allowed' | 'client' | 'internal';
  message: string;
  /** KIS's message code and text, when KIS (or a KIS-compatible server) answered. */
  msg_cd?: string;
  msg1?: string;
  http_status?: number;
  /** Which parameter or value is wrong and what is wrong: the SDK's validation or an input error's issues. */
  issues?: { field: string; problem: string }[];
}

/** A JWT-shaped string (KIS access tokens are JWTs): never echoed, whatever carried it. */
const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/g;

/** Replace every secret and anything token-shaped in `text`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(JWT, '[redacted]');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('[redacted]');
  return out;
}

/** Classify an error a tool threw into the body of an MCP tool error. */
export function toolErrorBody(e: unknown): ToolErrorBody {
  if (e instanceof KisApiError) {
    return {
      error: 'kis',
      message: e.message,
      msg_cd: e.msgCd,
      msg1: e.msg1,
      http_status: e.status,
    };
  }
  if (e instanceof KisValidationError) {
    return {
      error: 'invalid_input',
      message: e.message,
      issues: e.issues.map((i) => ({ field: i.path, problem: i.problem })),
    };
  }
  if (e instanceof AccountNotAllowedError)
    return { error: 'account_not_allowed', message: e.message };
  // The engines, the ledger or a spec refuse what they cannot take (an unknown contract, a bad
  // price), each problem by its path.
  if (e instanceof KisfoInputError) {
    return {
      error: 'invalid_input',
      message: e.message,
      issues: e.issues.map((i) => ({ field: i.path, problem: i.message })),
    };
  }
  if (e instanceof UsageError || e instanceof ConfigError) {
    return { error: 'invalid_input', message: e.message };
  }
  if (e instanceof KisError) return { error: 'client', message: e.message };
  return { error: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/**
 * The MCP result of a failed call: `isError: true` and the body as JSON text, with the app secret
 * and anything token-shaped scrubbed out.
 *
 * @example
 * ```ts
 * return toolErrorResult(e, [config.appSecret]);
 * ```
 */
export function toolErrorResult(e: unknown, secrets: readonly string[]) {
  const body = toolErrorBody(e);
  return {
    isError: true as const,
    content: [{ type: 'text' as const, text: scrubSecrets(JSON.stringify(body), secrets) }],
  };
}
