/**
 * KRX derivatives product rules as data: what KIS's master files do not carry (multiplier, tick
 * rule, settlement, expiry rule, strike grid, option model), one row per product group, each with
 * its source. A master row finds its rule by product code (the standard code's characters 4–6),
 * else by family (every stock future/option; sector and theme index futures).
 */
import type {
  KrxContractKind,
  KrxExpiryRule,
  KrxSettlementMethod,
  KrxTickBand,
} from '../krx/instruments.js';

/** One product group's contract rules. */
export interface KrxProductRule {
  /** What it covers, e.g. `KOSPI200 futures`. */
  family: string;
  /** Exact product codes, or a family matched by file: all stock products; other index futures. */
  match: { productCodes: readonly string[] } | { stock: true } | { otherIndexFutures: true };
  /** Margin group: a fixed name, or `underlying` (one group per underlying code). */
  group: string | 'underlying';
  /** KRW per 1.0 of price (거래승수). */
  multiplier: string;
  tickBands: readonly KrxTickBand[];
  settlement: KrxSettlementMethod;
  expiryRule: KrxExpiryRule;
  strikeStep?: string;
  optionModel?: 'black-scholes' | 'black-76';
  /** Where the numbers come from. */
  source: string;
}

const KRX_SPEC = 'KRX 파생상품 상품명세 (global.krx.co.kr, Derivatives › Products)';
const IDX_FUT = [{ from: '0', tick: '0.05' }] as const;
const IDX_OPT = [
  { from: '0', tick: '0.01' },
  { from: '10', tick: '0.05' },
] as const;
const STOCK_TICKS = [
  { from: '0', tick: '1' },
  { from: '2000', tick: '5' },
  { from: '5000', tick: '10' },
  { from: '20000', tick: '50' },
  { from: '50000', tick: '100' },
  { from: '200000', tick: '500' },
  { from: '500000', tick: '1000' },
] as const;
const STOCK_OPT_TICKS = [
  { from: '0', tick: '10' },
  { from: '1000', tick: '20' },
  { from: '2000', tick: '50' },
  { from: '5000', tick: '100' },
  { from: '10000', tick: '200' },
] as const;

const cash = { settlement: 'cash' as const, expiryRule: 'second-thursday' as const };
const fx = { settlement: 'physical' as const, expiryRule: 'third-monday' as const };
const ktb = { settlement: 'cash' as const, expiryRule: 'third-tuesday' as const };

/**
 * The rule table. Sources: KRX product specifications; KOSPI200 multiplier 250,000 since
 * 2017-03-27 and mini 50,000 (KRX margin methodology); stock futures multiplier 10 and the stock tick table
 * (Daishin Securities futures guide, money2.daishin.com … DW05_CUS_INF_003).
 *
 * @example
 * KRX_PRODUCT_RULES.find((r) => r.family === 'KOSPI200 futures')?.multiplier; // '250000'
 */
