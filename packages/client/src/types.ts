import type {
  DomesticBalancePosition,
  DomesticBalanceSummary,
  DomesticDeposit,
  GeneratedOutputTypes,
  OverseasMarginDetail,
} from './generated/fields.js';

/** `true` when A and B are the same type (mutually assignable, optionality included). */
export type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2
    ? true
    : [A] extends [B]
      ? [B] extends [A]
        ? true
        : false
      : false;

/** Names of generated interfaces that differ from the type their spec derives (none). */
type Stale = {
  [K in keyof GeneratedOutputTypes]: Same<
    GeneratedOutputTypes[K][0],
    GeneratedOutputTypes[K][1]
  > extends true
    ? never
    : K;
}[keyof GeneratedOutputTypes];

// The generated (documented) interfaces must be the spec-derived types: the build fails here,
// naming the interface, when the generated file is stale after a spec change.
const generatedMatch: [Stale] extends [never] ? true : Stale = true;
/** @internal Compile-time checks only. */
export const GENERATED_TYPES_MATCH = generatedMatch;

export type {
  DomesticBalancePosition,
  DomesticBalanceSummary,
  DomesticDeposit,
  OverseasMarginDetail,
};
