/**
 * Row parsers of KIS's master files, one layout per file as KIS's own samples
 * (`open-trading-api/stocks_info/`) slice them: character offsets after CP949 decoding, some
 * fields "from the end" where a Korean name in the middle makes offsets from the start unreliable.
 * Layouts: KIS's own master-file layouts, listed in this package's README (Instrument masters).
 */
import { KisfoInputError } from '@kisfo/protocol';
import { type KisMasterLine, kisMasterLines } from './kis-master-lines.js';

/** The master files kisfo reads. */
export type KisMasterFile =
  | 'fo_idx_code_mts.mst'
  | 'fo_stk_code_mts.mst'
  | 'fo_com_code.mst'
  | 'fo_cme_code.mst'
  | 'fo_eurex_code.mst'
  | 'ffcode.mst';

/** Every file name {@link parseKisMasterLine} understands. */
export const KIS_MASTER_FILES: readonly KisMasterFile[] = [
  'fo_idx_code_mts.mst',
  'fo_stk_code_mts.mst',
  'fo_com_code.mst',
  'fo_cme_code.mst',
  'fo_eurex_code.mst',
  'ffcode.mst',
];

/** One domestic derivatives row (index, stock, commodity/rates/FX, night-linked files). */
export interface KisDomesticMasterRow {
  file: Exclude<KisMasterFile, 'ffcode.mst'>;
  line: number;
  /** 상품종류. */
  productType: string;
  /** 상품구분 (fo_com_code only). */
  productClass?: string;
  /** 단축코드. */
  shortCode: string;
  /** 표준코드 (KR4…). */
  standardCode: string;
  /** 한글종목명, as KIS prints it. */
  name: string;
  /** ATM구분 (options). */
  atm?: string;
  /** 행사가 as printed (options). */
  strike?: string;
  /** 월물구분코드. */
  monthCode?: string;
  /** 기초자산 단축코드. */
  underlyingCode: string;
  /** 기초자산 명. */
  underlyingName: string;
}

/** One `ffcode.mst` row (overseas futures & options). */
export interface KisOverseasMasterRow {
  file: 'ffcode.mst';
  line: number;
  /** 종목코드. */
  code: string;
  autoOrder: string;
  twap: string;
  economicIndicatorOrder: string;
  /** 종목한글명. */
  name: string;
  /** 거래소코드. */
  exchange: string;
  /** 품목코드. */
  productCode: string;
  /** 품목종류. */
  productType: string;
  outputDecimals: string;
  calcDecimals: string;
  tickSize: string;
  tickValue: string;
  contractSize: string;
  /** 가격표시진법. */
  priceBase: string;
  /** 환산승수. */
  multiplier: string;
  mostActive: string;
  nearest: string;
  spread: string;
  spreadLeg1: string;
  subExchange: string;
}

/** A row of any master file. */
export type KisMasterRow = KisDomesticMasterRow | KisOverseasMasterRow;

/** A line that does not fit its file's layout; the message names the file, the path the line. */
export class KisMasterParseError extends KisfoInputError {
  override name = 'KisMasterParseError';
  constructor(
    readonly file: string,
    readonly line: number,
    why: string,
  ) {
    super([{ path: `line ${line}`, message: why }], `${file} line ${line}: ${why}`);
  }
}

const cut = (t: string, a: number, b?: number) => t.slice(a, b).trim();
/** Slice from the end, Python-style negative offsets (`end` 0 = to the end). */
const fromEnd = (t: string, a: number, b: number) =>
  t.slice(t.length + a, b === 0 ? undefined : t.length + b).trim();

function need(file: string, line: number, value: string, what: string): string {
  if (value === '') throw new KisMasterParseError(file, line, `${what} is blank`);
  return value;
}

