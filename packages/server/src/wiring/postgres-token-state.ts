import { randomBytes } from 'node:crypto';
import type { IssueDecision, IssuedRecord, TokenState } from '../http/index.js';
import type { PgBridge, SqlStatement } from '../ledger/index.js';

type Row = Record<string, unknown>;

/**
 * Token state in PostgreSQL, so every instance on the database agrees: a token issued by one is
 * valid on all (with the shared signing secret), revoked on all at once (each check reads the
 * revocation table), and the one-issuance-per-minute and same-token-within-6-h rules hold across
 * them (the issuance row is locked `FOR UPDATE` while an instance decides). No token is stored:
 * the record (jti, binding, times) signs the same token again.
 *
 * @example
 * ```ts
 * const tokens = new TokenRegistry({ secret: sharedTokenSecret(db), state: new PostgresTokenState(db) });
 * ```
 */
export class PostgresTokenState implements TokenState {
  constructor(private readonly db: PgBridge) {}

  issue<T>(
    appKeyEnv: string,
    now: number,
    decide: (
      current: IssuedRecord | undefined,
      lastIssueAt: number | undefined,
    ) => IssueDecision<T>,
  ): T {
    const key = appKeyEnv.replaceAll('\0', ' ');
    const [, , rows] = this.#tx([
      { text: 'BEGIN' },
      {
        text: 'INSERT INTO token_issues (key) VALUES ($1) ON CONFLICT (key) DO NOTHING',
        values: [key],
        name: 'kisfo_tok_ins',
      },
      {
        text: 'SELECT * FROM token_issues WHERE key = $1 FOR UPDATE',
        values: [key],
        name: 'kisfo_tok_sel',
      },
    ]);
    try {
      const r = rows![0] as Row;
      const current: IssuedRecord | undefined =
        r.jti === null
          ? undefined
          : {
              jti: String(r.jti),
              binding: String(r.binding),
              issuedAt: Number(r.issued_at),
              expiresAt: Number(r.expires_at),
            };
      const last = r.last_issue_at === null ? undefined : Number(r.last_issue_at);
      const d = decide(current, last);
      const tail: SqlStatement[] = [];
      if (d.record !== undefined) {
        tail.push({
          text: 'UPDATE token_issues SET jti = $2, binding = $3, issued_at = $4, expires_at = $5, last_issue_at = $6 WHERE key = $1',
          values: [key, d.record.jti, d.record.binding, d.record.issuedAt, d.record.expiresAt, now],
          name: 'kisfo_tok_upd',
        });
      }
      this.#tx([...tail, { text: 'COMMIT' }]);
      return d.result;
    } catch (e) {
      this.#tx([{ text: 'ROLLBACK' }]);
      throw e;
    }
  }

  /** Run statements that open a transaction; on failure roll it back before rethrowing. */
  #tx(stmts: SqlStatement[]): Record<string, unknown>[][] {
    try {
      return this.db.run(stmts);
    } catch (e) {
      try {
        this.db.run([{ text: 'ROLLBACK' }]);
      } catch {
        // the connection is gone, and the transaction with it
      }
      throw e;
    }
  }

  isRevoked(jti: string): boolean {
    return (
      this.db.query('SELECT 1 FROM revoked_tokens WHERE jti = $1', [jti], 'kisfo_tok_rev').length >
      0
    );
  }

  revoke(jti: string, expiresAt: number, now: number): void {
    this.#tx([
      { text: 'BEGIN' },
      { text: 'DELETE FROM revoked_tokens WHERE expires_at <= $1::bigint', values: [now] },
      {
        text: 'INSERT INTO revoked_tokens (jti, expires_at) SELECT $1, $2::bigint WHERE $2::bigint > $3::bigint ON CONFLICT (jti) DO NOTHING',
        values: [jti, expiresAt, now],
      },
      {
        text: 'UPDATE token_issues SET jti = NULL, binding = NULL, issued_at = NULL, expires_at = NULL WHERE jti = $1',
        values: [jti],
      },
      { text: 'COMMIT' },
    ]);
  }
}

/**
 * The token signing secret every instance on the database shares: created by the first instance
 * (64 random bytes), read by the others. It lives only in the database, like the app secrets.
 */
export function sharedTokenSecret(db: PgBridge): Buffer {
  const [, rows] = db.run([
    {
      text: "INSERT INTO server_secrets (name, value) VALUES ('token-signing', $1) ON CONFLICT (name) DO NOTHING",
      values: [randomBytes(64).toString('base64')],
    },
    { text: "SELECT value FROM server_secrets WHERE name = 'token-signing'" },
  ]);
  return Buffer.from(String(rows![0]!.value), 'base64');
}
