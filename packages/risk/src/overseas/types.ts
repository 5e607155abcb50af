/**
 * Input and parameter types of the overseas margin engines (SPAN, EUREX-style, general).
 *
 * Everything here is plain JSON: amounts, prices and rates are decimal strings (or Decimals),
 * risk arrays are numbers (they feed a float scenario scan and are rounded once at the edge).
 * An instrument is named by exchange + product (class) code + contract month (+ put/call + strike).
 */
import type { Decimal } from '@kisfo/protocol';

/** A decimal amount or price as it travels: a Decimal, or its plain text (`"1370.50"`). */
export type OverseasDecimalInput = Decimal | string;

/** Currencies an overseas product class can be margined in (ISO 4217). */
export type OverseasCurrency = 'USD' | 'EUR' | 'HKD' | 'JPY' | 'CNY' | 'VND' | 'SGD' | 'GBP';

/** KIS margin-detail views: `TKR` everything in KRW, `TUS` everything in USD, else one currency. */
export type OverseasViewCurrency = 'TKR' | 'TUS' | 'USD' | 'HKD' | 'CNY' | 'JPY' | 'VND';

/** How a product class is margined. */
export type OverseasMarginMethod = 'span' | 'eurex' | 'general';

/** Contract kind: a future, or a call/put option on the class's future. */
export type OverseasContractKind = 'future' | 'call' | 'put';

/** Short option minimum method: `sum` = short calls + short puts (CME "2"), `max` = the larger (CME "1"). */
export type SpanShortOptionMinimumMethod = 'sum' | 'max';

/** One contract (future month or option series) of a product class. */
export interface OverseasContractParams {
  kind: OverseasContractKind;
  /** Contract month CCYYMM (for options, the option's expiry month). */
  contractMonth: string;
  /** Option strike in price units (options only). */
  strike?: string;
  /** Futures month CCYYMM an option exercises into; also its intra-spread tier month. */
  underlyingMonth?: string;
  /** Settlement (or current) price in price units. */
  settlementPrice: string;
  /**
   * Loss of one long contract per scenario, in the class currency, loss positive. 16 values for
   * `span` (the covered fraction already applied to 15/16), `2 × steps + 1` for `eurex` (moves
   * −steps…+steps in order). Unused by `general`.
   */
  riskArray?: readonly number[];
  /** SPAN composite delta (futures 1). */
  compositeDelta?: number;
  /** Delta scaling factor (pa2 "B"), default 1. */
  deltaScalingFactor?: number;
  /** Short option minimum per contract when it differs by strike (else the class rate). */
  shortOptionMinimum?: string;
  /** General method: initial margin per contract (futures, short options). */
  generalInitial?: string;
  /** General method: maintenance margin per contract (futures, short options). */
  generalMaintenance?: string;
  /** Per-contract (order) margin override, initial; else derived from the method. */
  perContractMargin?: string;
}

/** A delta tier for intra-commodity spreading: contract months `startMonth..endMonth` inclusive. */
export interface SpanTier {
  tier: number;
  startMonth: string;
  endMonth: string;
}

/** One leg of an intra-commodity spread: a tier, its delta per spread and its side. */
export interface SpanIntraSpreadLeg {
  tier: number;
  deltaPerSpread: number;
  /** Legs on side `A` must have the opposite delta sign of legs on side `B`. */
  side: 'A' | 'B';
}

/** A tier-to-tier intra-commodity spread; the array order is the priority order. */
export interface SpanIntraSpread {
  /** Charge per spread formed, in the class currency. */
  rate: string;
  legs: readonly SpanIntraSpreadLeg[];
}

/** Spot (delivery) month charge. */
export interface SpanSpotCharge {
  /** Contract month CCYYMM in delivery. */
  month: string;
  /** Charge per delta consumed by intra spreads. */
  spreadRate: string;
  /** Charge per delta remaining as outright. */
  outrightRate: string;
}

/** One leg of an inter-commodity spread. */
export interface SpanInterSpreadLeg {
  exchange: string;
  classCode: string;
  deltaPerSpread: number;
  side: 'A' | 'B';
}

/** An inter-commodity spread credit; the array order is the priority order. */
export interface SpanInterSpread {
  /** Credit rate as a fraction (0.5 = 50 %). */
  creditRate: string;
  legs: readonly SpanInterSpreadLeg[];
}

/** How a class's risk arrays were (or are to be) generated when no exchange file gives them. */
export interface OverseasScanSpec {
  /** Price scan range in price units (SPAN) or the EUREX margin interval. */
  priceScanRange: string;
  /** Volatility scan range, absolute (0.05 = 5 vol points). */
  volScanRange: string;
  /** Extreme move as a multiple of the price scan range (CME 3). */
  extremeMove: string;
  /** Fraction of the extreme-move loss covered (CME 0.33). Applied once, when generating. */
  coveredFraction: string;
}

