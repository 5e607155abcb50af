/**
 * Record layouts of the CME "pa2" positional SPAN file used by kisfo, and a parser for one line.
 *
 * Column sources: CME's SPAN record layouts as reproduced in public SPAN tooling (field tables
 * with length/from/to for records 0, 1, 2, 3, 4, 6, 81, 82, B, P, T), cross-checked with the
 * real "81" record of the margin-methods reference. Record "C" (tier-to-tier intra spreads): the public table gives
 * only field lengths (2,6,2,2,2,7, then per leg 2,2,2,1); kisfo reads them as record id, combined
 * commodity, priority, number of legs, filler, charge rate 9(7), and per leg tier 9(2), delta per
 * spread ratio 9(2)V9(2), side A/B — our reading, documented here.
 * Record types not listed are skipped (counted), never an error.
 */
import { parsePa2ArrayText } from './pa2-bytes.js';
import {
  Pa2ParseError,
  pa2Scaled,
  pa2Sign,
  pa2SignedAfter,
  pa2Text,
  pa2Uint,
} from './pa2-fields.js';

/** "0": exchange complex header. */
export interface Pa2HeaderRecord {
  type: '0';
  /** Columns 3–8. */ exchangeComplex: string;
  /** 9–16 CCYYMMDD. */ businessDate: string;
  /** 17 S/I. */ settlementFlag: string;
  /** 18–19. */ fileIdentifier: string;
  /** 36–37 (U2, UP…). */ fileFormat: string;
}
/** "1": exchange header. */
export interface Pa2ExchangeRecord {
  type: '1';
  /** 3–5. */ exchange: string;
  /** 8–9. */ exchangeCode: string;
}
/** A product listed in a "2" record. */
export interface Pa2CcProduct {
  code: string;
  productType: string;
  /** Risk array values are ÷ 10^locator (sign applied). */
  riskArrayDecimalLocator: number;
}
/** "2": combined commodity definition. */
export interface Pa2CombinedCommodityRecord {
  type: '2';
  /** 3–5. */ exchange: string;
  /** 7–12. */ ccCode: string;
  /** 14–16. */ currency: string;
  /** 18 P/F. */ optionMarginStyle: string;
  /** 23–117, up to 6 × (code 10, type 3, locator 1, sign 1, filler 1). */ products: Pa2CcProduct[];
}
/** "3": intra-commodity tiers and initial/maintenance ratios. */
export interface Pa2IntraTierRecord {
  type: '3';
  /** 3–8. */ ccCode: string;
  /** 9–10. */ method: string;
  /** 11–66, 4 × (tier 2, start 6, end 6). */ tiers: {
    tier: number;
    startMonth: string;
    endMonth: string;
  }[];
  /** 69–72 9V9(3). */ ratioMember: number;
  /** 73–76. */ ratioHedger: number;
  /** 77–80. */ ratioSpeculator: number;
}
/** "4": spot charges and short option minimum. */
export interface Pa2SpotRecord {
  type: '4';
  /** 3–8. */ ccCode: string;
  /** 9–10. */ method: string;
  /** 13–56, 2 × (number 2, month 6, rate consumed 7, rate remaining 7). */
  months: { month: string; spreadRate: number; outrightRate: number }[];
  /** 63–69. */ shortOptionMinimumRate: number;
  /** 79: "1" max(calls, puts), blank/"2" sum. */ shortOptionMinimumMethod: 'sum' | 'max';
}
/** "6": inter-commodity spread. */
export interface Pa2InterSpreadRecord {
  type: '6';
  /** 3–5. */ commodityGroup: string;
  /** 6–9. */ priority: number;
  /** 10–16 9(3)V9(4), percent. */ creditRatePercent: number;
  /** 17–88, 4 × (exchange 3, required 1, cc 6, ratio 9(3)V9(4), side 1). */
  legs: { exchange: string; ccCode: string; deltaPerSpread: number; side: 'A' | 'B' }[];
  /** 89–90. */ method: string;
}
/** Key fields shared by "81" and "82". */
export interface Pa2ArrayKey {
  /** 3–5. */ exchange: string;
  /** 6–15. */ commodity: string;
  /** 16–25. */ underlying: string;
  /** 26–28 FUT/OOF/OOP/PHY… */ productType: string;
  /** 29 C/P. */ right: string;
  /** 30–35. */ futuresMonth: string;
  /** 39–44. */ optionMonth: string;
  /** 48–54, raw (apply the P record's strike locator). */ strikeRaw: number;
}
/** "81": risk array values 1–9 (raw integers). */
export interface Pa2RiskArray1Record extends Pa2ArrayKey {
  type: '81';
  /** 55–108, 9 × (5 digits + sign). */ values: number[];
}
/** "82": risk array values 10–16, composite delta, implied vol, settlement. */
export interface Pa2RiskArray2Record extends Pa2ArrayKey {
  type: '82';
  /** 55–96, 7 × (5 digits + sign). */ values: number[];
  /** 97–101 9V9(4) + sign 102. */ compositeDelta: number;
  /** 103–110 99V9(6). */ impliedVol: number;
  /** 111–117 + sign 118, raw (apply the P record's settlement locator). */ settlementRaw: number;
}
/** "B": array calculation parameters. */
export interface Pa2ArrayParamsRecord {
  type: 'B';
  /** 3–5. */ exchange: string;
  /** 6–15. */ commodity: string;
  /** 16–18. */ productType: string;
  /** 19–24. */ futuresMonth: string;
  /** 28–33. */ optionMonth: string;
  /** 37–44 9(2)V9(6). */ baseVol: number;
  /** 45–52 9(2)V9(6). */ volScanRange: number;
  /** 53–57 9(5), raw price units. */ priceScanRangeRaw: number;
  /** 58–62 9(2)V9(3). */ extremeMove: number;
  /** 63–67 9V9(4). */ coveredFraction: number;
  /** 68–72 9V9(4). */ interestRate: number;
  /** 73–79 9V9(6). */ timeYears: number;
  /** 86–91 9(2)V9(4). */ deltaScalingFactor: number;
  /** 92–99. */ expirationDate: string;
  /** 100–109. */ underlying: string;
}
/** "P": price conversion parameters. */
export interface Pa2PriceRecord {
  type: 'P';
  /** 3–5. */ exchange: string;
  /** 6–15. */ product: string;
  /** 16–18. */ productType: string;
  /** 19–33. */ name: string;
  /** 34–36 (may be "-02"). */ settlementDecimalLocator: number;
  /** 37–39. */ strikeDecimalLocator: number;
  /** 42–55 9(7)V9(7). */ contractValueFactor: number;
  /** 66–68. */ currency: string;
}
/** "T": currency conversion. */
export interface Pa2CurrencyRecord {
  type: 'T';
  /** 3–5. */ from: string;
  /** 7–9. */ to: string;
  /** 11–20 9(4)V9(6). */ multiplier: number;
}
/** "C": tier-to-tier intra-commodity spread (kisfo's reading, see module doc). */
export interface Pa2TierSpreadRecord {
  type: 'C';
  /** 3–8. */ ccCode: string;
  /** 9–10. */ priority: number;
  /** 15–21. */ rate: number;
  /** 22–35, 2 × (tier 2, ratio 9(2)V9(2), side 1). */
  legs: { tier: number; deltaPerSpread: number; side: 'A' | 'B' }[];
}

