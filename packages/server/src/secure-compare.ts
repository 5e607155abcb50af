import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compare two secrets in constant time. Both sides are hashed first so that neither the content nor
 * the length of the expected value leaks through timing.
 *
 * @example
 * ```ts
 * secureEqual(headers.appsecret, app.appSecret); // true only for the same string
 * ```
 */
export function secureEqual(given: string | undefined, expected: string): boolean {
  const a = createHash('sha256')
    .update(given ?? '')
    .digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given !== undefined;
}