/** A product class (SPAN combined commodity) and everything needed to margin it. */
export interface OverseasProductClass {
  exchange: string;
  /** Product (combined commodity) code, e.g. `ES`. */
  classCode: string;
  currency: OverseasCurrency;
  method: OverseasMarginMethod;
  /** Minimum price step. */
  tickSize: string;
  /** Value of one tick for one contract, in the class currency. */
  tickValue: string;
  /** Contract multiplier (currency per price point). */
  multiplier: string;
  /** Initial (위탁) ÷ maintenance (유지); 1.1 in the KIS example. */
  initialToMaintenance: string;
  contracts: readonly OverseasContractParams[];
  /** Delta tiers (by futures month); default: every month its own tier. */
  tiers?: readonly SpanTier[];
  /** Intra-commodity spreads in priority order (SPAN). */
  intraSpreads?: readonly SpanIntraSpread[];
  /** Spot-month charges (SPAN). */
  spotCharges?: readonly SpanSpotCharge[];
  /** Short option minimum per short contract and its method. */
  shortOptionMinimum?: { rate: string; method: SpanShortOptionMinimumMethod };
  /** EUREX: futures calendar spread charge per spread (maintenance). */
  futuresSpreadRate?: string;
  /** EUREX: number of grid steps each side (default 14 → 29 points). */
  eurexSteps?: number;
  /** General: futures calendar spread margin per spread {initial, maintenance}. */
  generalSpread?: { initial: string; maintenance: string };
  /** How the risk arrays were generated (documentation; samples fill it). */
  scan?: OverseasScanSpec;
  /** Free text: where these numbers come from (samples say so). */
  source?: string;
}

/** A full risk-parameter set: product classes plus inter-commodity spreads. */
export interface OverseasRiskParameters {
  /** Business date CCYYMMDD. */
  businessDate?: string;
  classes: readonly OverseasProductClass[];
  interSpreads?: readonly SpanInterSpread[];
  source?: string;
}

/** An instrument reference: exchange + product code + contract month (+ put/call + strike). */
export interface OverseasInstrumentRef {
  exchange: string;
  classCode: string;
  /** CCYYMM. */
  contractMonth: string;
  /** Absent or `future` for futures. */
  kind?: OverseasContractKind;
  strike?: OverseasDecimalInput;
}

/** An open position: signed quantity (long > 0, short < 0) in contracts. */
export interface OverseasPositionInput extends OverseasInstrumentRef {
  quantity: OverseasDecimalInput | number;
}

/** An unfilled order. Only opening orders carry margin; closing orders are ignored. */
export interface OverseasOrderInput extends OverseasInstrumentRef {
  side: 'buy' | 'sell';
  /** Unfilled quantity (> 0). */
  quantity: OverseasDecimalInput | number;
  /** `limit` (needs `price`) or `market`. */
  priceType: 'limit' | 'market';
  price?: OverseasDecimalInput;
  /** Current price for market orders; default the contract's settlement price. */
  currentPrice?: OverseasDecimalInput;
  /** `open` (신규) or `close` (청산); default `open`. */
  openClose?: 'open' | 'close';
}

/** Long options reserved for exercise (행사예약). */
export interface OverseasExerciseReservationInput extends OverseasInstrumentRef {
  quantity: OverseasDecimalInput | number;
}

/** Account equity (예탁자산평가) per currency. */
export interface OverseasBalanceInput {
  currency: OverseasCurrency | 'KRW';
  equity: OverseasDecimalInput;
}

/** The account part of the input. */
export interface OverseasAccountInput {
  cano: string;
  acnt_prdt_cd: string;
  balances: readonly OverseasBalanceInput[];
  /** 계좌순위험증거금적용여부, echoed; default `Y`. */
  netRiskMarginApplied?: 'Y' | 'N';
}

/** FX rates of the inquiry date: KRW per one unit of each currency (`USD: "1370.00"`). */
export type OverseasFxRates = Readonly<Partial<Record<OverseasCurrency, OverseasDecimalInput>>>;

/** Everything {@link computeOverseasMarginDetail} needs. */
export interface OverseasMarginDetailInput {
  account: OverseasAccountInput;
  positions: readonly OverseasPositionInput[];
  orders?: readonly OverseasOrderInput[];
  exerciseReservations?: readonly OverseasExerciseReservationInput[];
  riskParameters: OverseasRiskParameters;
  fxRates: OverseasFxRates;
  /** INQR_DT, YYYYMMDD. */
  inqrDt: string;
  /** CRCY_CD. */
  crcyCd: OverseasViewCurrency;
  /**
   * The one-side liquidation policy (일방해소증거금), a broker's choice: margin each price side
   * alone and charge the larger when it exceeds the netted figure, reporting both. Default false:
   * standard SPAN / EUREX-style figures, as the exchanges publish them.
   */
  oneSideLiquidation?: boolean;
}
