import {
  KisAbortError,
  KisApiError,
  KisAuthError,
  KisConnectionError,
  KisDataChangedError,
  KisDecodeError,
  KisEnvironmentMismatchError,
  KisError,
  KisInvalidRequestError,
  KisNotFoundError,
  KisNotSupportedError,
  KisRateLimitError,
  KisTimeoutError,
  KisTokenExpiredError,
  KisTokenIssueThrottledError,
  KisValidationError,
} from '@kisfo/client';
import { CheckFailedError, ConfigError, UsageError } from './cli-errors.js';
import { LedgerUnavailableError } from './ledger-db.js';

/** Exit codes of `kisfo`, one per class of failure, so scripts can tell them apart. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  auth: 4,
  'rate-limit': 5,
  'not-supported': 6,
  'invalid-request': 7,
  'not-found': 8,
  'data-changed': 9,
  connection: 10,
  api: 11,
  'check-failed': 12,
  interrupted: 130,
} as const;

/** The exit code for an error (checked most specific first). */
export function exitCodeFor(e: unknown): number {
  if (e instanceof UsageError) return EXIT.usage;
  if (e instanceof ConfigError) return EXIT.config;
  if (e instanceof LedgerUnavailableError) return EXIT.connection;
  if (e instanceof CheckFailedError) return EXIT['check-failed'];
  if (e instanceof KisAbortError) return EXIT.interrupted;
  if (e instanceof KisAuthError || e instanceof KisTokenExpiredError) return EXIT.auth;
  if (e instanceof KisRateLimitError || e instanceof KisTokenIssueThrottledError) {
    return EXIT['rate-limit'];
  }
  if (e instanceof KisNotSupportedError || e instanceof KisEnvironmentMismatchError) {
    return EXIT['not-supported'];
  }
  if (
    e instanceof KisValidationError ||
    e instanceof KisInvalidRequestError ||
    ledgerIssuesOf(e) !== undefined
  ) {
    return EXIT['invalid-request'];
  }
  if (e instanceof KisNotFoundError) return EXIT['not-found'];
  if (e instanceof KisDataChangedError) return EXIT['data-changed'];
  if (e instanceof KisConnectionError || e instanceof KisTimeoutError) return EXIT.connection;
  if (e instanceof KisApiError || e instanceof KisDecodeError || e instanceof KisError)
    return EXIT.api;
  return EXIT.failure;
}

/**
 * The issues of a ledger validation error (`LedgerValidationError` of @kisfo/server), read by
 * shape so this module does not load the server package.
 */
function ledgerIssuesOf(e: unknown): { path: string; message: string }[] | undefined {
  if (!(e instanceof Error) || e.name !== 'LedgerValidationError') return undefined;
  const issues = (e as { issues?: unknown }).issues;
  return Array.isArray(issues) ? (issues as { path: string; message: string }[]) : undefined;
}

/** What to tell the user, with what to do next for the common failures. Never a secret. */
export function describeError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof KisAuthError || e instanceof KisTokenExpiredError) {
    return `${message} — check the app key and secret for this environment (--env), or run \`kisfo token --revoke\` and retry.`;
  }
  if (e instanceof KisEnvironmentMismatchError) {
    return `${message} — the app key belongs to the other environment: pass --env real or --env paper to match it.`;
  }
  if (e instanceof KisNotSupportedError) {
    return `${message} — use a real-environment app key (KIS offers no paper TR for this inquiry).`;
  }
  if (e instanceof KisTokenIssueThrottledError) {
    return `${message} — KIS issues at most one token per minute per app key; wait and retry.`;
  }
  if (e instanceof KisRateLimitError)
    return `${message} — too many calls per second; retry shortly.`;
  if (e instanceof KisNotFoundError) {
    return `${message} — ${e.hint ?? 'check --account: it must belong to this app key (NNNNNNNN-NN)'}.`;
  }
  if (e instanceof KisApiError && e.hint !== undefined) return `${message} — ${e.hint}.`;
  const issues = ledgerIssuesOf(e);
  if (issues !== undefined) {
    // Every problem, one a line: a scenario is fixed in one pass, not five at a time.
    const lines = issues.map((i) => `  ${i.path}: ${i.message}`).join('\n');
    return `${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed:\n${lines}`;
  }
  if (e instanceof KisConnectionError || e instanceof KisTimeoutError) {
    return `${message} — is the host reachable? Check --base-url (or start one with \`kisfo serve\`).`;
  }
  return message;
}
