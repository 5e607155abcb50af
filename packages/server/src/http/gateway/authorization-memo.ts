import type { InquirySpec } from '@kisfo/protocol';
import type { Authorized } from './gateway.js';

const MAX_ENTRIES = 1024;

interface Entry {
  revision: string;
  authorized: Authorized;
}

/**
 * Requests that passed {@link authorize}, remembered by every header value the checks read and by
 * the ledger revision they were made at, so a bot polling with the same headers is not re-checked
 * against the ledger (app lookup, binding HMAC, constant-time compares, header validation) on every
 * call. The token itself is still checked on every request by the caller (expiry and revocation
 * take effect at once); any ledger write changes the revision and voids every entry. Bounded,
 * oldest out.
 *
 * @example
 * ```ts
 * const key = memo.keyOf(spec, headers);
 * const hit = memo.get(key, revision) ?? memo.set(key, revision, authorize(c, spec, deps));
 * ```
 */
export class AuthorizationMemo {
  readonly #entries = new Map<string, Entry>();

  /** Every header value the gateway's checks depend on, joined (spec headers include the secrets). */
  keyOf(spec: InquirySpec, headers: Readonly<Record<string, string | undefined>>): string {
    let key = spec.id;
    for (const h of spec.headers) key += `\0${headers[h.name] ?? '\u0001'}`;
    return key;
  }

  get(key: string, revision: string): Authorized | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    if (hit.revision !== revision) {
      this.#entries.delete(key);
      return undefined;
    }
    return hit.authorized;
  }

  set(key: string, revision: string, authorized: Authorized): void {
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { revision, authorized });
  }
}
