import type { INQUIRY_SPECS } from '@kisfo/protocol';

/**
 * The `KisClient` method that calls each inquiry spec, as `resource.method`. Typed over the
 * protocol's spec list, so a new spec does not compile until it has a method here (or `null`,
 * stating it has none on purpose); a test calls each one against the server and checks the
 * request it sent.
 *
 * @example
 * ```ts
 * CLIENT_INQUIRY_METHODS.domesticInquireDeposit; // 'domesticFutureOption.inquireDeposit'
 * ```
 */
export const CLIENT_INQUIRY_METHODS = {
  domesticInquireBalance: 'domesticFutureOption.inquireBalance',
  domesticInquireDeposit: 'domesticFutureOption.inquireDeposit',
  overseasMarginDetail: 'overseasFutureOption.marginDetail',
} as const satisfies Record<keyof typeof INQUIRY_SPECS, string | null>;
