import type { MarginDetailCurrency } from '@kisfo/protocol';
import {
  Decimal,
  domesticBalancePositionFields,
  domesticBalanceSummaryFields,
  type FieldSpec,
  isDecimal,
  overseasMarginDetailFields,
} from '@kisfo/protocol';
import { computeDomesticBalance } from '@kisfo/risk';
import type { Scenario } from '../ledger/scenario/types.js';
import { createBackOffice } from '../ledger/services/back-office.js';
import type { BalanceAnswer, KisAnswers, MarginDetailAnswer } from './answers.js';
import {
  BALANCE_ROW_INPUTS,
  BALANCE_ROW_OPEN,
  BALANCE_SUMMARY_DETERMINED,
  BALANCE_SUMMARY_GIVEN_MARGIN,
  BALANCE_SUMMARY_INPUTS,
  BALANCE_SUMMARY_OPEN,
  BALANCE_SUMMARY_TODAY,
  type FieldStatus,
  MARGIN_DETAIL_ROLLUPS,
} from './field-rules.js';
import { ScenarioLedger } from './scenario-ledger.js';

/** One field: KIS's value, kisfo's, the difference. */
export interface ReconciledField {
  inquiry: 'balance' | 'margin-detail';
  /** Which answer: `80012345-03 MGNA_DVSN=01 EXCC_STAT_CD=1`, `12345678-08 TKR 20250320`. */
  scope: string;
  /** `output1[101W06 long].pchs_amt`, `output2.tot_dncl_amt`, `output.fm_brkg_mgn_amt`. */
  field: string;
  /** KIS's value as sent (trailing blanks dropped). */
  kis: string;
  /** kisfo's value in the same form, `null` when kisfo cannot compute it from the answers. */
  kisfo: string | null;
  /** `kisfo − KIS` for numbers (`null` otherwise or when not computed). */
  diff: string | null;
  status: FieldStatus;
  equal: boolean;
  /** How kisfo's value was made, when not by the plain engine run. */
  basis?: 'given KIS margin' | 'roll-up of KIS components';
}

/** The counts of one status. */
export interface StatusCount {
  total: number;
  equal: number;
}

/** The outcome of {@link reconcile}. */
export interface ReconcileReport {
  fields: ReconciledField[];
  summary: {
    total: number;
    equal: number;
    byStatus: Record<FieldStatus, StatusCount>;
    /** Determined fields that differ: a non-zero count is a disagreement. */
    determinedDifferent: number;
  };
}

const KINDS = new Map<string, FieldSpec['kind']>(
  [
    ...domesticBalancePositionFields,
    ...domesticBalanceSummaryFields,
    ...overseasMarginDetailFields,
  ].map((f) => [f.name, f.kind]),
);
const NUMERIC = new Set(['amount', 'price', 'rate', 'quantity']);

function num(s: string): Decimal {
  return Decimal.parse(s.trim() || '0');
}

function shown(v: unknown): string {
  if (isDecimal(v)) return v.toString();
  if (typeof v === 'boolean') return v ? 'Y' : 'N';
  return String(v ?? '').trimEnd();
}

class Collector {
  readonly fields: ReconciledField[] = [];
  add(
    base: { inquiry: ReconciledField['inquiry']; scope: string },
    name: string,
    path: string,
    kisRaw: string | undefined,
    kisfo: unknown,
    status: FieldStatus,
    basis?: ReconciledField['basis'],
  ): void {
    const kis = (kisRaw ?? '').trimEnd();
    const kind = KINDS.get(name);
    let kisfoText: string | null = null;
    let diff: string | null = null;
    let equal = false;
    if (kisfo !== undefined && kisfo !== null) {
      kisfoText = shown(kisfo);
      if (kind !== undefined && NUMERIC.has(kind)) {
        try {
          const d = (isDecimal(kisfo) ? kisfo : num(kisfoText)).sub(num(kis));
          diff = d.toString();
          equal = d.isZero();
        } catch {
          equal = false;
        }
      } else equal = kisfoText === kis;
    }
    const f: ReconciledField = { ...base, field: path, kis, kisfo: kisfoText, diff, status, equal };
    if (basis !== undefined) f.basis = basis;
    this.fields.push(f);
  }
}

