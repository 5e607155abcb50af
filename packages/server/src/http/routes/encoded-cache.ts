/** A response body already encoded, with what the route needs to send it again. */
export interface EncodedPage {
  json: string;
  trCont: string;
  msgCd: string;
}

const PER_SOURCE = 4;

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
 * if (hit === undefined) cache.set(result, `${appKey}|0`, { json, trCont: 'M', msgCd: 'KIOK0510' });
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
