import { Decimal } from '@kisfo/protocol';
import { isWeeklyExpiry, type KrxProductSpec, krxExpiryDate, krxProduct } from './instruments.js';

/** A series a master lists with its own codes (weekly options, whose week no code field holds). */
export interface KrxListedSeries extends KrxInstrumentFields {
  readonly standardCode: string;
  readonly shortCode: string;
}

/** What a loaded master adds to code resolution (see `KrxMaster`). */
export interface KrxProductSource {
  product(productCode: string): KrxProductSpec | undefined;
  /** KIS names by standard and short code. */
  readonly names: ReadonlyMap<string, string>;
  /** Standard code by KIS short code. */
  readonly standardByShort: ReadonlyMap<string, string>;
  /** Series listed by the master under their own codes, by standard and by short code. */
  readonly series?: ReadonlyMap<string, KrxListedSeries>;
}

function specOf(code: string, master?: KrxProductSource): KrxProductSpec {
  return master?.product(code) ?? krxProduct(code);
}

/**
 * KRX year symbols: a 30-year cycle starting 1996 with I, O, U, X, Y, Z left out
 * (1996 = '6' … 2005 = '5', 2006 = 'A' … 2022 = 'S', 2024 = 'V', 2025 = 'W', 2026 = '6' again).
 * Source: CQG API documentation of the KRX short code ("DW mode" symbols); consistent with the
 * KIS example `101S12` = Dec 2022 and codes seen in public clients (`101W3000` = Mar 2025).
 */
export const KRX_YEAR_SYMBOLS = '6789012345ABCDEFGHJKLMNPQRSTVW';
const CYCLE_START = 1996;
const MONTH_SYMBOLS = '123456789ABC';

/**
 * Year symbol for a calendar year.
 *
 * @example
 * krxYearSymbol(2022); // 'S'
 */
export function krxYearSymbol(year: number): string {
  if (!Number.isInteger(year) || year < CYCLE_START)
    throw new Error(`KRX year out of range: ${year}`);
  return KRX_YEAR_SYMBOLS[(year - CYCLE_START) % 30]!;
}

/**
 * Calendar year of a year symbol: the year in the cycle nearest to `pivotYear` (default: the
 * current UTC year), since the 30-year cycle repeats.
 *
 * @example
 * krxYearFromSymbol('S', 2024); // 2022
 */
export function krxYearFromSymbol(symbol: string, pivotYear = new Date().getUTCFullYear()): number {
  const i = KRX_YEAR_SYMBOLS.indexOf(symbol);
  if (symbol.length !== 1 || i < 0) throw new Error(`"${symbol}" is not a KRX year symbol`);
  const base = CYCLE_START + i;
  const k = Math.round((pivotYear - base) / 30);
  return base + 30 * Math.max(0, k);
}

/**
 * ISIN check digit (ISO 6166): letters become two digits (A = 10 … Z = 35), then the Luhn sum
 * doubles every other digit starting from the rightmost.
 *
 * @example
 * isinCheckDigit('KR4101SC000'); // '9'
 */
