import {
  domesticBalancePositionFields,
  domesticBalanceSummaryFields,
  encodeRecord,
  type FieldIssue,
  SpecError,
} from '@kisfo/protocol';
import type { DomesticBalance } from '@kisfo/risk';

/**
 * Check that a domestic balance fits the wire fields of KIS's balance inquiry: every row and the
 * summary encode (a figure longer than its field, e.g. a 20-digit `evlu_amt`, would turn the
 * inquiry into `EGW00002`). Throws the {@link SpecError} encoding would throw, every field at
 * fault listed by its path (`output1[0].evlu_amt`).
 *
 * `fitted` holds rows already known to fit: a kept book hands out the same row object for a
 * series until that series changes, so after a change only its new rows are encoded.
 *
 * @example
 * ```ts
 * assertBalanceFitsWire(computeDomesticBalance(input)); // throws when a figure overflows
 * ```
 */
export function assertBalanceFitsWire(balance: DomesticBalance, fitted?: WeakSet<object>): void {
  const issues: FieldIssue[] = [];
  const encode = (
    fields: typeof domesticBalancePositionFields | typeof domesticBalanceSummaryFields,
    record: object,
    path: string,
  ) => {
    try {
      encodeRecord(fields, record as Record<string, unknown>, {}, path);
      return true;
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      issues.push(...e.issues);
      return false;
    }
  };
  balance.output1.forEach((row, i) => {
    if (fitted?.has(row)) return;
    if (encode(domesticBalancePositionFields, row, `output1[${i}]`)) fitted?.add(row);
  });
  encode(domesticBalanceSummaryFields, balance.output2, 'output2');
  if (issues.length > 0) throw new SpecError(issues);
}
