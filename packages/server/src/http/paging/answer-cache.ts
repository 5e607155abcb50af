import type { InquiryAnswer } from '../routes/inquiry-bindings.js';

/**
 * The last answers of paged inquiries, so the pages after the first slice the answer page 1 was cut
 * from instead of recomputing every position per page (an account of 10,000 positions has 500
 * pages). An entry is used only while the account version is unchanged. Least recently used first out.
 *
 * @example
 * ```ts
 * const cache = new AnswerCache(64);
 * cache.set(key, answer);
 * cache.get(key, currentVersion); // the answer, or undefined when the version moved on
 * ```
 */
export class AnswerCache {
  readonly #max: number;
  readonly #entries = new Map<string, InquiryAnswer>();

  constructor(max = 64) {
    this.#max = max;
  }

  get(key: string, version: string): InquiryAnswer | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    this.#entries.delete(key);
    if (hit.version !== version) return undefined;
    this.#entries.set(key, hit);
    return hit;
  }

  set(key: string, answer: InquiryAnswer): void {
    this.#entries.delete(key);
    this.#entries.set(key, answer);
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
