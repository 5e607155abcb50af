import { type InputIssue, KisfoInputError } from './input-error.js';

/** One thing wrong with one field. */
export interface FieldIssue {
  /** Path of the field, e.g. `output1[3].pchs_amt` or `CANO`. */
  readonly path: string;
  /** The wire name (`CANO`, `pchs_amt`). */
  readonly field: string;
  /** The Korean label from the KIS document (`종합계좌번호`). */
  readonly label: string;
  /** What is wrong. */
  readonly problem: string;
  /** What is allowed, when it can be said briefly. */
  readonly allowed?: string;
}

/** A field issue as an {@link InputIssue} too: `message` is `problem (allowed: …)`. */
export type SpecIssue = FieldIssue & InputIssue;

function problemText(issue: FieldIssue): string {
  const allowed = issue.allowed === undefined ? '' : ` (allowed: ${issue.allowed})`;
  return `${issue.problem}${allowed}`;
}

function describe(issue: FieldIssue): string {
  return `${issue.path} (${issue.label}): ${problemText(issue)}`;
}

/**
 * A copy of the issue with its `message`. The message is derived from the fields, so it is kept
 * off the enumerable ones: an issue still serialises and compares as the fields it was made of.
 */
function specIssue(issue: FieldIssue): SpecIssue {
  return Object.defineProperty({ ...issue }, 'message', {
    value: problemText(issue),
    enumerable: false,
  }) as SpecIssue;
}

/**
 * Thrown when values do not fit a spec: a malformed wire string on decode, a value that cannot be
 * encoded, or invalid request parameters/headers. `issues` lists every field at fault; as a
 * {@link KisfoInputError} each also has its `message`.
 *
 * @example
 * ```ts
 * try { validateParams(domesticInquireBalance, { CANO: '123' }); }
 * catch (e) { if (e instanceof SpecError) console.log(e.issues[0].field); } // 'CANO'
 * ```
 */
export class SpecError extends KisfoInputError {
  declare readonly issues: readonly SpecIssue[];

  constructor(issues: readonly FieldIssue[], context?: string) {
    const head = context === undefined ? '' : `${context}: `;
    const list = issues.map(describe);
    super(
      issues.map(specIssue),
      head + (list.length === 1 ? list[0] : `${list.length} problems: ${list.join('; ')}`),
    );
    this.name = 'SpecError';
  }

  /** The first issue (there is always at least one). */
  get first(): SpecIssue {
    return this.issues[0]!;
  }
}
