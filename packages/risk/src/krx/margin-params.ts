import type { RoundingMode } from '@kisfo/protocol';

/** Rates of one margin level (initial 개시 or maintenance 유지) of a product group. */
export interface KrxMarginLevel {
  /** Scan range as a fraction of the base price (± this move is scanned). */
  priceRange: string;
  /** Futures spread rate: min(long, short) × rate × base price × multiplier. */
  spreadRate: string;
  /** Short-option minimum per contract as a fraction of base price × multiplier. */
  shortOptionMinimumRate: string;
  /** Delivery margin of physically settled futures in the delivery window, fraction of value. */
  deliveryRate: string;
  /** Item 6 of the roll-up: the group's floor in KRW. */
  groupMinimum: string;
}

/** Margin parameters of one product group (one underlying). */
export interface KrxGroupMarginParameters {
  group: string;
  initial: KrxMarginLevel;
  maintenance: KrxMarginLevel;
  /** Relative volatility shift of the up/down scenarios (0.25 → σ × 1.25 and σ × 0.75). */
  volShift: number;
  /** Option adjustment floor: this fraction of the short options' standalone worst loss. */
  optionAdjustmentRate: number;
  /** Days before the last trading day from which physical delivery margin applies. */
  deliveryWindowDays: number;
}

/** Everything the KRX-style customer margin reads. */
export interface KrxMarginParameters {
  /** Price points of the scan, odd (31 → 0 and ±15 steps). */
  pricePoints: number;
  /** Continuously compounded rate for option pricing. */
  rate: number;
  /** Dividend yield of index underlyings (Black–Scholes). */
  dividendYield: number;
  /** Minimum cash share of the requirement (0.5: at least half in cash). */
  cashRatio: string;
  /** Rounding of the scan (a float) and of each requirement to the won. */
  rounding: RoundingMode;
  groups: readonly KrxGroupMarginParameters[];
}

function level(range: string, spread: string, som: string): KrxMarginLevel {
  return {
    priceRange: range,
    spreadRate: spread,
    shortOptionMinimumRate: som,
    deliveryRate: '0',
    groupMinimum: '0',
  };
}

/**
 * Sample parameters (documented illustrations, not KRX's current figures — load the exchange's
 * parameter file in production): KOSPI200 initial 8.1 % / maintenance 5.4 % (≈ 2/3), spread
 * 0.3 % / 0.2 %, short option minimum 1.5 % / 1 %; 31 price points, vol ±25 %, 30 % option
 * adjustment; USD delivery margin 10 % within 5 days; requirements rounded up (`ceil`).
 *
 * @example
 * SAMPLE_KRX_MARGIN_PARAMETERS.groups[0]?.initial.priceRange; // '0.081'
 */
export const SAMPLE_KRX_MARGIN_PARAMETERS: KrxMarginParameters = {
  pricePoints: 31,
  rate: 0.035,
  dividendYield: 0.015,
  cashRatio: '0.5',
  rounding: 'ceil',
  groups: [
    {
      group: 'KOSPI200',
      initial: level('0.081', '0.003', '0.015'),
      maintenance: level('0.054', '0.002', '0.01'),
      volShift: 0.25,
      optionAdjustmentRate: 0.3,
      deliveryWindowDays: 0,
    },
    {
      group: 'KOSDAQ150',
      initial: level('0.12', '0.006', '0.02'),
      maintenance: level('0.08', '0.004', '0.0134'),
      volShift: 0.25,
      optionAdjustmentRate: 0.3,
      deliveryWindowDays: 0,
    },
    {
      group: 'STK-005930',
      initial: level('0.15', '0.0075', '0.02'),
      maintenance: level('0.1', '0.005', '0.0134'),
      volShift: 0.25,
      optionAdjustmentRate: 0.3,
      deliveryWindowDays: 0,
    },
    {
      group: 'SECTOR-IT',
      initial: level('0.12', '0.006', '0'),
      maintenance: level('0.08', '0.004', '0'),
      volShift: 0,
      optionAdjustmentRate: 0,
      deliveryWindowDays: 0,
    },
    {
      group: 'KTB3',
      initial: level('0.0075', '0.0006', '0'),
      maintenance: level('0.005', '0.0004', '0'),
      volShift: 0,
      optionAdjustmentRate: 0,
      deliveryWindowDays: 0,
    },
    {
      group: 'USD',
      initial: { ...level('0.045', '0.0015', '0'), deliveryRate: '0.1' },
      maintenance: { ...level('0.03', '0.001', '0'), deliveryRate: '0.067' },
      volShift: 0,
      optionAdjustmentRate: 0,
      deliveryWindowDays: 5,
    },
  ],
};
