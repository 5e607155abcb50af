/** An access token's record: enough to sign the same token again (no token is kept at rest). */
export interface IssuedRecord {
  jti: string;
  binding: string;
  /** Epoch ms (whole seconds). */
  issuedAt: number;
  /** Epoch ms (whole seconds). */
  expiresAt: number;
}

/** What {@link TokenState.issue}'s decision returns: a record to store (a new token), and a result. */
export interface IssueDecision<T> {
  record?: IssuedRecord;
  result: T;
}

/**
 * Where a {@link TokenRegistry} keeps the current token per app key, the last issuance and the
 * revocations. In memory for one process; in PostgreSQL for instances that must agree.
 */
export interface TokenState {
  /**
   * Look at the app key's current token and last issuance and store the decision's record, as one
   * atomic step (instances sharing the state are serialised per key).
   */
  issue<T>(
    key: string,
    now: number,
    decide: (
      current: IssuedRecord | undefined,
      lastIssueAt: number | undefined,
    ) => IssueDecision<T>,
  ): T;
  isRevoked(jti: string): boolean;
  /** Revoke `jti` until it would expire anyway; drops it as any key's current token. */
  revoke(jti: string, expiresAt: number, now: number): void;
}

/**
 * The state of one process.
 *
 * @example
 * ```ts
 * const tokens = new TokenRegistry({ state: new MemoryTokenState() });
 * ```
 */
export class MemoryTokenState implements TokenState {
  readonly #current = new Map<string, IssuedRecord>();
  readonly #lastIssue = new Map<string, number>();
  /** jti → expiry (epoch ms), pruned once expired since an expired token fails anyway. */
  readonly #revoked = new Map<string, number>();

  issue<T>(
    key: string,
    now: number,
    decide: (
      current: IssuedRecord | undefined,
      lastIssueAt: number | undefined,
    ) => IssueDecision<T>,
  ): T {
    const d = decide(this.#current.get(key), this.#lastIssue.get(key));
    if (d.record !== undefined) {
      this.#current.set(key, d.record);
      this.#lastIssue.set(key, now);
    }
    return d.result;
  }

  isRevoked(jti: string): boolean {
    return this.#revoked.has(jti);
  }

  revoke(jti: string, expiresAt: number, now: number): void {
    for (const [j, exp] of this.#revoked) if (exp <= now) this.#revoked.delete(j);
    if (expiresAt > now) this.#revoked.set(jti, expiresAt);
    for (const [key, cur] of this.#current) if (cur.jti === jti) this.#current.delete(key);
  }
}
