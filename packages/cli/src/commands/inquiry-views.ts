import type { INQUIRY_SPECS } from '@kisfo/protocol';

/**
 * The `kisfo` command that shows each inquiry spec. Typed over the protocol's spec list, so a new
 * spec does not compile until it has a view here (or `null`, stating it has none on purpose); a
 * test runs each command against the server and checks the request it sent.
 *
 * @example
 * ```ts
 * INQUIRY_COMMANDS.domesticInquireDeposit; // 'deposit'
 * ```
 */
export const INQUIRY_COMMANDS = {
  domesticInquireBalance: 'balance',
  domesticInquireDeposit: 'deposit',
  overseasMarginDetail: 'margin',
} as const satisfies Record<keyof typeof INQUIRY_SPECS, string | null>;
