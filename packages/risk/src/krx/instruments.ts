import { Decimal } from '@kisfo/protocol';

/** Futures, call or put. */
export type KrxContractKind = 'future' | 'call' | 'put';

/** How a contract settles at expiry. */
export type KrxSettlementMethod = 'cash' | 'physical';

/**
 * When a series expires. `second-thursday`: index, stock and sector products; `third-tuesday`:
 * KTB futures; `third-monday`: USD futures; `third-wednesday`: gold and lean hog futures;
 * `weekly-thursday` / `weekly-monday`: the Thursday
 * (Monday) of the week number carried in the code (KRX weekly options: `2603W4` = the fourth
 * Thursday of March 2026).
 */
export type KrxExpiryRule =
  | 'second-thursday'
  | 'third-tuesday'
  | 'third-monday'
  | 'third-wednesday'
  | 'weekly-thursday'
  | 'weekly-monday';

/** Whether series of this rule carry a week number (weekly options). */
export function isWeeklyExpiry(rule: KrxExpiryRule): boolean {
  return rule === 'weekly-thursday' || rule === 'weekly-monday';
}

/** One price band of a tick rule: prices `>= from` (and below the next band) move by `tick`. */
export interface KrxTickBand {
  readonly from: string;
  readonly tick: string;
}

/** One row of the KRX derivatives instrument master. Amounts are decimal strings. */
export interface KrxProductSpec {
  /** KRX product code: the first three characters of the short code (`101`, `201`, `301` …). */
  readonly productCode: string;
  readonly kind: KrxContractKind;
  /** Margin product group (one underlying): positions of one group offset each other. */
  readonly group: string;
  readonly name: string;
  readonly nameKo: string;
  /**
   * Underlying's name for stock and sector products: KIS prints it before the month
   * (`삼성전자 F 202110`) where a bare `F 202110` would not say what it is.
   */
  readonly underlyingName?: string;
  /** KRW per 1.0 of price (거래승수). */
  readonly multiplier: string;
  /** Tick size by price band, ascending `from`. */
  readonly tickBands: readonly KrxTickBand[];
  readonly settlement: KrxSettlementMethod;
  readonly expiryRule: KrxExpiryRule;
  /** Strike grid for options; the 3-digit strike field in codes is the integer part. */
  readonly strikeStep?: string;
  /** Option model at the margin scan: Black–Scholes on a spot index, Black-76 on a future. */
  readonly optionModel?: 'black-scholes' | 'black-76';
}

const INDEX_OPTION_TICKS: readonly KrxTickBand[] = [
  { from: '0', tick: '0.01' },
  { from: '10', tick: '0.05' },
];
// Mini KOSPI200 options: 0.01 below 3 points, 0.02 below 10, 0.05 from 10 (KRX product page).
const MINI_OPTION_TICKS: readonly KrxTickBand[] = [
  { from: '0', tick: '0.01' },
  { from: '3', tick: '0.02' },
  { from: '10', tick: '0.05' },
];
// Stock futures follow the KRX stock tick table (KRW per share).
const STOCK_FUTURE_TICKS: readonly KrxTickBand[] = [
  { from: '0', tick: '1' },
  { from: '2000', tick: '5' },
  { from: '5000', tick: '10' },
  { from: '20000', tick: '50' },
  { from: '50000', tick: '100' },
  { from: '200000', tick: '500' },
  { from: '500000', tick: '1000' },
];
const STOCK_OPTION_TICKS: readonly KrxTickBand[] = [
  { from: '0', tick: '10' },
  { from: '1000', tick: '20' },
  { from: '2000', tick: '50' },
  { from: '5000', tick: '100' },
  { from: '10000', tick: '200' },
];

function row(
  productCode: string,
  kind: KrxContractKind,
  group: string,
  name: string,
  nameKo: string,
  multiplier: string,
  tickBands: readonly KrxTickBand[],
  extra: Partial<KrxProductSpec> = {},
): KrxProductSpec {
  return {
    productCode,
    kind,
    group,
    name,
    nameKo,
    multiplier,
    tickBands,
    settlement: 'cash',
    expiryRule: 'second-thursday',
    ...extra,
  };
}

