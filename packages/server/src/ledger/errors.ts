import { KisfoInputError } from '@kisfo/protocol';

/** One problem with ledger input, named by its path (`fills[3].price`): an `InputIssue`. */
export interface LedgerIssue {
  path: string;
  message: string;
}

/**
 * Input that cannot enter the ledger: every problem found, each with its path. Nothing was
 * written when this is thrown.
 *
 * @example
 * ```ts
 * try { importScenario(store, bad); } catch (e) {
 *   if (e instanceof LedgerValidationError) console.log(e.issues.map((i) => `${i.path}: ${i.message}`));
 * }
 * ```
 */
export class LedgerValidationError extends KisfoInputError {
  declare readonly issues: readonly LedgerIssue[];
  constructor(issues: readonly LedgerIssue[]) {
    const head = issues
      .slice(0, 5)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    super(
      issues,
      `${issues.length} problem${issues.length === 1 ? '' : 's'}: ${head}${issues.length > 5 ? '; …' : ''}`,
    );
    this.name = 'LedgerValidationError';
  }
}

/**
 * A write that contradicts what the ledger already holds (a fill id reused with other content,
 * an unknown account, …): one issue.
 *
 * @example
 * ```ts
 * throw new LedgerConflictError('fills.F1', 'fill id already recorded with different content');
 * ```
 */
export class LedgerConflictError extends KisfoInputError {
  constructor(path: string, message: string) {
    super([{ path, message }], `${path}: ${message}`);
    this.name = 'LedgerConflictError';
  }

  /** Where the write contradicts the ledger: its issue's path. */
  get path(): string {
    return this.issues[0]!.path;
  }
}
