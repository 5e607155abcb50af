import {
  domesticBalancePositionFields,
  domesticBalanceSummaryFields,
  type FieldSpec,
} from '@kisfo/protocol';
import { type Column, groupDigits, renderCsv, renderTable } from './formats.js';
import type { Style } from './style.js';

/** A decoded record: wire names to Decimal / string / boolean (any decoded KIS record). */
export type WireRecord = object;

/** A field of a decoded record by wire name. */
export function wireValue(record: WireRecord, name: string): unknown {
  return (record as Record<string, unknown>)[name];
}

const SHORT_EN: Record<string, string> = {
  shtn_pdno: 'Code',
  prdt_name: 'Product',
  sll_buy_dvsn_name: 'Side',
  cblc_qty: 'Qty',
  excc_unpr: 'Settle px',
  ccld_avg_unpr1: 'Avg fill',
  idx_clpr: 'Price',
  pchs_amt: 'Purchase',
  evlu_amt: 'Valuation',
  evlu_pfls_amt: 'Val. P&L',
  trad_pfls_amt: 'Realised',
  lqd_psbl_qty: 'Closable',
};

const TABLE_FIELDS = Object.keys(SHORT_EN);

function cell(value: unknown, f: FieldSpec | undefined, grouped: boolean): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  const text = String(value);
  if (f !== undefined && (f.kind === 'amount' || f.kind === 'quantity') && grouped) {
    return groupDigits(text);
  }
  if (f !== undefined && (f.kind === 'price' || f.kind === 'rate')) {
    // Show prices as KIS's 8-decimal strings trimmed to what matters, never through a float.
    return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '.0') : text;
  }
  return text;
}

function fieldOf(list: readonly FieldSpec[], name: string): FieldSpec | undefined {
  return list.find((f) => f.name === name);
}

/** Side label; `sll_buy_dvsn_name` may be missing where KIS sends `trad_dvsn_name` instead. */
function sideOf(row: WireRecord): string {
  const name = wireValue(row, 'sll_buy_dvsn_name') ?? wireValue(row, 'trad_dvsn_name');
  return typeof name === 'string' ? name : '';
}

function positionColumns(korean: boolean, grouped: boolean): Column<WireRecord>[] {
  return TABLE_FIELDS.map((name) => {
    const f = fieldOf(domesticBalancePositionFields, name);
    return {
      header: korean ? (f?.ko ?? name) : SHORT_EN[name]!,
      right: f !== undefined && f.kind !== 'code' && f.kind !== 'text',
      get: (r: WireRecord) =>
        name === 'sll_buy_dvsn_name' ? sideOf(r) : cell(wireValue(r, name), f, grouped),
    };
  });
}

/** The positions as an aligned table (English headers, Korean with `korean`). */
export function positionsTable(rows: readonly WireRecord[], korean: boolean): string {
  if (rows.length === 0) return korean ? '(잔고 없음)\n' : '(no positions)\n';
  return renderTable(rows, positionColumns(korean, true));
}

/** The positions as CSV with wire names as headers (every field, exact values). */
export function positionsCsv(rows: readonly WireRecord[]): string {
  const names = domesticBalancePositionFields.map((f) => f.name);
  return renderCsv(
    rows,
    names.map((name) => ({
      header: name,
      get: (r: WireRecord) => String(wireValue(r, name) ?? ''),
    })),
  );
}

/** Every present field of one decoded record as label/value lines (any output object). */
export function recordTable(
  fields: readonly FieldSpec[],
  record: WireRecord,
  korean: boolean,
  style: Style,
): string {
  const rows = fields
    .filter((f) => wireValue(record, f.name) !== undefined)
    .map((f) => ({ f, value: cell(wireValue(record, f.name), f, true) }));
  return renderTable(rows, [
    { header: korean ? '항목' : 'Field', get: (r) => (korean ? r.f.ko : r.f.name) },
    {
      header: korean ? '설명' : 'Meaning',
      get: (r) => (korean ? r.f.name : r.f.en.split(':')[0]!),
    },
    {
      header: korean ? '금액' : 'Amount',
      right: true,
      get: (r) => (r.value.startsWith('-') ? style.red(r.value) : r.value),
    },
  ]);
}

/** Every present field of one decoded record as CSV `field,label,value`. */
export function recordCsv(fields: readonly FieldSpec[], record: WireRecord): string {
  const rows = fields.filter((f) => wireValue(record, f.name) !== undefined);
  return renderCsv(rows, [
    { header: 'field', get: (f) => f.name },
    { header: 'label', get: (f) => f.ko },
    { header: 'value', get: (f) => String(wireValue(record, f.name)) },
  ]);
}

/** The summary as label/value lines (every `output2` field present). */
export function summaryTable(summary: WireRecord, korean: boolean, style: Style): string {
  return recordTable(domesticBalanceSummaryFields, summary, korean, style);
}

/** The summary as CSV `field,label,value`. */
export function summaryCsv(summary: WireRecord): string {
  return recordCsv(domesticBalanceSummaryFields, summary);
}
