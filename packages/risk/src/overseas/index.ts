// Overseas margin (SPAN / EUREX-style / general) and the 해외선물옵션 증거금상세 (OTFM3115R) figures.

export {
  combineOverseasRisk,
  computeOverseasClassRisk,
  type OverseasClassRisk,
  type OverseasOneSideBasis,
  type OverseasRiskBreakdown,
  type OverseasRiskComponents,
  type OverseasRiskFigures,
  overseasInitialFromMaintenance,
  overseasOneSideQuantities,
  overseasRiskComponents,
} from './class-risk.js';
export {
  compileOverseasProductClass,
  OVERSEAS_KIND_CALL,
  OVERSEAS_KIND_FUTURE,
  OVERSEAS_KIND_PUT,
  type OverseasCompiledClass,
  overseasContractKey,
} from './compile.js';
export { OverseasInputError, overseasDecimal } from './errors.js';
export { computeEurexClass, type EurexClassResult, eurexFuturesSpreads } from './eurex.js';
export {
  convertOverseasAmount,
  OVERSEAS_AMOUNT_ROUNDING,
  overseasMinorUnits,
  overseasViewCurrencyOf,
  roundOverseasAmount,
} from './fx.js';
export {
  computeOverseasGeneralMargin,
  type OverseasGeneralMargin,
  overseasGeneralRates,
} from './general.js';
export {
  generateOverseasProductClass,
  type OverseasClassGeneratorSpec,
  type OverseasGeneratedOptionSeries,
} from './generate.js';
export {
  computeOverseasMarginDetail,
  computeOverseasMarginDetailWithBreakdown,
  OVERSEAS_MARGIN_DETAIL_AMOUNT_FIELDS,
  type OverseasClassMarginDetail,
  type OverseasMarginDetailAmountField,
  type OverseasMarginDetailOutput,
  type OverseasMarginDetailResult,
  type ViewRisk as OverseasViewRisk,
} from './margin-detail.js';
export {
  computeOverseasOrderMargin,
  OVERSEAS_LONG_OPTION_ORDER_FLOOR,
  OVERSEAS_MARKET_ORDER_TICKS,
  type OverseasOrderMargin,
  type OverseasResolvedOrder,
  overseasPerContractMargin,
} from './orders.js';
export { Pa2ParseError } from './pa2-fields.js';
export {
  Pa2LineParser,
  type Pa2ParseStats,
  parsePa2,
  parsePa2Stream,
  parsePa2StreamInto,
} from './pa2-parser.js';
export type * from './pa2-records.js';
export { parsePa2Line } from './pa2-records.js';
export { loadPa2RiskParameters, Pa2RiskParameterBuilder } from './pa2-to-parameters.js';
export { type OverseasResolvedInput, resolveOverseasInput } from './resolve.js';
export { SAMPLE_OVERSEAS_FX_RATES, SAMPLE_OVERSEAS_RISK_PARAMETERS } from './samples.js';
export { type OverseasClassScenarioArray, overseasScenarioArrays } from './scenario-arrays.js';
export {
  EUREX_DEFAULT_STEPS,
  generateEurexRiskArray,
  generateSpanRiskArray,
  SPAN_PRICE_MOVES,
  SPAN_SCENARIOS,
  SPAN_VOL_MOVES,
  type SpanPricingSpec,
  type SpanScanParams,
  spanCompositeDelta,
} from './scenarios.js';
export {
  isSpanBook,
  type SpanBook,
  type SpanQuantities,
  spanBookToQuantities,
  spanNet,
  spanNetBook,
  spanNetQuantities,
  spanPrefersDense,
} from './span-book.js';
export { computeSpanClassFloat, type SpanClassFloat, spanScanRisk } from './span-class.js';
export { type SpanClassExact, spanClassExact, spanScanExact } from './span-class-exact.js';
export { SPAN_EXACT_DIVISION_SCALE, spanDecimalOf, spanDeltaExact } from './span-decimal.js';
export {
  type SpanInterInput,
  type SpanInterInputExact,
  spanInterCredits,
  spanInterCreditsExact,
} from './span-inter.js';
export { type SpanIntraResult, spanIntraSpreads } from './span-intra.js';
export {
  spanLongOptionMinimum,
  spanNetOptionValue,
  spanShortOptionMinimum,
} from './span-option-minimum.js';
export type * from './types.js';