/** Every record kisfo reads. */
export type Pa2Record =
  | Pa2HeaderRecord
  | Pa2ExchangeRecord
  | Pa2CombinedCommodityRecord
  | Pa2IntraTierRecord
  | Pa2SpotRecord
  | Pa2InterSpreadRecord
  | Pa2RiskArray1Record
  | Pa2RiskArray2Record
  | Pa2ArrayParamsRecord
  | Pa2PriceRecord
  | Pa2CurrencyRecord
  | Pa2TierSpreadRecord;

function side(line: string, col: number, n: number, name: string): 'A' | 'B' {
  const s = line[col - 1];
  if (s === 'A' || s === 'B') return s;
  throw new Pa2ParseError(
    n,
    `${name} (column ${col})`,
    `expected A or B, got ${JSON.stringify(s ?? '')}`,
  );
}

function locator(line: string, from: number, to: number, n: number, name: string): number {
  const t = pa2Text(line, from, to);
  if (t === '') return 0;
  if (!/^-?\d+$/.test(t)) {
    throw new Pa2ParseError(
      n,
      `${name} (columns ${from}-${to})`,
      `expected a number, got ${JSON.stringify(t)}`,
    );
  }
  return Number(t);
}

function arrayKey(line: string, n: number): Pa2ArrayKey {
  return {
    exchange: pa2Text(line, 3, 5),
    commodity: pa2Text(line, 6, 15),
    underlying: pa2Text(line, 16, 25),
    productType: pa2Text(line, 26, 28),
    right: pa2Text(line, 29, 29),
    futuresMonth: pa2Text(line, 30, 35),
    optionMonth: pa2Text(line, 39, 44),
    strikeRaw: pa2Uint(line, 48, 54, n, 'strike'),
  };
}

function values(line: string, count: number, first: number, n: number): number[] {
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    const from = 55 + 6 * k;
    out[k] = pa2SignedAfter(line, from, from + 4, n, `array value ${first + k}`);
  }
  return out;
}

