import type { RoundingMode } from '@kisfo/protocol';

/**
 * Fee and rounding parameters of the daily settlement (data, not code).
 * `feeRates` maps a KRX product code to a rate on traded value (qty × price × multiplier);
 * `default` applies to codes not listed.
 */
export interface KrxSettlementParameters {
  feeRates: Readonly<Record<string, string>>;
  /** Rounding of each fill's fee to the won. */
  feeRounding: RoundingMode;
  /**
   * Rounding of each settlement sum (당일차금, 갱신차금, 옵션차금, final settlement, P&L, 매입/평가금액)
   * to the won. Must be symmetric (`down`, `half-up`, `half-even`, `up`) so opposite accounts
   * stay zero-sum.
   */
  amountRounding: RoundingMode;
}

/**
 * Sample parameters: futures 0.003 %, options 0.15 % of traded value (typical online-broker
 * levels; replace with the ledger's fee schedule), fees and amounts truncated below 1 won
 * (KRX 원 미만 절사).
 *
 * @example
 * SAMPLE_KRX_SETTLEMENT_PARAMETERS.feeRates['101']; // '0.00003'
 */
export const SAMPLE_KRX_SETTLEMENT_PARAMETERS: KrxSettlementParameters = {
  feeRates: {
    default: '0.00003',
    '101': '0.00003',
    '105': '0.00003',
    '201': '0.0015',
    '301': '0.0015',
    '205': '0.0015',
    '305': '0.0015',
    '209': '0.0015',
    '309': '0.0015',
  },
  feeRounding: 'down',
  amountRounding: 'down',
};
