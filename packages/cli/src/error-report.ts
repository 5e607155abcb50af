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
import { KisfoInputError } from '@kisfo/protocol';
import {
  CheckFailedError,
  ConfigError,
  InputErrorInContext,
  LedgerNotFoundError,
  SystemProblemError,
  UsageError,
} from './cli-errors.js';
import { connectedHost } from './connect.js';
import { EXIT } from './exit-codes.js';
import { inputErrorExitCode, inputErrorReport } from './input-error-report.js';
import type { Style } from './output/style.js';
import { plainSystemError } from './system-errors.js';

/** What `kisfo` prints for a failure, and the exit code. */
export interface ErrorReport {
  code: number;
  message: string;
  /** Lines between the message and the next step. */
  details?: string;
  /** One concrete next step. */
  next: string;
}

/** The exit code for an error (checked most specific first). */
export function exitCodeFor(e: unknown): number {
  if (e instanceof KisfoInputError) return inputErrorExitCode(e);
  if (e instanceof InputErrorInContext) return inputErrorExitCode(e.input);
  if (e instanceof UsageError) return EXIT.usage;
  if (e instanceof ConfigError) return EXIT.config;
  if (e instanceof CheckFailedError) return EXIT['check-failed'];
  if (e instanceof LedgerNotFoundError) return EXIT['not-found'];
  if (e instanceof SystemProblemError) return EXIT[e.kind];
  if (e instanceof KisAbortError) return EXIT.interrupted;
  if (e instanceof KisAuthError || e instanceof KisTokenExpiredError) return EXIT.auth;
  if (e instanceof KisRateLimitError || e instanceof KisTokenIssueThrottledError) {
    return EXIT['rate-limit'];
  }
  if (e instanceof KisNotSupportedError || e instanceof KisEnvironmentMismatchError) {
    return EXIT['not-supported'];
  }
  if (e instanceof KisValidationError || e instanceof KisInvalidRequestError) {
    return EXIT['invalid-request'];
  }
  if (e instanceof KisNotFoundError) return EXIT['not-found'];
  if (e instanceof KisDataChangedError) return EXIT['data-changed'];
  if (e instanceof KisConnectionError || e instanceof KisTimeoutError) return EXIT.connection;
  if (e instanceof KisApiError || e instanceof KisDecodeError || e instanceof KisError)
    return EXIT.api;
  return EXIT.failure;
}

/** The next step for each kind of failure. Never mentions a secret's value. */
function nextStep(e: unknown, command: string | undefined): string {
  const help = command === undefined ? '`kisfo --help`' : `\`kisfo ${command} --help\``;
  if (e instanceof UsageError) return e.next ?? `run ${help}`;
  if (e instanceof ConfigError) {
    return e.next ?? 'run `kisfo config` to see every setting and where it comes from';
  }
  if (e instanceof LedgerNotFoundError || e instanceof SystemProblemError) return e.next;
  if (e instanceof CheckFailedError) {
    return 'compare the figures named above with `kisfo balance --json` and report the ledger or host that sent them';
  }
  if (e instanceof KisAbortError) return 'run the command again when ready';
  if (e instanceof KisAuthError || e instanceof KisTokenExpiredError) {
    return 'check the app key and secret for this environment with `kisfo config` (a stale token goes with `kisfo token --revoke`)';
  }
  if (e instanceof KisEnvironmentMismatchError) {
    return 'pass the other --env (real or paper): the app key belongs to it';
  }
  if (e instanceof KisNotSupportedError) {
    return 'use a real-environment app key with --env real (KIS offers no paper TR for this inquiry)';
  }
  if (e instanceof KisTokenIssueThrottledError) {
    return 'wait a minute and run the command again (KIS issues one token per minute per app key)';
  }
  if (e instanceof KisRateLimitError) return 'run the command again in a second';
  if (e instanceof KisNotFoundError) {
    const kind = e.msgCd === 'OPSQ2000' ? accountKindOf(command) : undefined;
    if (kind !== undefined) return kind;
    // A `kisfo serve --replay` cassette without this request: not a wrong env or base URL.
    if (e.msg1.startsWith('kisfo replay: not recorded')) {
      return 'record this request too (`kisfo record` in front of the real host), or serve with `--replay-mode passthrough --target URL` to record what is missing';
    }
    // MCA00124 and the like: the client's hint names the likely cause (env or base URL path).
    return (
      e.hint ??
      'check --account (NNNNNNNN-NN): it must belong to this app key (`kisfo config` shows the one in use)'
    );
  }
  if (e instanceof KisApiError && e.hint !== undefined) return e.hint;
  if (e instanceof KisDataChangedError) return 'run the command again';
  const host = connectedHost();
  const now = host === undefined ? '' : ` (now ${host})`;
  if (e instanceof KisTimeoutError) {
    return `raise --timeout (e.g. --timeout 60s), or check that --base-url${now} is the host you meant`;
  }
  if (e instanceof KisConnectionError) {
    return `check --base-url${now}, or start a local server with \`kisfo serve\``;
  }
  if (e instanceof KisValidationError && /invalid account/.test(e.message)) {
    return 'pass --account NNNNNNNN-NN (or set KIS_ACCOUNT, or "account" in the profile)';
  }
  if (e instanceof KisValidationError || e instanceof KisInvalidRequestError) {
    return `check the flags against ${help}`;
  }
  if (e instanceof KisError)
    return 'run the command again later; if it persists, KIS’s message above says why';
  return 'this is a bug in kisfo: report it with the command you ran (KISFO_DEBUG=1 shows where it failed)';
}