const IDX_OPT = { strikeStep: '2.5', optionModel: 'black-scholes' as const };
const WEEKLY = { ...IDX_OPT, expiryRule: 'weekly-thursday' as const };
const WEEKLY_MONDAY = { ...IDX_OPT, expiryRule: 'weekly-monday' as const };
const STK_OPT = { strikeStep: '1', optionModel: 'black-scholes' as const };

/**
 * The KRX derivatives instrument master (data, not branches). Product codes 101/105/106/165/175
 * and 201/301, 205/305, 209/309 (Thursday weekly), 2AF/3AF (Monday weekly) follow KRX codes; stock and sector rows are
 * samples — add rows for more underlyings.
 *
 * @example
 * KRX_PRODUCTS.find((p) => p.productCode === '101')?.multiplier; // '250000'
 */
export const KRX_PRODUCTS: readonly KrxProductSpec[] = [
  row('101', 'future', 'KOSPI200', 'KOSPI200 futures', '코스피200선물', '250000', [
    { from: '0', tick: '0.05' },
  ]),
  row(
    '201',
    'call',
    'KOSPI200',
    'KOSPI200 call',
    '코스피200 콜옵션',
    '250000',
    INDEX_OPTION_TICKS,
    IDX_OPT,
  ),
  row(
    '301',
    'put',
    'KOSPI200',
    'KOSPI200 put',
    '코스피200 풋옵션',
    '250000',
    INDEX_OPTION_TICKS,
    IDX_OPT,
  ),
  row(
    '209',
    'call',
    'KOSPI200',
    'KOSPI200 weekly call',
    '코스피위클리 콜',
    '250000',
    INDEX_OPTION_TICKS,
    WEEKLY,
  ),
  row(
    '309',
    'put',
    'KOSPI200',
    'KOSPI200 weekly put',
    '코스피위클리 풋',
    '250000',
    INDEX_OPTION_TICKS,
    WEEKLY,
  ),
  row(
    '2AF',
    'call',
    'KOSPI200',
    'KOSPI200 Monday weekly call',
    '코스피위클리M 콜',
    '250000',
    INDEX_OPTION_TICKS,
    WEEKLY_MONDAY,
  ),
  row(
    '3AF',
    'put',
    'KOSPI200',
    'KOSPI200 Monday weekly put',
    '코스피위클리M 풋',
    '250000',
    INDEX_OPTION_TICKS,
    WEEKLY_MONDAY,
  ),
  row('105', 'future', 'KOSPI200', 'Mini KOSPI200 futures', '미니코스피200선물', '50000', [
    { from: '0', tick: '0.02' },
  ]),
  row(
    '205',
    'call',
    'KOSPI200',
    'Mini KOSPI200 call',
    '미니코스피200 콜옵션',
    '50000',
    MINI_OPTION_TICKS,
    IDX_OPT,
  ),
  row(
    '305',
    'put',
    'KOSPI200',
    'Mini KOSPI200 put',
    '미니코스피200 풋옵션',
    '50000',
    MINI_OPTION_TICKS,
    IDX_OPT,
  ),
  row('106', 'future', 'KOSDAQ150', 'KOSDAQ150 futures', '코스닥150선물', '10000', [
    { from: '0', tick: '0.1' },
  ]),
  row(
    '111',
    'future',
    'STK-005930',
    'Samsung Electronics futures',
    '삼성전자 선물',
    '10',
    STOCK_FUTURE_TICKS,
    { underlyingName: '삼성전자' },
  ),
  row(
    '211',
    'call',
    'STK-005930',
    'Samsung Electronics call',
    '삼성전자 콜옵션',
    '10',
    STOCK_OPTION_TICKS,
    {
      ...STK_OPT,
      strikeStep: '1000',
      underlyingName: '삼성전자',
    },
  ),
  row(
    '311',
    'put',
    'STK-005930',
    'Samsung Electronics put',
    '삼성전자 풋옵션',
    '10',
    STOCK_OPTION_TICKS,
    {
      ...STK_OPT,
      strikeStep: '1000',
      underlyingName: '삼성전자',
    },
  ),
  row(
    '140',
    'future',
    'SECTOR-IT',
    'KOSPI200 IT sector futures (sample)',
    '코스피200 정보기술 섹터지수선물',
    '1000',
    [{ from: '0', tick: '0.2' }],
    { underlyingName: '코스피200 정보기술' },
  ),
  row(
    '165',
    'future',
    'KTB3',
    '3-year KTB futures',
    '3년국채선물',
    '1000000',
    [{ from: '0', tick: '0.01' }],
    {
      expiryRule: 'third-tuesday',
    },
  ),
  row(
    '175',
    'future',
    'USD',
    'USD futures',
    '미국달러선물',
    '10000',
    [{ from: '0', tick: '0.1' }],
    {
      settlement: 'physical',
      expiryRule: 'third-monday',
    },
  ),
];

