import type { AccountRef } from '../../contracts.js';

/** A response body already encoded to its bytes, with what the route needs to send it again. */
export interface EncodedPage {
  bytes: Uint8Array;
  trCont: string;
  msgCd: string;
}

/** A page as served for one request: its bytes and the account the query named. */
export interface ServedPage extends EncodedPage {
  account: AccountRef;
}

const PER_SOURCE = 4;
const SERVED_MAX = 512;

/**
 * Encoded bodies per back-office result object. A back office that hands out the same result object
 * while nothing changed (the ledger caches by account version) gets the encoding and the sealing of
 * keys done once per page instead of once per request: bots poll page 1 of the same account all
 * day. Result objects are treated as immutable; entries die with them (WeakMap) and at most a few
 * pages are kept per result.
 *
 * @example
 * ```ts
 * const hit = cache.get(result, `${appKey}|0`);
 * if (hit === undefined) cache.set(result, `${appKey}|0`, { bytes, trCont: 'M', msgCd: 'KIOK0510' });
 * ```
 */
export class EncodedCache {
  readonly #bySource = new WeakMap<object, Map<string, EncodedPage>>();

  get(source: object | undefined, key: string): EncodedPage | undefined {
    return source === undefined ? undefined : this.#bySource.get(source)?.get(key);
  }

  set(source: object | undefined, key: string, page: EncodedPage): void {
    if (source === undefined) return;
    let pages = this.#bySource.get(source);
    if (pages === undefined) {
      pages = new Map();
      this.#bySource.set(source, pages);
    }
    if (pages.size >= PER_SOURCE) {
      const oldest = pages.keys().next().value;
      if (oldest !== undefined) pages.delete(oldest);
    }
    pages.set(key, page);
  }
}

/**
 * Page bytes by request (path, app key, query string) and ledger revision: while the back office's
 * revision is unchanged, the same request gets the same bytes without asking the back office
 * again. Every ledger write changes the revision, so a stale page is never served; an entry from
 * another revision is dropped when met. Only successful pages are kept. Bounded, oldest out.
 *
 * @example
 * ```ts
 * const key = `${path}\0${appKey}\0${search}`;
 * const hit = served.get(key, revision);
 * if (hit === undefined) served.set(key, revision, page);
 * ```
 */
export class ServedPages {
  readonly #entries = new Map<string, { revision: string; page: ServedPage }>();

  get(key: string, revision: string): ServedPage | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    if (hit.revision !== revision) {
      this.#entries.delete(key);
      return undefined;
    }
    return hit.page;
  }

  set(key: string, revision: string, page: ServedPage): void {
    this.#entries.delete(key);
    if (this.#entries.size >= SERVED_MAX) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { revision, page });
  }
}
