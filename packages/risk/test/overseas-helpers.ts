// Shared inputs of the overseas margin-detail tests (not a test file itself): the sample risk
// parameters' contracts, a position in one of them, and an account's input around positions.
import {
  type OverseasMarginDetailInput,
  type OverseasPositionInput,
  SAMPLE_OVERSEAS_FX_RATES,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
} from '../src/overseas/index.js';

type SampleClass = (typeof SAMPLE_OVERSEAS_RISK_PARAMETERS.classes)[number];

/** Every contract of the sample risk parameters, with its class. */
export const SAMPLE_CONTRACTS = SAMPLE_OVERSEAS_RISK_PARAMETERS.classes.flatMap((c) =>
  c.contracts.map((k) => ({ c, k })),
);

/** A position of `quantity` lots in one sample contract. */
export function samplePosition(
  { c, k }: { c: SampleClass; k: SampleClass['contracts'][number] },
  quantity: number,
): OverseasPositionInput {
  return {
    exchange: c.exchange,
    classCode: c.classCode,
    contractMonth: k.contractMonth,
    kind: k.kind,
    strike: k.strike,
    quantity,
  };
}

/**
 * The margin-detail input of account 12345678-08 (USD and KRW cash) with `positions`, the sample
 * parameters and rates, `TKR` on 2025-03-20; `extra` replaces any part.
 */
export function sampleInput(
  positions: OverseasPositionInput[],
  extra: Partial<OverseasMarginDetailInput> = {},
): OverseasMarginDetailInput {
  return {
    account: {
      cano: '12345678',
      acnt_prdt_cd: '08',
      balances: [
        { currency: 'USD', equity: '250000.00' },
        { currency: 'KRW', equity: '10000000' },
      ],
    },
    positions,
    riskParameters: SAMPLE_OVERSEAS_RISK_PARAMETERS,
    fxRates: SAMPLE_OVERSEAS_FX_RATES,
    inqrDt: '20250320',
    crcyCd: 'TKR',
    ...extra,
  };
}
