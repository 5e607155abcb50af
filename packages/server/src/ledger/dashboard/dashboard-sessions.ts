import { randomBytes } from 'node:crypto';
import { secureEqual } from '../../secure-compare.js';

/**
 * Who may read the dashboard API: the admin token, or a session token a page got by redeeming a
 * one-time link code. The admin token never reaches the browser: `kisfo serve` and
 * `kisfo dashboard` print a URL whose fragment holds a code, the page trades it for a session
 * token (kept in `sessionStorage`) and the code is spent.
 *
 * @example
 * ```ts
 * const s = new DashboardSessions(adminToken);
 * const code = s.issueCode();
 * const token = s.redeem(code); // a session token; redeeming `code` again gives undefined
 * s.allows(`Bearer ${token}`); // true
 * ```
 */
export class DashboardSessions {
  private readonly codes = new Set<string>();
  private readonly sessions = new Set<string>();

  constructor(
    private readonly adminToken: string | undefined,
    private readonly maxSessions = 64,
  ) {}

  /** A new one-time link code. */
  issueCode(): string {
    const code = randomBytes(18).toString('base64url');
    this.codes.add(code);
    return code;
  }

  /** Spend a code: a session token, or `undefined` for an unknown or spent code. */
  redeem(code: unknown): string | undefined {
    if (typeof code !== 'string' || !this.codes.delete(code)) return undefined;
    const token = randomBytes(24).toString('base64url');
    this.sessions.add(token);
    // Oldest sessions go first when too many pages were opened.
    if (this.sessions.size > this.maxSessions)
      this.sessions.delete(this.sessions.values().next().value as string);
    return token;
  }

  /** Whether an `Authorization` header value carries the admin token. */
  isAdmin(authorization: string | undefined): boolean {
    const given = bearer(authorization);
    return this.adminToken !== undefined && secureEqual(given, this.adminToken);
  }

  /** Whether an `Authorization` header value carries the admin token or a live session token. */
  allows(authorization: string | undefined): boolean {
    const given = bearer(authorization);
    if (given === undefined) return false;
    if (this.isAdmin(authorization)) return true;
    for (const s of this.sessions) if (secureEqual(given, s)) return true;
    return false;
  }
}

function bearer(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}
