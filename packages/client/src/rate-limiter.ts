import { type Clock, systemClock } from './clock.js';

/** Rate limit options: calls per second per app key, or `false` to send unthrottled. */
export interface RateLimitOptions {
  /** Calls allowed in any one-second window (default: real 20, paper 2). */
  perSecond?: number;
  /**
   * Extra milliseconds added to the window so that network jitter cannot squeeze two windows'
   * worth of calls into one second as the server sees it (default 25).
   */
  marginMs?: number;
  /** How long the whole queue waits after an `EGW00201` (default: one window). */
  pauseMs?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/**
 * An awaitable limiter: at most `perSecond` calls start in any window of one second (plus a
 * margin). Each permit comes back to the bucket one window after it was taken, so the limiter
 * satisfies a server counting by fixed windows, sliding windows or a token bucket alike.
 * Waiters are served first in, first out; one `setTimeout` is armed only while someone waits,
 * with the exact time the next permit frees (no polling).
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ perSecond: 20 });
 * await limiter.acquire(signal); // then send the request
 * ```
 */
export class RateLimiter {
  readonly perSecond: number;
  readonly windowMs: number;
  readonly pauseMs: number;
  private readonly clock: Clock;
  /** Start times of the calls in the current window, oldest first. */
  private readonly starts: number[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RateLimitOptions = {}, clock: Clock = systemClock) {
    this.perSecond = options.perSecond ?? 20;
    if (!(this.perSecond > 0)) throw new RangeError('rateLimit.perSecond must be positive');
    this.windowMs = 1000 + (options.marginMs ?? 25);
    this.pauseMs = options.pauseMs ?? this.windowMs;
    this.clock = clock;
  }

  /** Wait for a permit. Rejects with the signal's reason if it aborts while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.queue.length === 0 && this.tryTake()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal !== undefined) {
        waiter.onAbort = () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(signal.reason);
          this.schedule();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.schedule();
    });
  }

  /**
   * The server said "too many calls" (`EGW00201`): hold every caller of this app key for a
   * window, so the server's own window empties before anyone of this process sends again.
   */
  pause(ms = this.pauseMs): void {
    const until = this.clock.now() + ms;
    if (until > this.pausedUntil) this.pausedUntil = until;
    this.schedule();
  }

  /** Calls waiting for a permit. */
  get pending(): number {
    return this.queue.length;
  }

  /** Milliseconds until a permit frees (0 when one is free now). */
  private waitMs(now: number): number {
    while (this.starts.length > 0 && this.starts[0]! + this.windowMs <= now) this.starts.shift();
    let wait = this.pausedUntil > now ? this.pausedUntil - now : 0;
    if (this.starts.length >= this.perSecond) {
      const frees = this.starts[this.starts.length - this.perSecond]! + this.windowMs - now;
      if (frees > wait) wait = frees;
    }
    return wait;
  }

  private tryTake(): boolean {
    const now = this.clock.now();
    if (this.waitMs(now) > 0) return false;
    this.starts.push(now);
    return true;
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      const wait = this.waitMs(this.clock.now());
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.schedule();
        }, wait);
        return;
      }
      const waiter = this.queue.shift()!;
      this.starts.push(this.clock.now());
      if (waiter.onAbort !== undefined) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
  }
}

// One limiter per app key in the process: KIS counts calls per app key, whichever client sends.
const registry = new Map<string, RateLimiter>();

/** A cheap, synchronous, non-cryptographic digest: the registry is in memory only. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16)}:${text.length}`;
}

/**
 * The process-wide limiter of an app key (created on first use with these options).
 *
 * @example
 * ```ts
 * sharedRateLimiter('real', appKey, { perSecond: 18 }).acquire();
 * ```
 */
export function sharedRateLimiter(
  env: string,
  appKey: string,
  options: RateLimitOptions,
  clock: Clock = systemClock,
): RateLimiter {
  const key = `${env}|${fingerprint(appKey)}|${options.perSecond}|${options.marginMs ?? ''}`;
  let limiter = registry.get(key);
  if (limiter === undefined) {
    limiter = new RateLimiter(options, clock);
    registry.set(key, limiter);
  }
  return limiter;
}
