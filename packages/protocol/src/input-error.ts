/**
 * One shape for every input error of kisfo: a list of `{ path, message }` issues on one base
 * class, so a server can answer them in one table and a CLI can map them to one exit code.
 */

/**
 * One thing wrong with an input: where it is and what is wrong.
 *
 * `path` names the value from the root of what the entry point was given, in JavaScript
 * accessor notation: `CANO`, `fills[2].qty`, `output1[3].pchs_amt`, `market.quotes[0].pdno`;
 * `$` is the input as a whole. Line-oriented text files (cassettes, KIS master files, CME pa2
 * files) are read as lists of lines: their path is `line N` with N counted from 1 as an editor
 * shows it, then `.field` when one field of that line is at fault (`line 12`, `line 3.priceScan`).
 */
export interface InputIssue {
  /** Where: `fills[2].qty`, `CANO`, `line 12`, `$`. */
  readonly path: string;
  /** What is wrong, without the path (`must be ≥ 0 (got -1)`). */
  readonly message: string;
}

/**
 * `path: message` for one issue, `N problems: a; b; …` (the first five) for more.
 *
 * @example
 * ```ts
 * formatInputIssues([{ path: 'fills[0].qty', message: 'must be positive' }]);
 * // 'fills[0].qty: must be positive'
 * ```
 */
export function formatInputIssues(issues: readonly InputIssue[]): string {
  const shown = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
  if (issues.length === 1) return shown[0]!;
  return `${issues.length} problems: ${shown.join('; ')}${issues.length > 5 ? '; …' : ''}`;
}

/**
 * The base of every error kisfo throws for input it refuses — a request parameter, an engine's
 * book, a scenario, a master or pa2 line, a cassette line. `issues` lists every problem found
 * (at least one), each `{ path, message }`; nothing was changed when it is thrown. Subclasses
 * say which kind of input it was; servers and the CLI map them by subclass to a KIS envelope
 * or an exit code.
 *
 * @example
 * ```ts
 * try { computeDomesticBalance(input); } catch (e) {
 *   if (e instanceof KisfoInputError) for (const i of e.issues) console.log(`${i.path}: ${i.message}`);
 * }
 * ```
 */
export class KisfoInputError extends Error {
  /** Every problem found, the first one first. Never empty. */
  readonly issues: readonly InputIssue[];

  /**
   * @param issues every problem found (at least one)
   * @param message the error's message; default {@link formatInputIssues} of the issues
   */
  constructor(issues: readonly InputIssue[], message?: string, options?: ErrorOptions) {
    if (issues.length === 0) throw new TypeError('an input error needs at least one issue');
    super(message ?? formatInputIssues(issues), options);
    this.name = 'KisfoInputError';
    this.issues = issues;
  }
}

/**
 * Split a `path: problem` message into its issue; `$` when there is no path before a colon.
 *
 * @example
 * ```ts
 * issueOfMessage('fills[2].qty: must be positive'); // { path: 'fills[2].qty', message: 'must be positive' }
 * ```
 */
export function issueOfMessage(text: string): InputIssue {
  const m = /^([^\s:]+): ([\s\S]*)$/.exec(text);
  return m === null ? { path: '$', message: text } : { path: m[1]!, message: m[2]! };
}
