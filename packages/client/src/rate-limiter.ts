import { type Clock, systemClock } from './clock.js';

/** Rate limit options: calls per second per app key, or `false` to send unthrottled. */
export interface RateLimitOptions {
  /** Calls allowed in any one-second window (default: real 20, paper 2). */
  perSecond?: number;
  /**
   * Extra milliseconds added to the window, for clock granularity between this process and the
   * server (default 5). Jitter needs no margin when the transport holds its permits until the
   * answer arrives (see {@link RateLimiter.acquirePermit}).
   */
  marginMs?: number;
  /** How long the whole queue waits after an `EGW00201` (default: one window). */
  pauseMs?: number;
}

/**
 * What is wrong with rate-limit options, if anything: calls a whole number ≥ 1 (the limiter
 * counts permits, so 1.5 would allow 2), margin and pause finite and ≥ 0 (a negative margin
 * would shorten the window below the server's second).
 */
export function rateLimitProblem(
  r: RateLimitOptions,
): { field: 'perSecond' | 'marginMs' | 'pauseMs'; problem: string } | undefined {
  const perSecond = r.perSecond ?? DEFAULT_PER_SECOND;
  if (!Number.isInteger(perSecond) || perSecond < 1)
    return { field: 'perSecond', problem: `must be a whole number ≥ 1 (got ${perSecond})` };
  for (const field of ['marginMs', 'pauseMs'] as const) {
    const v = r[field];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0))
      return { field, problem: `must be a number of ms ≥ 0 (got ${v})` };
  }
  return undefined;
}

const DEFAULT_PER_SECOND = 20;

/** The limits options ask for, defaults filled in; a RangeError naming what is wrong. */
function limitsOf(options: RateLimitOptions): {
  perSecond: number;
  windowMs: number;
  pauseMs: number;
} {
  const problem = rateLimitProblem(options);
  if (problem !== undefined) throw new RangeError(`rateLimit.${problem.field} ${problem.problem}`);
  const windowMs = 1000 + (options.marginMs ?? 5);
  return {
    perSecond: options.perSecond ?? DEFAULT_PER_SECOND,
    windowMs,
    pauseMs: options.pauseMs ?? windowMs,
  };
}

/** A permit taken: free again `windowMs` after `freeAt` is set by its release (∞ while held). */
interface Held {
  freeAt: number;
}

/**
 * A permit from {@link RateLimiter.acquirePermit}: call `release()` once the answer's headers are
 * in (the server counted the call before it sent them).
 */
export interface Permit {
  release(): void;
}

const noop = () => {};

interface Waiter {
  resolve: (held: Held) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  fromStart: boolean;
}

/**
 * An awaitable limiter: at most `perSecond` calls start in any window of one second (plus a
 * margin). A permit from {@link acquire} comes back one window after it was taken; one from
 * {@link acquirePermit} one window after it is released, i.e. when the answer's headers arrived. The server
 * counts a call at some moment between its sending and its answer, so counting from the answer
 * keeps any two uses of a permit a full window apart as the server sees them, however late a
 * busy or cold server handles a burst. Either way the limiter satisfies a server counting by
 * fixed windows, sliding windows or a token bucket.
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
  /** Permits still counted: held ones (∞) and released ones until they free. */
  private readonly held: Held[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RateLimitOptions = {}, clock: Clock = systemClock) {
    const limits = limitsOf(options);
    this.perSecond = limits.perSecond;
    this.windowMs = limits.windowMs;
    this.pauseMs = limits.pauseMs;
    this.clock = clock;
  }

  /**
   * Take on another client's wishes for the same app key: the strictest of both, fewest calls,
   * longest window, longest pause. The server counts the app key's calls, whichever client
   * sends them, so the shared limiter must satisfy every one of its clients.
   *
   * @example
   * ```ts
   * sharedRateLimiter('real', appKey, { perSecond: 20 }).tighten({ perSecond: 18 }); // now 18
   * ```
   */
  tighten(options: RateLimitOptions): void {
    const other = limitsOf(options);
    const self = this as { -readonly [K in 'perSecond' | 'windowMs' | 'pauseMs']: number };
    self.perSecond = Math.min(this.perSecond, other.perSecond);
    self.windowMs = Math.max(this.windowMs, other.windowMs);
    self.pauseMs = Math.max(this.pauseMs, other.pauseMs);
  }

  /**
   * Wait for a permit, counted from now for one window. Rejects with the signal's reason if it
   * aborts while waiting.
   */
  acquire(signal?: AbortSignal): Promise<void> {
    return this.take(signal, true).then(noop);
  }

  /**
   * Wait for a permit that stays taken until `release()` and then counts for one more window
   * (the transport releases it when the answer is in, or the call failed).
   *
   * @example
   * ```ts
   * const permit = await limiter.acquirePermit(signal);
   * try { await send(); } finally { permit.release(); }
   * ```
   */
  async acquirePermit(signal?: AbortSignal): Promise<Permit> {
    const held = await this.take(signal, false);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        held.freeAt = this.clock.now() + this.windowMs;
        this.schedule();
      },
    };
  }

  /** A permit: counted from now when `fromStart`, else held until released. */
  private take(signal: AbortSignal | undefined, fromStart: boolean): Promise<Held> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.queue.length === 0) {
      const held = this.tryTake(fromStart);
      if (held !== undefined) return Promise.resolve(held);
    }
    return new Promise<Held>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined, fromStart };
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
  /** Milliseconds until a permit frees: 0 when one is free now, ∞ while all are held. */
  private waitMs(now: number): number {
    let soonest = Number.POSITIVE_INFINITY;
    for (let i = this.held.length - 1; i >= 0; i--) {
      const freeAt = this.held[i]!.freeAt;
      if (freeAt <= now) this.held.splice(i, 1);
      else if (freeAt < soonest) soonest = freeAt;
    }
    let wait = this.pausedUntil > now ? this.pausedUntil - now : 0;
    if (this.held.length >= this.perSecond) {
      const frees = soonest - now;
      if (frees > wait) wait = frees;
    }
    return wait;
  }

  private tryTake(fromStart: boolean): Held | undefined {
    if (this.waitMs(this.clock.now()) > 0) return undefined;
    return this.grant(fromStart);
  }

  private grant(fromStart: boolean): Held {
    const held = {
      freeAt: fromStart ? this.clock.now() + this.windowMs : Number.POSITIVE_INFINITY,
    };
    this.held.push(held);
    return held;
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      const wait = this.waitMs(this.clock.now());
      if (wait > 0) {
        // Every permit held: a release schedules again, no timer needed.
        if (wait === Number.POSITIVE_INFINITY) return;
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.schedule();
        }, wait);
        return;
      }
      const waiter = this.queue.shift()!;
      const held = this.grant(waiter.fromStart);
      if (waiter.onAbort !== undefined) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(held);
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
  // Keyed by the app key alone: clients asking for different rates still share one limiter,
  // which keeps the strictest rate any of them asked for (see RateLimiter.tighten).
  const key = `${env}|${fingerprint(appKey)}`;
  let limiter = registry.get(key);
  if (limiter === undefined) {
    limiter = new RateLimiter(options, clock);
    registry.set(key, limiter);
  } else limiter.tighten(options);
  return limiter;
}