/**
 * The next step of `OPSQ2000` (an account the app key does not hold for this inquiry) in the
 * command's terms: the client's hint speaks of the overseas account whatever was asked.
 */
function accountKindOf(command: string | undefined): string | undefined {
  const check =
    'check --account (KIS_ACCOUNT, or "account" in the profile; `kisfo config` shows the one in use):';
  if (command === 'balance' || command === 'deposit') {
    return `${check} the domestic futures/options inquiries need a domestic futures/options account of this app key`;
  }
  if (command === 'margin') {
    return `${check} the overseas margin detail needs the app key's overseas F/O account (NNNNNNNN-08)`;
  }
  return undefined;
}

/**
 * What to tell the user about a failure: the message in plain words, the exit code, and one
 * concrete next step. System errors (`ENOENT`, `EADDRINUSE` …) are translated first.
 *
 * @example
 * ```ts
 * reportError(new UsageError('unknown flag --jsn'), 'balance').next; // 'run `kisfo balance --help`'
 * ```
 */
export function reportError(error: unknown, command?: string): ErrorReport {
  // Input errors, bare or in a command's words: the input-error table decides.
  if (error instanceof KisfoInputError) return inputErrorReport(error);
  if (error instanceof InputErrorInContext) {
    return inputErrorReport(error.input, {
      message: error.message,
      ...(error.next === undefined ? {} : { next: error.next }),
    });
  }
  const ledger = ledgerUnavailable(error);
  if (ledger !== undefined) return ledger;
  const e = plainSystemError(error) ?? error;
  const message = e instanceof Error ? e.message : String(e);
  const details = e instanceof UsageError ? e.details : undefined;
  return {
    code: exitCodeFor(e),
    message,
    ...(details === undefined ? {} : { details }),
    next: nextStep(e, e instanceof UsageError ? (e.command ?? command) : command),
  };
}

/**
 * A ledger that cannot be opened, told by name (a failing `balance` must not load the server
 * just to check a class).
 */
function ledgerUnavailable(e: unknown): ErrorReport | undefined {
  if (!(e instanceof Error)) return undefined;
  if (e.name === 'LedgerUnavailableError') {
    // "cannot open the ledger X: why — what to check": the check is the next step.
    const [message, next] = e.message.split(' — ');
    return {
      code: EXIT.connection,
      message: message!,
      next: next ?? 'check the --db path or URL and run the command again',
    };
  }
  return undefined;
}

/** The report as printed on stderr: `error: …`, any details, then `next: …` on its own line. */
export function formatReport(report: ErrorReport, style: Style): string {
  const details = report.details === undefined ? '' : `${report.details.trimEnd()}\n\n`;
  return `${style.red('error:')} ${report.message}\n${details}${style.bold('next:')} ${report.next}\n`;
}