/**
 * Parse one line (without its newline). Returns `undefined` for record types kisfo does not use.
 *
 * @param n 1-based line number for errors
 * @example
 * ```ts
 * parsePa2Line('T USD$EURE0000920000', 3); // { type: 'T', from: 'USD', to: 'EUR', multiplier: 0.92 }
 * ```
 */
export function parsePa2Line(line: string, n: number): Pa2Record | undefined {
  if (isPa2ArrayLine(line, 0, line.length)) {
    const r = parsePa2ArrayText(line, 0, line.length);
    if (r !== null) return r;
  }
  return parsePa2LineReference(line, n);
}

/** Whether `text[s..e)` is an "81"/"82" line (the records {@link parsePa2ArrayText} reads). */
export function isPa2ArrayLine(text: string, s: number, e: number): boolean {
  if (e - s < 2 || text.charCodeAt(s) !== 56) return false;
  const c1 = text.charCodeAt(s + 1);
  return c1 === 49 || c1 === 50;
}

/**
 * {@link parsePa2Line} field by field from the string (slices, trims, regexes): the reference the
 * fast byte path must agree with, and the reader of every other record type and of any line the
 * fast path declines (so errors are always its own).
 */
export function parsePa2LineReference(line: string, n: number): Pa2Record | undefined {
  const c0 = line[0];
  const c1 = line[1];
  if (c0 === '8' && c1 === '1')
    return { type: '81', ...arrayKey(line, n), values: values(line, 9, 1, n) };
  if (c0 === '8' && c1 === '2') {
    return {
      type: '82',
      ...arrayKey(line, n),
      values: values(line, 7, 10, n),
      compositeDelta:
        pa2Sign(line, 102, n, 'composite delta') *
        pa2Scaled(line, 97, 101, 4, n, 'composite delta'),
      impliedVol: pa2Scaled(line, 103, 110, 6, n, 'implied volatility'),
      settlementRaw: pa2SignedAfter(line, 111, 117, n, 'settlement price'),
    };
  }
  if (c1 !== ' ' && c1 !== undefined) return undefined;
  // Keep the pa2 parser's OTHER_TYPES in step with these cases (other types skip undecoded).
  switch (c0) {
    case '0':
      return {
        type: '0',
        exchangeComplex: pa2Text(line, 3, 8),
        businessDate: pa2Text(line, 9, 16),
        settlementFlag: pa2Text(line, 17, 17),
        fileIdentifier: pa2Text(line, 18, 19),
        fileFormat: pa2Text(line, 36, 37),
      };
    case '1':
      return { type: '1', exchange: pa2Text(line, 3, 5), exchangeCode: pa2Text(line, 8, 9) };
    case '2': {
      const products: Pa2CcProduct[] = [];
      for (let k = 0; k < 6; k++) {
        const at = 23 + 16 * k;
        const code = pa2Text(line, at, at + 9);
        if (code === '') continue;
        const loc = pa2Uint(line, at + 13, at + 13, n, `product ${k + 1} decimal locator`);
        const sign = line[at + 13] === '-' ? -1 : 1;
        products.push({
          code,
          productType: pa2Text(line, at + 10, at + 12),
          riskArrayDecimalLocator: sign * loc,
        });
      }
      return {
        type: '2',
        exchange: pa2Text(line, 3, 5),
        ccCode: pa2Text(line, 7, 12),
        currency: pa2Text(line, 14, 16),
        optionMarginStyle: pa2Text(line, 18, 18),
        products,
      };
    }
    case '3': {
      const tiers: Pa2IntraTierRecord['tiers'] = [];
      for (let k = 0; k < 4; k++) {
        const at = 11 + 14 * k;
        const tier = pa2Uint(line, at, at + 1, n, `tier ${k + 1} number`);
        if (tier === 0) continue;
        tiers.push({
          tier,
          startMonth: pa2Text(line, at + 2, at + 7),
          endMonth: pa2Text(line, at + 8, at + 13),
        });
      }
      return {
        type: '3',
        ccCode: pa2Text(line, 3, 8),
        method: pa2Text(line, 9, 10),
        tiers,
        ratioMember: pa2Scaled(line, 69, 72, 3, n, 'initial/maintenance ratio (member)'),
        ratioHedger: pa2Scaled(line, 73, 76, 3, n, 'initial/maintenance ratio (hedger)'),
        ratioSpeculator: pa2Scaled(line, 77, 80, 3, n, 'initial/maintenance ratio (speculator)'),
      };
    }
    case '4': {
      const months: Pa2SpotRecord['months'] = [];
      for (let k = 0; k < 2; k++) {
        const at = 13 + 22 * k;
        const month = pa2Text(line, at + 2, at + 7);
        if (month === '' || /^0+$/.test(month)) continue;
        months.push({
          month,
          spreadRate: pa2Uint(line, at + 8, at + 14, n, `spot month ${k + 1} spread rate`),
          outrightRate: pa2Uint(line, at + 15, at + 21, n, `spot month ${k + 1} outright rate`),
        });
      }
      return {
        type: '4',
        ccCode: pa2Text(line, 3, 8),
        method: pa2Text(line, 9, 10),
        months,
        shortOptionMinimumRate: pa2Uint(line, 63, 69, n, 'short option minimum rate'),
        shortOptionMinimumMethod: pa2Text(line, 79, 79) === '1' ? 'max' : 'sum',
      };
    }
    case '6': {
      const legs: Pa2InterSpreadRecord['legs'] = [];
      for (let k = 0; k < 4; k++) {
        const at = 17 + 18 * k;
        const cc = pa2Text(line, at + 4, at + 9);
        if (cc === '') continue;
        legs.push({
          exchange: pa2Text(line, at, at + 2),
          ccCode: cc,
          deltaPerSpread: pa2Scaled(
            line,
            at + 10,
            at + 16,
            4,
            n,
            `leg ${k + 1} delta/spread ratio`,
          ),
          side: side(line, at + 17, n, `leg ${k + 1} side`),
        });
      }
      return {
        type: '6',
        commodityGroup: pa2Text(line, 3, 5),
        priority: pa2Uint(line, 6, 9, n, 'spread priority'),
        creditRatePercent: pa2Scaled(line, 10, 16, 4, n, 'spread credit rate'),
        legs,
        method: pa2Text(line, 89, 90),
      };
    }
    case 'B':
      return {
        type: 'B',
        exchange: pa2Text(line, 3, 5),
        commodity: pa2Text(line, 6, 15),
        productType: pa2Text(line, 16, 18),
        futuresMonth: pa2Text(line, 19, 24),
        optionMonth: pa2Text(line, 28, 33),
        baseVol: pa2Scaled(line, 37, 44, 6, n, 'base volatility'),
        volScanRange: pa2Scaled(line, 45, 52, 6, n, 'volatility scan range'),
        priceScanRangeRaw: pa2Uint(line, 53, 57, n, 'futures price scan range'),
        extremeMove: pa2Scaled(line, 58, 62, 3, n, 'extreme move multiplier'),
        coveredFraction: pa2Scaled(line, 63, 67, 4, n, 'extreme move covered fraction'),
        interestRate: pa2Scaled(line, 68, 72, 4, n, 'interest rate'),
        timeYears: pa2Scaled(line, 73, 79, 6, n, 'time to expiration'),
        deltaScalingFactor: pa2Scaled(line, 86, 91, 4, n, 'delta scaling factor'),
        expirationDate: pa2Text(line, 92, 99),
        underlying: pa2Text(line, 100, 109),
      };
    case 'P':
      return {
        type: 'P',
        exchange: pa2Text(line, 3, 5),
        product: pa2Text(line, 6, 15),
        productType: pa2Text(line, 16, 18),
        name: pa2Text(line, 19, 33),
        settlementDecimalLocator: locator(line, 34, 36, n, 'settlement price decimal locator'),
        strikeDecimalLocator: locator(line, 37, 39, n, 'strike price decimal locator'),
        contractValueFactor: pa2Scaled(line, 42, 55, 7, n, 'contract value factor'),
        currency: pa2Text(line, 66, 68),
      };
    case 'T':
      return {
        type: 'T',
        from: pa2Text(line, 3, 5),
        to: pa2Text(line, 7, 9),
        multiplier: pa2Scaled(line, 11, 20, 6, n, 'conversion multiplier'),
      };
    case 'C': {
      const legs: Pa2TierSpreadRecord['legs'] = [];
      for (let k = 0; k < 2; k++) {
        const at = 22 + 7 * k;
        legs.push({
          tier: pa2Uint(line, at, at + 1, n, `leg ${k + 1} tier`),
          deltaPerSpread: pa2Scaled(line, at + 2, at + 5, 2, n, `leg ${k + 1} delta/spread ratio`),
          side: side(line, at + 6, n, `leg ${k + 1} side`),
        });
      }
      return {
        type: 'C',
        ccCode: pa2Text(line, 3, 8),
        priority: pa2Uint(line, 9, 10, n, 'spread priority'),
        rate: pa2Uint(line, 15, 21, n, 'charge rate'),
        legs,
      };
    }
    default:
      return undefined;
  }
}