/**
 * Parse one line of `file` in its layout.
 *
 * @throws KisMasterParseError naming file, line and what is wrong.
 * @example
 * ```ts
 * parseKisMasterLine('fo_stk_code_mts.mst', { line: 1,
 *   text: '1|111V3000|KR4111V30001|삼성전자 F 202503|||1|005930|삼성전자' }).underlyingName; // '삼성전자'
 * ```
 */
export function parseKisMasterLine(file: KisMasterFile, l: KisMasterLine): KisMasterRow {
  const t = l.text;
  const n = l.line;
  switch (file) {
    case 'fo_idx_code_mts.mst':
    case 'fo_stk_code_mts.mst': {
      const c = t.split('|');
      if (c.length !== 9) {
        throw new KisMasterParseError(file, n, `expected 9 |-separated columns, got ${c.length}`);
      }
      const [productType, shortCode, standardCode, name, atm, strike, month, uCode, uName] = c.map(
        (x) => x.trim(),
      ) as [string, string, string, string, string, string, string, string, string];
      return {
        file,
        line: n,
        productType,
        shortCode: need(file, n, shortCode, '단축코드 (column 2)'),
        standardCode: need(file, n, standardCode, '표준코드 (column 3)'),
        name: need(file, n, name, '한글종목명 (column 4)'),
        ...(atm === '' ? {} : { atm }),
        ...(strike === '' ? {} : { strike }),
        ...(month === '' ? {} : { monthCode: month }),
        underlyingCode: uCode,
        underlyingName: uName,
      };
    }
    case 'fo_com_code.mst': {
      if (t.length < 56)
        throw new KisMasterParseError(
          file,
          n,
          `line too short (${t.length} characters, need ≥ 56)`,
        );
      const rest = t.slice(55).trimStart();
      return {
        file,
        line: n,
        productClass: cut(t, 0, 1),
        productType: cut(t, 1, 2),
        shortCode: need(file, n, cut(t, 2, 11), '단축코드 [2:11]'),
        standardCode: need(file, n, cut(t, 11, 23), '표준코드 [11:23]'),
        name: need(file, n, cut(t, 23, 55), '한글종목명 [23:55]'),
        ...(cut(rest, 8, 9) === '' ? {} : { monthCode: cut(rest, 8, 9) }),
        underlyingCode: cut(rest, 9, 12),
        underlyingName: cut(rest, 12),
      };
    }
    case 'fo_cme_code.mst': {
      if (t.length < 72)
        throw new KisMasterParseError(
          file,
          n,
          `line too short (${t.length} characters, need ≥ 72)`,
        );
      const strike = cut(t, 63, 72);
      return {
        file,
        line: n,
        productType: cut(t, 0, 1),
        shortCode: need(file, n, cut(t, 1, 10), '단축코드 [1:10]'),
        standardCode: need(file, n, cut(t, 10, 22), '표준코드 [10:22]'),
        name: need(file, n, cut(t, 22, 63), '한글종목명 [22:63]'),
        ...(strike === '' || Number(strike) === 0 ? {} : { strike }),
        underlyingCode: cut(t, 72, 81),
        underlyingName: cut(t, 81),
      };
    }
    case 'fo_eurex_code.mst': {
      if (t.length < 60)
        throw new KisMasterParseError(
          file,
          n,
          `line too short (${t.length} characters, need ≥ 60)`,
        );
      // [0:59] holds 상품종류, 단축코드, 표준코드, 한글종목명 at the fo_cme_code offsets; the rest,
      // left-stripped: ATM구분 [0:1], 행사가 [1:9], 기초자산 단축코드 [9:17], 기초자산 명 [17:]
      // (KIS's stocks_info/domestic_eurex_option_code.py).
      const rest = t.slice(59).trimStart();
      const strike = cut(rest, 1, 9);
      return {
        file,
        line: n,
        productType: cut(t, 0, 1),
        shortCode: need(file, n, cut(t, 1, 10), '단축코드 [1:10]'),
        standardCode: need(file, n, cut(t, 10, 22), '표준코드 [10:22]'),
        name: need(file, n, cut(t, 22, 59), '한글종목명 [22:59]'),
        ...(cut(rest, 0, 1) === '' ? {} : { atm: cut(rest, 0, 1) }),
        ...(strike === '' ? {} : { strike }),
        underlyingCode: cut(rest, 9, 17),
        underlyingName: cut(rest, 17),
      };
    }
    case 'ffcode.mst': {
      if (t.length < 107 + 92) {
        throw new KisMasterParseError(
          file,
          n,
          `line too short (${t.length} characters, need ≥ 199)`,
        );
      }
      const row: KisOverseasMasterRow = {
        file,
        line: n,
        code: need(file, n, cut(t, 0, 32), '종목코드 [0:32]'),
        autoOrder: cut(t, 32, 33),
        twap: cut(t, 33, 34),
        economicIndicatorOrder: cut(t, 34, 35),
        name: cut(t, 82, t.length - 92),
        exchange: need(file, n, fromEnd(t, -92, -82), '거래소코드 [-92:-82]'),
        productCode: need(file, n, fromEnd(t, -82, -72), '품목코드 [-82:-72]'),
        productType: fromEnd(t, -72, -69),
        outputDecimals: fromEnd(t, -69, -64),
        calcDecimals: fromEnd(t, -64, -59),
        tickSize: fromEnd(t, -59, -45),
        tickValue: fromEnd(t, -45, -31),
        contractSize: fromEnd(t, -31, -21),
        priceBase: fromEnd(t, -21, -17),
        multiplier: fromEnd(t, -17, -7),
        mostActive: fromEnd(t, -7, -6),
        nearest: fromEnd(t, -6, -5),
        spread: fromEnd(t, -5, -4),
        spreadLeg1: fromEnd(t, -4, -3),
        subExchange: fromEnd(t, -3, 0),
      };
      for (const k of ['tickSize', 'tickValue', 'multiplier'] as const) {
        if (!/^-?\d+(\.\d+)?$/.test(row[k])) {
          throw new KisMasterParseError(file, n, `${k} is not a number: ${JSON.stringify(row[k])}`);
        }
      }
      return row;
    }
  }
}

