import {
  encodeRecord,
  MARGIN_DETAIL_CURRENCY_DECIMALS,
  type MarginDetailCurrency,
  overseasMarginDetailFields,
} from '@kisfo/protocol';

/**
 * Check that one currency view of an overseas margin detail fits the wire fields of KIS's
 * inquiry (OTFM3115R), encoded with the view's decimals as the server answers it: a figure
 * longer than its field (a rate or a price far off) would turn the inquiry into `EGW00002`.
 * Throws the `SpecError` encoding throws, every field at fault listed (`output.fm_...`).
 *
 * @example
 * ```ts
 * assertMarginDetailFitsWire(computeOverseasMarginDetail(input).output, 'TKR');
 * ```
 */
export function assertMarginDetailFitsWire(output: object, view: MarginDetailCurrency): void {
  encodeRecord(
    overseasMarginDetailFields,
    output as Record<string, unknown>,
    { currencyDecimals: MARGIN_DETAIL_CURRENCY_DECIMALS[view] },
    'output',
  );
}