const BY_CODE = new Map(KRX_PRODUCTS.map((p) => [p.productCode, p]));

/**
 * Look up a product row by its three-character KRX product code.
 *
 * @throws Error naming the code when it is not in the master.
 * @example
 * krxProduct('105').multiplier; // '50000'
 */
export function krxProduct(
  productCode: string,
  table: readonly KrxProductSpec[] = KRX_PRODUCTS,
): KrxProductSpec {
  const p =
    table === KRX_PRODUCTS
      ? BY_CODE.get(productCode)
      : table.find((r) => r.productCode === productCode);
  if (p === undefined) throw new Error(`unknown KRX product code "${productCode}"`);
  return p;
}

/**
 * Tick size for a price under a product's band rule.
 *
 * @example
 * krxTickSize(krxProduct('201'), '9.99').toString(); // '0.01'
 * krxTickSize(krxProduct('201'), '10').toString(); // '0.05'
 */
export function krxTickSize(spec: KrxProductSpec, price: Decimal | string): Decimal {
  const p = Decimal.from(price);
  let tick = spec.tickBands[0]!.tick;
  for (const band of spec.tickBands) if (p.gte(band.from)) tick = band.tick;
  return Decimal.parse(tick);
}

/**
 * KRW value of one tick at `price` (tick × multiplier).
 *
 * @example
 * krxTickValue(krxProduct('101'), '300').toString(); // '12500.00'
 */
export function krxTickValue(spec: KrxProductSpec, price: Decimal | string): Decimal {
  return krxTickSize(spec, price).mul(Decimal.parse(spec.multiplier));
}

function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (weekday - first.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(year, month - 1, 1 + offset + 7 * (n - 1)));
}

/**
 * Last trading day of a series (UTC midnight of that Korean calendar date; holidays are not
 * applied — the ledger's calendar should move it when the exchange does).
 *
 * @example
 * krxExpiryDate('second-thursday', 2022, 12).toISOString().slice(0, 10); // '2022-12-08'
 */
export function krxExpiryDate(
  rule: KrxExpiryRule,
  year: number,
  month: number,
  week?: number,
): Date {
  switch (rule) {
    case 'second-thursday':
      return nthWeekday(year, month, 4, 2);
    case 'third-tuesday':
      return nthWeekday(year, month, 2, 3);
    case 'third-monday':
      return nthWeekday(year, month, 1, 3);
    case 'third-wednesday':
      return nthWeekday(year, month, 3, 3);
    case 'weekly-thursday':
    case 'weekly-monday': {
      if (week === undefined || week < 1 || week > 5) {
        throw new Error(`weekly expiry needs a week number 1..5 (got ${week})`);
      }
      const thursday = rule === 'weekly-thursday';
      const d = nthWeekday(year, month, thursday ? 4 : 1, week);
      if (d.getUTCMonth() !== month - 1) {
        throw new Error(
          `${year}-${month} has no ${thursday ? 'Thursday' : 'Monday'} of week ${week}`,
        );
      }
      return d;
    }
  }
}
