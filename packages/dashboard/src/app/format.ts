/**
 * Numbers as KIS shows them: amounts as integers with thousands separators (`-1,237,500`),
 * foreign amounts with their cents, prices with KIS's 8 decimals trimmed to what they carry
 * (at least 2: `309.10000000` → `309.10`, `1.08150000` → `1.0815`). Input is the exact decimal
 * string of the API; nothing goes through a float.
 */

/** Insert thousands separators into a decimal string (`-1237500.5` → `-1,237,500.5`). */
export function groupDigits(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text.trim());
  if (m === null) return text;
  return m[1]! + m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (m[3] ?? '');
}

/** Normalise a decimal string: no leading `+`, no leading zeros, `-0` → `0`. */
function canonical(text: string): string {
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (m === null) return text.trim();
  const int = m[2] === '' ? '0' : m[2]!;
  const frac = m[3] ?? '';
  const neg = m[1] === '-' && /[1-9]/.test(int + frac);
  return `${neg ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
}

/** Pad or cut (never round: the API already rounded) the fraction to `decimals` places. */
function withDecimals(text: string, decimals: number): string {
  const [int, frac = ''] = canonical(text).split('.');
  if (decimals === 0) return frac.replace(/0+$/, '') === '' ? int! : `${int}.${frac}`;
  const f = frac.length >= decimals ? frac : frac.padEnd(decimals, '0');
  return `${int}.${f}`;
}

/**
 * An amount: KRW integers grouped (`1,237,500`); with `decimals` (2 for USD views) that many
 * places. Blank stays blank.
 *
 * @example
 * ```ts
 * formatAmount('-1237500'); // '-1,237,500'
 * formatAmount('32570.5', 2); // '32,570.50'
 * ```
 */
export function formatAmount(text: string | null | undefined, decimals = 0): string {
  if (text === null || text === undefined || text.trim() === '') return '';
  return groupDigits(withDecimals(text, decimals));
}

/**
 * A price or rate with KIS's 8 decimals trimmed: trailing zeros go, at least `min` places stay.
 *
 * @example
 * ```ts
 * formatPrice('309.10000000'); // '309.10'
 * formatPrice('1.08150000'); // '1.0815'
 * formatPrice('58300.00000000'); // '58,300.00'
 * ```
 */
export function formatPrice(text: string | null | undefined, min = 2): string {
  if (text === null || text === undefined || text.trim() === '') return '';
  const [int, frac = ''] = canonical(text).split('.');
  const trimmed = frac.replace(/0+$/, '');
  const f = trimmed.length >= min ? trimmed : trimmed.padEnd(min, '0');
  return groupDigits(f === '' ? int! : `${int}.${f}`);
}

/** A quantity (integer, grouped). */
export function formatQty(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return '';
  return formatAmount(String(text));
}

/** A float for charts' axes and tooltips: rounded to `decimals`, grouped. */
export function formatFloat(x: number, decimals = 0): string {
  if (!Number.isFinite(x)) return '';
  return groupDigits((Object.is(x, -0) ? 0 : x).toFixed(decimals).replace(/^-(0(\.0+)?)$/, '$1'));
}

/** `YYYYMMDD` → `YYYY-MM-DD`. */
export function formatDate(ymd: string): string {
  return /^\d{8}$/.test(ymd) ? `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)}` : ymd;
}

/** Local time `HH:MM:SS` of an ISO instant (the time of the last ledger change). */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The sign class of a decimal string, for colouring P&L (`neg`, `pos` or ``). */
export function signClass(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  const c = canonical(text);
  if (c.startsWith('-')) return 'neg';
  return /[1-9]/.test(c) ? 'pos' : '';
}
