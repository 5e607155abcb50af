import { MAX_TIMER_MS } from '@kisfo/client';
import { UsageError } from './cli-errors.js';

/**
 * Read a duration: `30s`, `500ms`, `2m`, or a bare number of seconds. Returns milliseconds.
 *
 * @example
 * ```ts
 * parseDuration('1.5s', '--timeout'); // 1500
 * ```
 */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(text.trim());
  const ms = m === null ? Number.NaN : Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] ?? 's']!;
  if (!(ms >= 1)) {
    throw new UsageError(`${what} must be a duration like 30s, 500ms or 2m, got "${text}"`);
  }
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(`${what} must be at most ${MAX_TIMER_TEXT}, got "${text}"`);
  }
  return Math.round(ms);
}

/**
 * The longest wait a timer takes (2³¹ − 1 ms, about 24.8 days), the client's own limit on
 * `timeout`: checked here too so a flag or profile over it is told as theirs (exit 2 or 3).
 */
export { MAX_TIMER_MS };

/** {@link MAX_TIMER_MS} in words, for messages. */
export const MAX_TIMER_TEXT = '2147483647 ms (about 24 days)';

/** Milliseconds as the shortest of `500 ms`, `15 s`, `2 min`. */
export function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000) return `${ms / 1000} s`;
  return `${ms} ms`;
}
