import type {
  DecodedRecord,
  domesticBalancePositionFields,
  domesticBalanceSummaryFields,
  overseasMarginDetailFields,
} from '@kisfo/protocol';
import type {
  DomesticBalancePosition,
  DomesticBalanceSummary,
  OverseasMarginDetail,
} from './generated/fields.js';

/** The decoded types exactly as the protocol derives them from the spec tables. */
export type DerivedBalancePosition = DecodedRecord<typeof domesticBalancePositionFields>;
export type DerivedBalanceSummary = DecodedRecord<typeof domesticBalanceSummaryFields>;
export type DerivedMarginDetail = DecodedRecord<typeof overseasMarginDetailFields>;

/** `true` when A and B are the same type (mutually assignable, optionality included). */
export type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2
    ? true
    : [A] extends [B]
      ? [B] extends [A]
        ? true
        : false
      : false;

// The generated (documented) interfaces must be the spec-derived types: the build fails here
// when the generated file is stale after a spec change.
const positionMatches: Same<DomesticBalancePosition, DerivedBalancePosition> = true;
const summaryMatches: Same<DomesticBalanceSummary, DerivedBalanceSummary> = true;
const marginMatches: Same<OverseasMarginDetail, DerivedMarginDetail> = true;
/** @internal Compile-time checks only. */
export const GENERATED_TYPES_MATCH = positionMatches && summaryMatches && marginMatches;

export type { DomesticBalancePosition, DomesticBalanceSummary, OverseasMarginDetail };
