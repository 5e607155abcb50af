import type { OverseasPositionInput } from '@kisfo/risk';
import type { z } from 'zod';
import { UsageError } from '../cli-errors.js';
import type { DomesticAdd } from '../what-if-figures.js';
import type { domesticLeg, overseasLeg } from './tool-schemas.js';

/** A what-if leg as the tool's input schema describes it. */
export type Leg = z.infer<typeof domesticLeg> | z.infer<typeof overseasLeg>;

/** The domestic legs, as the what-if computation takes them. */
export function domesticLegs(legs: readonly Leg[]): DomesticAdd[] {
  return legs.flatMap((l) =>
    'pdno' in l
      ? [
          {
            pdno: l.pdno.toUpperCase(),
            side: l.side,
            qty: l.qty,
            ...(l.price === undefined ? {} : { price: l.price }),
          },
        ]
      : [],
  );
}

/** The overseas legs as signed positions (long > 0, short < 0). */
export function overseasLegs(legs: readonly Leg[]): OverseasPositionInput[] {
  return legs.flatMap((l) => {
    if ('pdno' in l) return [];
    if ((l.optionType === undefined) !== (l.strike === undefined)) {
      throw new UsageError('an overseas option leg needs both optionType and strike');
    }
    return [
      {
        exchange: l.exchange.toUpperCase(),
        classCode: l.classCode.toUpperCase(),
        contractMonth: l.contractMonth,
        ...(l.optionType === undefined ? {} : { kind: l.optionType, strike: l.strike! }),
        quantity: l.side === 'long' ? l.qty : -l.qty,
      },
    ];
  });
}