export const KRX_PRODUCT_RULES: readonly KrxProductRule[] = [
  {
    family: 'KOSPI200 futures',
    match: { productCodes: ['101'] },
    group: 'KOSPI200',
    multiplier: '250000',
    tickBands: IDX_FUT,
    ...cash,
    source: `${KRX_SPEC}; KRX margin methodology`,
  },
  {
    family: 'KOSPI200 options',
    match: { productCodes: ['201', '301'] },
    group: 'KOSPI200',
    multiplier: '250000',
    tickBands: IDX_OPT,
    ...cash,
    strikeStep: '2.5',
    optionModel: 'black-scholes',
    source: `${KRX_SPEC}; KRX margin methodology`,
  },
  {
    family: 'KOSPI200 weekly options (Thursday)',
    match: { productCodes: ['209', '309'] },
    group: 'KOSPI200',
    multiplier: '250000',
    tickBands: IDX_OPT,
    settlement: 'cash',
    expiryRule: 'weekly-thursday',
    strikeStep: '2.5',
    optionModel: 'black-scholes',
    source: `${KRX_SPEC}; KRX listing notice 2019-09 (거래승수 250,000, 행사가격간격 2.5pt, name 코스피위클리 C 1909W4)`,
  },
  {
    family: 'KOSPI200 weekly options (Monday)',
    match: { productCodes: ['2AF', '3AF'] },
    group: 'KOSPI200',
    multiplier: '250000',
    tickBands: IDX_OPT,
    settlement: 'cash',
    expiryRule: 'weekly-monday',
    strikeStep: '2.5',
    optionModel: 'black-scholes',
    source: `${KRX_SPEC} (코스피200 위클리(월) 옵션, underlying class AF, name 코스피위클리M); terms as the Thursday weekly`,
  },
  {
    family: 'Mini KOSPI200 futures',
    match: { productCodes: ['105'] },
    group: 'KOSPI200',
    multiplier: '50000',
    tickBands: [{ from: '0', tick: '0.02' }],
    ...cash,
    source: `${KRX_SPEC}; KRX margin methodology`,
  },
  {
    family: 'Mini KOSPI200 options',
    match: { productCodes: ['205', '305'] },
    group: 'KOSPI200',
    multiplier: '50000',
    tickBands: [
      { from: '0', tick: '0.01' },
      { from: '3', tick: '0.02' },
      { from: '10', tick: '0.05' },
    ],
    ...cash,
    strikeStep: '2.5',
    optionModel: 'black-scholes',
    source: KRX_SPEC,
  },
  {
    family: 'KOSDAQ150 futures',
    match: { productCodes: ['106'] },
    group: 'KOSDAQ150',
    multiplier: '10000',
    tickBands: [{ from: '0', tick: '0.1' }],
    ...cash,
    source: KRX_SPEC,
  },
  {
    family: 'KOSDAQ150 options',
    match: { productCodes: ['206', '306'] },
    group: 'KOSDAQ150',
    multiplier: '10000',
    tickBands: [
      { from: '0', tick: '0.1' },
      { from: '50', tick: '0.5' },
    ],
    ...cash,
    strikeStep: '25',
    optionModel: 'black-scholes',
    source:
      'KRX KOSDAQ 150 Options specification (global.krx.co.kr GLB0201040210: × KRW 10,000; 0.1 pt below 50 pt of premium, 0.5 pt from 50; 25 pt strike interval)',
  },
  {
    family: '3-year KTB futures',
    match: { productCodes: ['165'] },
    group: 'KTB3',
    multiplier: '1000000',
    tickBands: [{ from: '0', tick: '0.01' }],
    ...ktb,
    source: `${KRX_SPEC} (face 100 M KRW, price per 100)`,
  },
  {
    family: '5-year KTB futures',
    match: { productCodes: ['166'] },
    group: 'KTB5',
    multiplier: '1000000',
    tickBands: [{ from: '0', tick: '0.01' }],
    ...ktb,
    source: KRX_SPEC,
  },
  {
    family: '10-year KTB futures',
    match: { productCodes: ['167'] },
    group: 'KTB10',
    multiplier: '1000000',
    tickBands: [{ from: '0', tick: '0.01' }],
    ...ktb,
    source: KRX_SPEC,
  },
  {
    family: 'USD futures',
    match: { productCodes: ['175'] },
    group: 'USD',
    multiplier: '10000',
    tickBands: [{ from: '0', tick: '0.1' }],
    ...fx,
    source: `${KRX_SPEC} (10,000 USD per contract)`,
  },
  {
    family: 'JPY futures',
    match: { productCodes: ['176'] },
    group: 'JPY',
    multiplier: '10000',
    tickBands: [{ from: '0', tick: '0.1' }],
    ...fx,
    source: `${KRX_SPEC}: Japanese Yen Futures (global.krx.co.kr GLB0201040603: ¥1,000,000, KRW per ¥100, tick 0.1 = KRW 1,000, third Monday)`,
  },
  {
    family: 'EUR futures',
    match: { productCodes: ['177'] },
    group: 'EUR',
    multiplier: '10000',
    tickBands: [{ from: '0', tick: '0.1' }],
    ...fx,
    source: `${KRX_SPEC}: Euro Futures (EUR 10,000, KRW per EUR, tick 0.1 = KRW 1,000, third Monday; Eugene Investment & Futures GL_0404_T4)`,
  },
  {
    family: 'CNH futures',
    match: { productCodes: ['178'] },
    group: 'CNH',
    multiplier: '100000',
    tickBands: [{ from: '0', tick: '0.01' }],
    ...fx,
    source: `${KRX_SPEC} (100,000 CNH)`,
  },
  {
    family: 'Lean hog futures (commodity)',
    // The product code is kisfo's assumption: no public source lists KRX's code for lean hog.
    match: { productCodes: ['186'] },
    group: 'LEANHOG',
    multiplier: '1000',
    tickBands: [{ from: '0', tick: '5' }],
    settlement: 'cash',
    expiryRule: 'third-wednesday',
    source:
      'KRX Lean Hog Futures specification (global.krx.co.kr GLB0201040702: 1,000 kg, KRW per kg, tick KRW 5 = KRW 5,000, third Wednesday, cash)',
  },
  {
    family: 'Gold futures (commodity)',
    // The product code is kisfo's assumption: no public source lists KRX's code for gold.
    match: { productCodes: ['185'] },
    group: 'GOLD',
    multiplier: '100',
    tickBands: [{ from: '0', tick: '10' }],
    settlement: 'cash',
    expiryRule: 'third-wednesday',
    source:
      'KRX (Mini) Gold Futures specification (eng.krx.co.kr UHPENG03003_05_03; Eugene Investment & Futures GL_0405_T1: 100 g, KRW 10 per g, third Wednesday, cash)',
  },
  {
    family: 'Stock futures',
    match: { stock: true },
    group: 'underlying',
    multiplier: '10',
    tickBands: STOCK_TICKS,
    ...cash,
    source:
      'Daishin Securities futures guide (거래승수 10, stock tick table); KRX 주식선물 상품명세',
  },
  {
    family: 'Stock options',
    match: { stock: true },
    group: 'underlying',
    multiplier: '10',
    tickBands: STOCK_OPT_TICKS,
    ...cash,
    strikeStep: '1000',
    optionModel: 'black-scholes',
    source: 'KRX 주식옵션 상품명세 (거래승수 10)',
  },
  {
    family: 'Sector and theme index futures',
    match: { otherIndexFutures: true },
    group: 'underlying',
    multiplier: '10000',
    tickBands: [{ from: '0', tick: '0.2' }],
    ...cash,
    // 10,000 KRW/pt since KRX cut it from 50,000 (and the tick from 0.5 to 0.2 pt) in 2016.
    source: `${KRX_SPEC}; KRX sector index futures change of 2016-03 (거래승수 5만 → 1만원, 호가 0.50 → 0.20 pt; Yonhap via wowtv.co.kr 2016-03-24, sisajournal-e.com 76408)`,
  },
];

/** Contract kind from the product code's first digit (KRX: 1 futures, 2 calls, 3 puts). */
export function krxKindOfProductCode(code: string): KrxContractKind | undefined {
  return code[0] === '1'
    ? 'future'
    : code[0] === '2'
      ? 'call'
      : code[0] === '3'
        ? 'put'
        : undefined;
}
