// Domestic (KRX) derivatives: instrument master, codes, daily settlement, margin, balance.
export { computeDomesticBalance } from './balance.js';
export { DomesticBalanceBook } from './balance-book.js';
export {
  isinCheckDigit,
  KIS_FO_PRODUCT_TYPE_CODE,
  KRX_YEAR_SYMBOLS,
  type KrxInstrument,
  type KrxInstrumentFields,
  type KrxListedSeries,
  type KrxProductSource,
  krxInstrument,
  krxYearFromSymbol,
  krxYearSymbol,
  parseKrxCode,
} from './codes.js';
export { computeDomesticDeposit, type DomesticDeposit } from './deposit.js';
export {
  isWeeklyExpiry,
  KRX_PRODUCTS,
  type KrxContractKind,
  type KrxExpiryRule,
  type KrxProductSpec,
  type KrxSettlementMethod,
  type KrxTickBand,
  krxExpiryDate,
  krxProduct,
  krxTickSize,
  krxTickValue,
} from './instruments.js';
export {
  computeKrxMargin,
  type KrxGroupMargin,
  type KrxMarginInput,
  type KrxMarginPosition,
  type KrxMarginResult,
} from './margin.js';
export {
  type KrxGroupMarginParameters,
  type KrxMarginLevel,
  type KrxMarginParameters,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from './margin-params.js';
export {
  KRX_THEORETICAL_PRICE_SCALE,
  type KrxSeriesScan,
  krxOptionAdjustment,
  scanKrxSeries,
} from './margin-scan.js';
export {
  instrumentKey as krxInstrumentKey,
  KrxInputError,
  KrxMarketIndex,
  type KrxQuotedSeries,
} from './resolve.js';
export {
  domesticMarginPositions,
  type KrxGroupScan,
  type KrxScanScenario,
  krxScanScenarios,
} from './scan-scenarios.js';
export {
  type KrxDaySettlement,
  type KrxDaySettlementInput,
  type KrxDelivery,
  type KrxLot,
  type KrxSettledLeg,
  settleKrxDay,
} from './settlement.js';
export {
  type KrxBatchAmounts,
  type KrxBatchSettlement,
  krxBatchAmounts,
  settleKrxBatch,
} from './settlement-batch.js';
export {
  buildKrxSettlementBatch,
  type KrxBatchAccountInput,
  type KrxSettlementBatch,
} from './settlement-batch-build.js';
export {
  type KrxSettlementParameters,
  SAMPLE_KRX_SETTLEMENT_PARAMETERS,
} from './settlement-params.js';
export type * from './types.js';
