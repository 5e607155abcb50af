import type { KisfoInputError } from '@kisfo/protocol';
import { EXIT } from './exit-codes.js';

/** How `kisfo` reports one kind of input error. */
interface InputErrorRow {
  /** The exit code. */
  code: number;
  /** The next step (after any next step the command gave). */
  next: string;
  /** The message, when it is not the error's own. */
  message?: (e: KisfoInputError) => string;
  /** List every issue, one a line, between the message and the next step. */
  listIssues?: boolean;
}

/**
 * `n` and the noun for it, singular or plural.
 *
 * @example
 * ```ts
 * count(1, 'problem', 'problems'); // '1 problem'
 * ```
 */
export const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The one table from a kind of input error to its exit code and next step, by the error's
 * `name` (so a failing command need not load the package that throws it just to test a class).
 * A file that is not what it should be exits 13 (`file`); a cassette or saved answers given to
 * `--in`/`--replay` that cannot be read is a usage error (2); anything else the engines, the
 * ledger or a spec refuse is an invalid request (7).
 */
const INPUT_ERROR_ROWS: Readonly<Record<string, InputErrorRow>> = {
  LedgerValidationError: {
    code: EXIT.file,
    // Every problem, one a line: a scenario is fixed in one pass, not a few at a time.
    message: (e) =>
      `the scenario has ${count(e.issues.length, 'problem', 'problems')}; nothing was written`,
    listIssues: true,
    next: 'fix the fields named above and run the command again',
  },
  LedgerConflictError: {
    code: EXIT['invalid-request'],
    message: (e) => `the ledger refuses it: ${e.message}`,
    next: 'change the input so it agrees with what the ledger holds (`kisfo ledger export` shows it)',
  },
  KisMasterParseError: {
    code: EXIT.file,
    next: 'check it is the unzipped file, as KIS publishes it',
  },
  KrxMasterError: {
    code: EXIT.file,
    next: 'add a row for the product to the product-rule table (risk.krxProductRules)',
  },
  Pa2ParseError: {
    code: EXIT.file,
    next: "check it is CME's expanded (pa2) risk parameter file, unzipped",
  },
  CassetteFormatError: {
    code: EXIT.usage,
    next: 'pass a cassette written by `kisfo record` (or the client’s record option)',
  },
  AnswersError: {
    code: EXIT.usage,
    next: 'pass --in a cassette of the balance and margin-detail inquiries, or a saved-answers JSON file',
  },
};

/** Every other input error: the engines, a spec or the dashboard refused a value. */
const INVALID_INPUT: InputErrorRow = {
  code: EXIT['invalid-request'],
  next: 'correct the value named above and run the command again',
};

/** The exit code of an input error (the table's, by name). */
export function inputErrorExitCode(e: KisfoInputError): number {
  return (INPUT_ERROR_ROWS[e.name] ?? INVALID_INPUT).code;
}

/** What `kisfo` prints for an input error, and its exit code. */
export interface InputErrorReport {
  code: number;
  message: string;
  details?: string;
  next: string;
}

/**
 * The report of an input error: the table's code and next step, the command's words when it
 * gave them (`told`).
 *
 * @example
 * ```ts
 * inputErrorReport(new LedgerValidationError([{ path: 'accounts', message: 'expected an array' }])).code; // 13
 * ```
 */
export function inputErrorReport(
  e: KisfoInputError,
  told: { message?: string; next?: string } = {},
): InputErrorReport {
  const row = INPUT_ERROR_ROWS[e.name] ?? INVALID_INPUT;
  const message = told.message ?? row.message?.(e) ?? e.message;
  const shown = row.listIssues === true ? e.issues.map((i) => `  ${i.path}: ${i.message}`) : [];
  return {
    code: row.code,
    message,
    ...(shown.length === 0 ? {} : { details: shown.join('\n') }),
    next: told.next ?? row.next,
  };
}

/** The names the table has a row for (tests check each is a real class's name). */
export const INPUT_ERROR_NAMES: readonly string[] = Object.keys(INPUT_ERROR_ROWS);