function tradedToday(a: BalanceAnswer): boolean {
  const s = a.output2;
  const anyClosed = a.output1.some((r) => num(r.cblc_qty ?? '').isZero());
  return (
    anyClosed ||
    ['tot_ccld_amt', 'thdt_dfpa', 'opt_dfpa', 'fee'].some((f) => !num(s[f] ?? '').isZero())
  );
}

function sideName(cd: string): string {
  return cd === '02' ? 'long' : cd === '01' ? 'short' : 'closed';
}

function reconcileBalance(c: Collector, ledger: ScenarioLedger, a: BalanceAnswer): void {
  const base = {
    inquiry: 'balance' as const,
    scope: `${a.account} MGNA_DVSN=${a.mgnaDvsn} EXCC_STAT_CD=${a.exccStatCd}`,
  };
  const input = ledger.domesticInput(a.account, a);
  const traded = tradedToday(a);
  const plain = input === undefined ? undefined : computeDomesticBalance(input);
  const given =
    input === undefined
      ? undefined
      : computeDomesticBalance({
          ...input,
          marginOverride: {
            cash_mgna: num(a.output2.cash_mgna ?? ''),
            sbst_mgna: num(a.output2.sbst_mgna ?? ''),
          },
        });
  const rows = new Map<string, Record<string, unknown>>();
  for (const r of plain?.output1 ?? []) rows.set(`${r.shtn_pdno}|${r.sll_buy_dvsn_cd}`, r);
  for (const row of a.output1) {
    const cd = (row.sll_buy_dvsn_cd ?? '').trim();
    const key = `${(row.shtn_pdno ?? '').trim()}|${cd}`;
    const mine = rows.get(key);
    rows.delete(key);
    const label = `output1[${(row.shtn_pdno ?? '').trim()} ${sideName(cd)}]`;
    for (const f of domesticBalancePositionFields) {
      if (!(f.name in row)) continue;
      let status: FieldStatus = BALANCE_ROW_INPUTS.has(f.name) ? 'input' : 'determined';
      if (f.name === 'excc_unpr' && a.exccStatCd === '1') status = 'input';
      if (BALANCE_ROW_OPEN.has(f.name) && (f.name === 'lqd_psbl_qty' || traded)) status = 'open';
      // A row closed out today: its fills are in neither answer. An account the scenario does
      // not hold: nothing to compute from.
      if ((mine === undefined && cd === '') || input === undefined) status = 'open';
      c.add(base, f.name, `${label}.${f.name}`, row[f.name], mine?.[f.name], status);
    }
  }
  // A row kisfo holds that KIS does not: a real disagreement.
  for (const [key, r] of rows) {
    const [code, cd] = key.split('|') as [string, string];
    c.add(
      base,
      'cblc_qty',
      `output1[${code} ${sideName(cd)}].cblc_qty`,
      '',
      r.cblc_qty,
      'determined',
    );
  }
  const s = a.output2;
  for (const f of domesticBalanceSummaryFields) {
    if (!(f.name in s)) continue;
    let status: FieldStatus = 'fitted';
    let value: unknown = plain?.output2[f.name as keyof typeof plain.output2];
    let basis: ReconciledField['basis'];
    if (BALANCE_SUMMARY_INPUTS.has(f.name)) status = 'input';
    else if (BALANCE_SUMMARY_DETERMINED.has(f.name)) status = 'determined';
    else if (BALANCE_SUMMARY_TODAY.has(f.name)) status = traded ? 'open' : 'determined';
    else if (BALANCE_SUMMARY_OPEN.has(f.name)) status = 'open';
    else if (BALANCE_SUMMARY_GIVEN_MARGIN.has(f.name)) {
      status = 'determined';
      basis = 'given KIS margin';
      value = given?.output2[f.name as keyof typeof given.output2];
    }
    if (input === undefined) status = 'open';
    c.add(base, f.name, `output2.${f.name}`, s[f.name], value, status, basis);
  }
}

