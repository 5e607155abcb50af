/** Milliseconds since the epoch; injected so tests can move time (token reuse, throttling, expiry). */
export type Clock = () => number;

/** The wall clock. */
export const systemClock: Clock = () => Date.now();

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

/**
 * Format an instant the way KIS writes `access_token_token_expired`: Korea time (UTC+9), no zone.
 *
 * @example
 * ```ts
 * koreaDateTime(Date.UTC(2023, 11, 21, 23, 16, 59)); // '2023-12-22 08:16:59'
 * ```
 */
export function koreaDateTime(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
