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

function describe(issue: FieldIssue): string {
  const allowed = issue.allowed === undefined ? '' : ` (allowed: ${issue.allowed})`;
  return `${issue.path} (${issue.label}): ${issue.problem}${allowed}`;
}

/**
 * Thrown when values do not fit a spec: a malformed wire string on decode, a value that cannot be
 * encoded, or invalid request parameters/headers. `issues` lists every field at fault.
 *
 * @example
 * ```ts
 * try { validateParams(domesticInquireBalance, { CANO: '123' }); }
 * catch (e) { if (e instanceof SpecError) console.log(e.issues[0].field); } // 'CANO'
 * ```
 */
export class SpecError extends Error {
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[], context?: string) {
    const head = context === undefined ? '' : `${context}: `;
    const list = issues.map(describe);
    super(head + (list.length === 1 ? list[0] : `${list.length} problems: ${list.join('; ')}`));
    this.name = 'SpecError';
    this.issues = issues;
  }

  /** The first issue (there is always at least one). */
  get first(): FieldIssue {
    return this.issues[0]!;
  }
}