function reconcileMargin(
  c: Collector,
  bo: ReturnType<typeof createBackOffice>,
  scenario: Scenario,
  m: MarginDetailAnswer,
): void {
  const base = { inquiry: 'margin-detail' as const, scope: `${m.account} ${m.crcyCd} ${m.inqrDt}` };
  const o = m.output;
  const [cano, acntPrdtCd] = m.account.split('-') as [string, string];
  // The engine can only recompute the components when the scenario holds the account's book.
  const held = (scenario.positions ?? []).some((p) => p.account === m.account);
  let engine: Record<string, unknown> | undefined;
  if (held) {
    try {
      engine = bo.overseasMarginDetail(
        { cano, acntPrdtCd },
        { crcyCd: m.crcyCd as MarginDetailCurrency, inqrDt: m.inqrDt },
      ).output;
    } catch {
      engine = undefined;
    }
  }
  const equity = num(o.fm_ord_psbl_amt ?? '').add(num(o.fm_brkg_mgn_amt ?? ''));
  for (const f of overseasMarginDetailFields) {
    if (!(f.name in o)) continue;
    const rollup = MARGIN_DETAIL_ROLLUPS[f.name];
    if (f.name === 'cano' || f.name === 'acnt_prdt_cd' || f.name === 'fm_ord_psbl_amt') {
      c.add(base, f.name, `output.${f.name}`, o[f.name], o[f.name], 'input');
    } else if (f.name === 'crcy_cd') {
      c.add(base, f.name, 'output.crcy_cd', o.crcy_cd, m.crcyCd, 'determined');
    } else if (f.name === 'resp_dt') {
      c.add(base, f.name, 'output.resp_dt', o.resp_dt, m.inqrDt, 'determined');
    } else if (rollup !== undefined) {
      const v = rollup.reduce(
        (acc, t) =>
          t[0] === '-' ? acc.sub(num(o[t.slice(1)] ?? '')) : acc.add(num(o[t.slice(1)] ?? '')),
        Decimal.ZERO,
      );
      c.add(
        base,
        f.name,
        `output.${f.name}`,
        o[f.name],
        v,
        'determined',
        'roll-up of KIS components',
      );
    } else if (f.name === 'fm_add_mgn_amt') {
      const ustl = num(o.fm_ustl_mgn_amt ?? '');
      const v = equity.lt(num(o.fm_mntn_mgn_amt ?? ''))
        ? Decimal.max(ustl.sub(equity), 0)
        : Decimal.ZERO;
      c.add(
        base,
        f.name,
        'output.fm_add_mgn_amt',
        o[f.name],
        v,
        'determined',
        'roll-up of KIS components',
      );
    } else {
      c.add(
        base,
        f.name,
        `output.${f.name}`,
        o[f.name],
        engine?.[f.name],
        held ? 'fitted' : 'open',
      );
    }
  }
}

/**
 * Compute every field of KIS's answers with kisfo's engines from `scenario` (made by
 * `scenarioFromKis`, or completed by hand) and compare, field by field. Domestic balance: the
 * engine run as `kisfo serve` runs it; the orderable/withdrawable figures once more with KIS's
 * own margin (so they are checked whatever the margin parameters). Margin detail: every roll-up
 * against KIS's own components, the components themselves when the scenario holds the book.
 *
 * @example
 * ```ts
 * const answers = parseAnswers(text);
 * const report = reconcile(answers, scenarioFromKis(answers).scenario);
 * report.summary.determinedDifferent; // 0 when kisfo agrees with KIS wherever the answers decide
 * ```
 */
export function reconcile(answers: KisAnswers, scenario: Scenario): ReconcileReport {
  const c = new Collector();
  const ledger = new ScenarioLedger(scenario);
  try {
    for (const a of answers.balances) reconcileBalance(c, ledger, a);
    const bo = createBackOffice(ledger.store);
    for (const m of answers.marginDetails) reconcileMargin(c, bo, scenario, m);
  } finally {
    ledger.close();
  }
  const byStatus: Record<FieldStatus, StatusCount> = {
    determined: { total: 0, equal: 0 },
    fitted: { total: 0, equal: 0 },
    open: { total: 0, equal: 0 },
    input: { total: 0, equal: 0 },
  };
  let equal = 0;
  for (const f of c.fields) {
    byStatus[f.status].total++;
    if (f.equal) {
      byStatus[f.status].equal++;
      equal++;
    }
  }
  return {
    fields: c.fields,
    summary: {
      total: c.fields.length,
      equal,
      byStatus,
      determinedDifferent: byStatus.determined.total - byStatus.determined.equal,
    },
  };
}
