import type { KrxPosition, MarginWhatIf, OverseasPositionInput } from '@kisfo/risk';

/** A CSV line that could not be read: 1-based line number and why. */
export class CsvError extends Error {
  override name = 'CsvError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Split CSV text into rows of cells (RFC 4180 quotes, CRLF or LF, a leading BOM ignored). */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** One cell, quoted when it needs to be. */
function cell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** Rows to CSV text (CRLF, as spreadsheets write it). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

function header(rows: string[][], want: readonly string[]): Map<string, number> {
  const h = (rows[0] ?? []).map((c) => c.trim());
  const at = new Map(h.map((c, i) => [c, i]));
  for (const w of want)
    if (!at.has(w)) throw new CsvError(1, `missing column "${w}" (expected ${want.join(',')})`);
  return at;
}

/**
 * Domestic positions from CSV with the header `pdno,side,qty,avgPrice` (and optionally
 * `priorSettlement`): side `long`/`short` (or 매수/매도), qty a positive integer, prices decimals.
 *
 * @example
 * ```ts
 * parseDomesticCsv('pdno,side,qty,avgPrice\n101W06,long,3,345.85\n');
 * ```
 */
export function parseDomesticCsv(text: string): KrxPosition[] {
  const rows = parseCsvRows(text).filter((r) => r.some((c) => c.trim() !== ''));
  const at = header(rows, ['pdno', 'side', 'qty', 'avgPrice']);
  return rows.slice(1).map((r, i) => {
    const line = i + 2;
    const get = (k: string) => (r[at.get(k) ?? -1] ?? '').trim();
    const pdno = get('pdno').toUpperCase();
    if (!/^[0-9A-Z]{6,12}$/.test(pdno))
      throw new CsvError(line, `pdno "${get('pdno')}" is not a KRX code`);
    const s = get('side');
    const side =
      s === 'long' || s === '매수' ? 'long' : s === 'short' || s === '매도' ? 'short' : undefined;
    if (side === undefined) throw new CsvError(line, `side "${s}" must be long or short`);
    const qty = Number(get('qty'));
    if (!/^\d+$/.test(get('qty')) || !Number.isSafeInteger(qty) || qty <= 0)
      throw new CsvError(line, `qty "${get('qty')}" must be a positive integer`);
    const avgPrice = get('avgPrice');
    if (!DECIMAL.test(avgPrice))
      throw new CsvError(line, `avgPrice "${avgPrice}" is not a decimal`);
    const prior = get('priorSettlement');
    if (prior !== '' && !DECIMAL.test(prior))
      throw new CsvError(line, `priorSettlement "${prior}" is not a decimal`);
    return { pdno, side, qty, avgPrice, ...(prior === '' ? {} : { priorSettlement: prior }) };
  });
}

/** `EXCH:CLASS:YYYYMM[:C|P:STRIKE]` → an overseas position reference (without quantity). */
export function parseOverseasCode(
  code: string,
): Omit<OverseasPositionInput, 'quantity'> | undefined {
  const m = /^([A-Z0-9]+):([A-Z0-9]+):(\d{6})(?::([CP]):(\d+(?:\.\d+)?))?$/.exec(
    code.trim().toUpperCase(),
  );
  if (m === null) return undefined;
  return {
    exchange: m[1]!,
    classCode: m[2]!,
    contractMonth: m[3]!,
    ...(m[4] === undefined ? {} : { kind: m[4] === 'C' ? 'call' : 'put', strike: m[5]! }),
  };
}

/** The code of an overseas position (`CME:ES:202506:C:5400`). */
export function overseasCode(p: Omit<OverseasPositionInput, 'quantity'>): string {
  const opt =
    p.kind === undefined || p.kind === 'future'
      ? ''
      : `:${p.kind === 'call' ? 'C' : 'P'}:${String(p.strike)}`;
  return `${p.exchange}:${p.classCode}:${p.contractMonth}${opt}`;
}

/**
 * Overseas positions from CSV with the header `instrument,quantity`: the instrument as
 * `EXCH:CLASS:YYYYMM[:C|P:STRIKE]`, the quantity a non-zero integer (long > 0, short < 0).
 *
 * @example
 * ```ts
 * parseOverseasCsv('instrument,quantity\nCME:ES:202506,2\n');
 * ```
 */
export function parseOverseasCsv(text: string): OverseasPositionInput[] {
  const rows = parseCsvRows(text).filter((r) => r.some((c) => c.trim() !== ''));
  const at = header(rows, ['instrument', 'quantity']);
  return rows.slice(1).map((r, i) => {
    const line = i + 2;
    const code = (r[at.get('instrument')!] ?? '').trim();
    const ref = parseOverseasCode(code);
    if (ref === undefined)
      throw new CsvError(line, `instrument "${code}" must be EXCH:CLASS:YYYYMM[:C|P:STRIKE]`);
    const q = (r[at.get('quantity')!] ?? '').trim();
    if (!/^[+-]?\d+$/.test(q) || Number(q) === 0)
      throw new CsvError(line, `quantity "${q}" must be a non-zero integer`);
    return { ...ref, quantity: String(Number(q)) };
  });
}

const FIGURES = ['initial', 'maintenance', 'orderable', 'marginCall'] as const;

/**
 * The what-if result as CSV: one line per figure (before, after, change), then the book it was
 * computed for.
 *
 * @example
 * ```ts
 * whatIfCsv(result, [['pdno', 'side', 'qty', 'avgPrice'], ['101W06', 'long', '3', '345.85']]);
 * ```
 */
export function whatIfCsv(w: MarginWhatIf, book: readonly (readonly string[])[]): string {
  return toCsv([
    ['figure', 'before', 'after', 'change'],
    ...FIGURES.map((f) => [
      f,
      w.before[f].toString(),
      w.after[f].toString(),
      w.change[f].toString(),
    ]),
    [],
    ...book,
  ]);
}

/** The book as CSV rows in the upload format (header first). */
export function domesticBookRows(book: readonly KrxPosition[]): string[][] {
  return [
    ['pdno', 'side', 'qty', 'avgPrice', 'priorSettlement'],
    ...book.map((p) => [
      p.pdno,
      p.side,
      String(p.qty),
      String(p.avgPrice),
      p.priorSettlement === undefined ? '' : String(p.priorSettlement),
    ]),
  ];
}

/** The overseas book as CSV rows in the upload format (header first). */
export function overseasBookRows(book: readonly OverseasPositionInput[]): string[][] {
  return [['instrument', 'quantity'], ...book.map((p) => [overseasCode(p), String(p.quantity)])];
}
