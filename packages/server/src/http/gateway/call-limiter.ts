/** Admits calls per key (an app key) at up to `perSecond` a second. */
export interface CallLimiter {
  /** Take one call for `key`; `false` when its budget is spent. */
  take(key: string, perSecond: number): boolean;
}