/** The master file kind of a path (by its base name). */
export function kisMasterFileOf(path: string): KisMasterFile {
  const base = path
    .split(/[\\/]/)
    .pop()!
    .replace(/\.zip$/, '');
  const hit = KIS_MASTER_FILES.find((f) => f === base);
  if (hit === undefined) {
    throw new Error(
      `"${base}" is not a KIS master file kisfo reads (${KIS_MASTER_FILES.join(', ')})`,
    );
  }
  return hit;
}

/**
 * Stream the rows of a master file from its CP949 bytes.
 *
 * @throws KisMasterParseError at the first line that does not fit the layout.
 * @example
 * ```ts
 * for await (const row of parseKisMaster('fo_idx_code_mts.mst', createReadStream(path))) rows.push(row);
 * ```
 */
export async function* parseKisMaster(
  file: KisMasterFile,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<KisMasterRow> {
  for await (const l of kisMasterLines(chunks)) yield parseKisMasterLine(file, l);
}

/**
 * Parse decoded text of a master file (e.g. a scenario's `masters` entry), line by line.
 *
 * @example
 * ```ts
 * parseKisMasterText('fo_stk_code_mts.mst', '1|111V3000|KR4111V30001|삼성전자 F 202503|||1|005930|삼성전자\n');
 * ```
 */
export function parseKisMasterText(file: KisMasterFile, text: string): KisMasterRow[] {
  const rows: KisMasterRow[] = [];
  text.split('\n').forEach((raw, i) => {
    const t = raw.replace(/\r$/, '');
    if (t.trim() !== '') rows.push(parseKisMasterLine(file, { line: i + 1, text: t }));
  });
  return rows;
}
