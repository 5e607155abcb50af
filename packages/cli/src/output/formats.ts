import { displayWidth } from './style.js';

/** A column of a table: a header and how to read a row's cell. */
export interface Column<R> {
  header: string;
  get(row: R): string;
  /** Right-align (numbers). */
  right?: boolean;
}

function pad(text: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
}

/**
 * Render rows as an aligned text table (wide Korean characters counted as two cells).
 *
 * @example
 * ```ts
 * renderTable([{ a: '1' }], [{ header: 'A', get: (r) => r.a }]);
 * ```
 */
export function renderTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const cells = rows.map((r) => columns.map((c) => c.get(r)));
  const widths = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i]!))),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(v, widths[i]!, columns[i]!.right === true))
      .join('  ')
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const row of cells) out.push(line(row));
  return `${out.join('\n')}\n`;
}

/** Quote one CSV cell (RFC 4180). */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Render rows as RFC 4180 CSV with a header line.
 *
 * @example
 * ```ts
 * renderCsv([{ a: 'x,y' }], [{ header: 'a', get: (r) => r.a }]); // 'a\r\n"x,y"\r\n'
 * ```
 */
export function renderCsv<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(c.get(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** JSON with exact decimals as strings (Decimal has `toJSON`) and bigint as strings. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`;
}

/** Group digits of an integer string with commas (`-1237500` → `-1,237,500`). */
export function groupDigits(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (m === null) return text;
  return m[1]! + m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '');
}
