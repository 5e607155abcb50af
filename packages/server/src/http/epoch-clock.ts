/**
 * Milliseconds since the epoch, read on demand: the server's notion of "now", injected so tests
 * can move time (token reuse, throttling, expiry, call limits). A bare function, unlike the
 * client's `Clock` object (which also sleeps and draws jitter).
 */
export type EpochClock = () => number;

/** The wall clock, `Date.now()`. */
export const systemEpochClock: EpochClock = () => Date.now();