export function isinCheckDigit(body: string): string {
  if (!/^[A-Z0-9]{11}$/.test(body)) throw new Error(`ISIN body must be 11 of [A-Z0-9]: "${body}"`);
  let digits = '';
  for (const ch of body) digits += ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
  let sum = 0;
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A parsed KRX derivatives series. */
export interface KrxInstrument {
  readonly spec: KrxProductSpec;
  readonly year: number;
  readonly month: number;
  /** Week of month for weekly options (1..5). */
  readonly week?: number;
  /** Strike for options (exact decimal), undefined for futures. */
  readonly strike?: Decimal;
  /** 12-character standard code (`KR4101SC0009`); for weekly options only the one a master lists. */
  readonly standardCode?: string;
  /** KIS-style short code (`101S12`, `201S12350`, weekly `209S12W4350`). */
  readonly shortCode: string;
  /** KIS-style product name (`F 202212`, `C 202212 350.0`). */
  readonly productName: string;
  /** Last trading day (YYYY-MM-DD). */
  readonly expiry: string;
  readonly multiplier: Decimal;
}

/** What {@link krxInstrument} builds from. */
export interface KrxInstrumentFields {
  productCode: string;
  year: number;
  month: number;
  week?: number;
  strike?: Decimal | string;
}

function strikeField(spec: KrxProductSpec, strike: Decimal): string {
  const intPart = strike.toBigInt('floor');
  const text = intPart.toString();
  if (text.length > 3) {
    // Stock option strikes (KRW) use their thousands: 60000 → 060.
    const step = Decimal.parse(spec.strikeStep ?? '1');
    if (step.gte(1000) && strike.div(1000, 0, 'floor').mul(1000).eq(strike)) {
      return strike.div(1000, 0, 'floor').toString().padStart(3, '0');
    }
    throw new Error(`strike ${strike.toString()} does not fit the 3-digit KRX strike field`);
  }
  return text.padStart(3, '0');
}

function strikeFromField(spec: KrxProductSpec, field: string, code: string): Decimal {
  const n = Decimal.parse(field);
  const step = Decimal.parse(spec.strikeStep ?? '1');
  if (step.gte(1000)) return n.mul(1000);
  // The field is the integer part; the grid supplies the fraction (307 → 307.5 on a 2.5 grid).
  const k = n.div(step, 0, 'ceil');
  const strike = k.mul(step);
  if (strike.toBigInt('floor') !== n.toBigInt()) {
    throw new Error(
      `KRX code "${code}": strike field ${field} is not on the ${spec.strikeStep} grid`,
    );
  }
  return strike;
}

/** KIS shows strikes with one decimal (`350.0`, `352.5`), more only when the strike has them. */
function formatStrike(strike: Decimal): string {
  const n = strike.normalize();
  return n.scale <= 1 ? n.round(1, 'down').toString() : n.toString();
}

/**
 * Build a series from its fields, deriving all codes and the KIS product name.
 *
 * @example
 * krxInstrument({ productCode: '101', year: 2022, month: 12 }).standardCode; // 'KR4101SC0009'
 * krxInstrument({ productCode: '201', year: 2022, month: 12, strike: '350' }).productName; // 'C 202212 350.0'
 */
export function krxInstrument(
  fields: KrxInstrumentFields,
  master?: KrxProductSource,
  listed?: KrxListedSeries,
): KrxInstrument {
  const spec = specOf(fields.productCode, master);
  const { year, month, week } = fields;
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new Error(`bad month ${month}`);
  const y = krxYearSymbol(year);
  const mm = String(month).padStart(2, '0');
  const isOption = spec.kind !== 'future';
  let strike: Decimal | undefined;
  if (isOption) {
    if (fields.strike === undefined)
      throw new Error(`option product ${spec.productCode} needs a strike`);
    strike = Decimal.from(fields.strike);
    if (!strike.isPositive()) throw new Error(`strike must be > 0 (got ${strike.toString()})`);
  } else if (fields.strike !== undefined) {
    throw new Error(`futures product ${spec.productCode} takes no strike`);
  }
  const weekly = isWeeklyExpiry(spec.expiryRule);
  const expiry = krxExpiryDate(spec.expiryRule, year, month, week).toISOString().slice(0, 10);
  const sField = strike === undefined ? '' : strikeField(spec, strike);
  // A master-listed series keeps the master's codes; kisfo's scheme is the fallback.
  const shortCode =
    listed?.shortCode ?? `${spec.productCode}${y}${mm}${weekly ? `W${week}` : ''}${sField}`;
  let standardCode: string | undefined = listed?.standardCode;
  if (!weekly && standardCode === undefined) {
    const body = `KR4${spec.productCode}${y}${MONTH_SYMBOLS[month - 1]}${strike === undefined ? '000' : sField}`;
    standardCode = body + isinCheckDigit(body);
  }
  const letter = spec.kind === 'future' ? 'F' : spec.kind === 'call' ? 'C' : 'P';
  const period = `${year}${mm}${weekly ? `W${week}` : ''}`;
  const bare =
    strike === undefined ? `${letter} ${period}` : `${letter} ${period} ${formatStrike(strike)}`;
  // KIS's own name when a master is loaded; else the underlying's name before the month for
  // stock and sector products (`삼성전자 F 202110`), as KIS prints them.
  const productName =
    (standardCode && master?.names.get(standardCode)) ||
    master?.names.get(shortCode) ||
    (spec.underlyingName ? `${spec.underlyingName} ${bare}` : bare);
  return {
    spec,
    year,
    month,
    ...(week === undefined ? {} : { week }),
    ...(strike === undefined ? {} : { strike }),
    ...(standardCode === undefined ? {} : { standardCode }),
    shortCode,
    productName,
    expiry,
    multiplier: Decimal.parse(spec.multiplier),
  };
}

const STANDARD_RE = /^KR4([0-9A-Z]{3})([0-9A-Z])([1-9ABC])([0-9]{3})([0-9])$/;
const SHORT_RE = /^([0-9A-Z]{3})([0-9A-Z])(0[1-9]|1[0-2])(?:W([1-5]))?([0-9]{3})?$/;

/**
 * Parse a KRX standard code (`KR4101SC0009`) or KIS short code (`101S12`, `201S12350`,
 * `209S12W4350`). `pivotYear` resolves the 30-year symbol cycle.
 *
 * @throws Error naming the code and the part that is wrong (length, check digit, product, …).
 * @example
 * parseKrxCode('KR4101SC0009').shortCode; // '101S12'
 * parseKrxCode('201S12352').strike?.toString(); // '352.5'
 */
export function parseKrxCode(
  code: string,
  pivotYear?: number,
  master?: KrxProductSource,
): KrxInstrument {
  if (typeof code !== 'string') throw new Error(`KRX code must be a string (got ${typeof code})`);
  const listed = master?.series?.get(code);
  if (listed !== undefined) return krxInstrument(listed, master, listed);
  const viaMaster = master?.standardByShort.get(code);
  if (viaMaster !== undefined && viaMaster !== code)
    return parseKrxCode(viaMaster, pivotYear, master);
  const fail = (why: string): never => {
    throw new Error(`KRX code "${code}": ${why}`);
  };
  if (code.startsWith('KR')) {
    if (code.length !== 12) fail(`standard code must have 12 characters, has ${code.length}`);
    const m = STANDARD_RE.exec(code);
    if (m === null)
      fail('not a KRX derivatives standard code (KR4 + product + year + month + strike + check)');
    const [, product, ySym, mSym, sField] = m!;
    const check = isinCheckDigit(code.slice(0, 11));
    if (check !== code[11]) fail(`check digit ${code[11]} is wrong (expected ${check})`);
    let spec: KrxProductSpec;
    try {
      spec = specOf(product!, master);
    } catch {
      return fail(`unknown product code "${product}" (load its KIS master file)`);
    }
    if (isWeeklyExpiry(spec.expiryRule)) {
      fail('weekly options are addressed by short code (or by the code a loaded master lists)');
    }
    let year = 0;
    try {
      year = krxYearFromSymbol(ySym!, pivotYear);
    } catch {
      fail(`"${ySym}" is not a KRX year symbol`);
    }
    const month = MONTH_SYMBOLS.indexOf(mSym!) + 1;
    const isOption = spec.kind !== 'future';
    if (!isOption && sField !== '000')
      fail(`futures code must carry 000 where options carry the strike`);
    const strike = isOption ? strikeFromField(spec, sField!, code) : undefined;
    return krxInstrument(
      {
        productCode: spec.productCode,
        year,
        month,
        ...(strike ? { strike } : {}),
      },
      master,
    );
  }
  const m = SHORT_RE.exec(code);
  if (m === null) fail('not a KRX short code (product + year symbol + MM [+ W week] [+ strike])');
  const [, product, ySym, mm, week, sField] = m!;
  let spec: KrxProductSpec;
  try {
    spec = specOf(product!, master);
  } catch {
    return fail(`unknown product code "${product}" (load its KIS master file)`);
  }
  let year = 0;
  try {
    year = krxYearFromSymbol(ySym!, pivotYear);
  } catch {
    fail(`"${ySym}" is not a KRX year symbol`);
  }
  const weekly = isWeeklyExpiry(spec.expiryRule);
  if (weekly !== (week !== undefined)) {
    fail(weekly ? 'weekly option code needs W<week>' : 'only weekly options carry W<week>');
  }
  const isOption = spec.kind !== 'future';
  if (isOption !== (sField !== undefined)) {
    fail(isOption ? 'option code needs a 3-digit strike' : 'futures code takes no strike');
  }
  const strike = isOption ? strikeFromField(spec, sField!, code) : undefined;
  return krxInstrument(
    {
      productCode: spec.productCode,
      year,
      month: Number(mm),
      ...(week === undefined ? {} : { week: Number(week) }),
      ...(strike ? { strike } : {}),
    },
    master,
  );
}

/** `prdt_type_cd` of domestic futures and options rows in KIS balances (KIS example: `301`). */
export const KIS_FO_PRODUCT_TYPE_CODE = '301';
