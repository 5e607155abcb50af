import type { Decimal } from '@kisfo/protocol';
import { computeDomesticBalance } from './krx/balance.js';
import type { DomesticBalanceInput, KrxPosition } from './krx/types.js';
import { computeOverseasMarginDetail } from './overseas/margin-detail.js';
import type { OverseasMarginDetailInput, OverseasPositionInput } from './overseas/types.js';

/** The four headline figures of a margin what-if, in the account's (or view's) currency. */
export interface MarginFigures {
  /** 위탁(개시)증거금: domestic `mgna_tota` at MGNA_DVSN 01; overseas `fm_brkg_mgn_amt`. */
  initial: Decimal;
  /** 유지증거금: domestic `mgna_tota` at MGNA_DVSN 02; overseas `fm_mntn_mgn_amt`. */
  maintenance: Decimal;
  /** 주문가능금액: domestic `ord_psbl_tota` (initial basis); overseas `fm_ord_psbl_amt`. */
  orderable: Decimal;
  /** 추가증거금 (margin call): domestic `add_mgna_tota`; overseas `fm_add_mgn_amt`. */
  marginCall: Decimal;
}

/** Figures before and after a change, and the change (after − before) of each. */
export interface MarginWhatIf {
  before: MarginFigures;
  after: MarginFigures;
  change: MarginFigures;
}

/**
 * The headline figures of a domestic account from its balance input (the balance computed at
 * both margin levels, the input's EXCC_STAT_CD kept).
 *
 * @example
 * ```ts
 * domesticMarginFigures(input).initial.toString();
 * ```
 */
export function domesticMarginFigures(input: DomesticBalanceInput): MarginFigures {
  const initial = computeDomesticBalance({ ...input, mgnaDvsn: '01' }).output2;
  const maintenance = computeDomesticBalance({ ...input, mgnaDvsn: '02' }).output2;
  return {
    initial: initial.mgna_tota,
    maintenance: maintenance.mgna_tota,
    orderable: initial.ord_psbl_tota,
    marginCall: initial.add_mgna_tota,
  };
}

/**
 * The headline figures of an overseas account in the input's currency view.
 *
 * @example
 * ```ts
 * overseasMarginFigures({ ...input, crcyCd: 'TKR' }).orderable.toString();
 * ```
 */
export function overseasMarginFigures(input: OverseasMarginDetailInput): MarginFigures {
  const o = computeOverseasMarginDetail(input);
  return {
    initial: o.fm_brkg_mgn_amt,
    maintenance: o.fm_mntn_mgn_amt,
    orderable: o.fm_ord_psbl_amt,
    marginCall: o.fm_add_mgn_amt,
  };
}

function change(before: MarginFigures, after: MarginFigures): MarginFigures {
  return {
    initial: after.initial.sub(before.initial),
    maintenance: after.maintenance.sub(before.maintenance),
    orderable: after.orderable.sub(before.orderable),
    marginCall: after.marginCall.sub(before.marginCall),
  };
}

/**
 * What if a domestic account held `positions` at the start of the day instead (today's fills and
 * working orders unchanged)? Exact figures before, after and the change.
 *
 * @example
 * ```ts
 * const w = domesticWhatIf(input, [...input.account.positions, { pdno: '101S12', side: 'long', qty: 1,
 *   avgPrice: '307.45', priorSettlement: '307.45' }]);
 * w.change.initial.toString();
 * ```
 */
export function domesticWhatIf(
  input: DomesticBalanceInput,
  positions: readonly KrxPosition[],
): MarginWhatIf {
  const before = domesticMarginFigures(input);
  const after = domesticMarginFigures({
    ...input,
    account: { ...input.account, positions: [...positions] },
  });
  return { before, after, change: change(before, after) };
}

/**
 * What if an overseas account held `positions` (net, long > 0) instead? Exact figures in the
 * input's view before, after and the change.
 *
 * @example
 * ```ts
 * overseasWhatIf(input, [...input.positions, { exchange: 'CME', classCode: 'ES', contractMonth: '202506', quantity: 2 }]);
 * ```
 */
export function overseasWhatIf(
  input: OverseasMarginDetailInput,
  positions: readonly OverseasPositionInput[],
): MarginWhatIf {
  const before = overseasMarginFigures(input);
  const after = overseasMarginFigures({ ...input, positions: [...positions] });
  return { before, after, change: change(before, after) };
}

/** Figures as decimal strings (for JSON and CSV). */
export function marginFiguresToStrings(f: MarginFigures): Record<keyof MarginFigures, string> {
  return {
    initial: f.initial.toString(),
    maintenance: f.maintenance.toString(),
    orderable: f.orderable.toString(),
    marginCall: f.marginCall.toString(),
  };
}
