import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  compileOverseasProductClass,
  loadPa2RiskParameters,
  Pa2ParseError,
  Pa2RiskParameterBuilder,
  parsePa2,
  parsePa2Line,
  parsePa2Stream,
  spanScanRisk,
} from '../src/overseas/index.js';

// The real CBOT record quoted in METHODS.md.
const REAL_81 =
  '81CBT06        06        FUT 202507            000000000000+00000+00567-00567-00567+00567+01133-01133-01133+00000000284100N';

/** Build a positional line: [1-based column, text] pairs on a blank 132-column line. */
function line(fields: [number, string][], width = 132): string {
  const chars = Array.from({ length: width }, () => ' ');
  for (const [col, text] of fields) {
    for (let i = 0; i < text.length; i++) chars[col - 1 + i] = text[i];
  }
  return chars.join('').trimEnd();
}
const arr = (vals: number[]) =>
  vals.map((v) => `${String(Math.abs(v)).padStart(5, '0')}${v < 0 ? '-' : '+'}`).join('');

const KEY: [number, string][] = [
  [3, 'CME'],
  [6, 'ES'],
  [16, 'ES'],
  [26, 'FUT'],
  [30, '202506'],
  [48, '0000000'],
];
const FUT_VALUES = [
  0, 0, -1000, -1000, 1000, 1000, -2000, -2000, 2000, 2000, -3000, -3000, 3000, 3000, -2970, 2970,
];

const FILE = [
  line([
    [1, '0 '],
    [3, 'CME'],
    [9, '20250320'],
    [17, 'S'],
    [18, 'F'],
    [36, 'U2'],
  ]),
  line([
    [1, '1 '],
    [3, 'CME'],
    [8, '01'],
  ]),
  line([
    [1, '2 '],
    [3, 'CME'],
    [7, 'ES'],
    [14, 'USD'],
    [18, 'P'],
    [23, 'ES'],
    [33, 'FUT'],
    [36, '0'],
    [39, 'ES'],
    [49, 'OOF'],
    [52, '0'],
  ]),
  line([
    [1, '3 '],
    [3, 'ES'],
    [9, '01'],
    [11, '01202506202506'],
    [25, '02202509202512'],
    [77, '1100'],
  ]),
  line([
    [1, '4 '],
    [3, 'ES'],
    [9, '10'],
    [11, '01'],
    [13, '01202506'],
    [21, '0000100'],
    [28, '0000500'],
    [63, '0000150'],
    [79, '1'],
  ]),
  line([
    [1, 'C '],
    [3, 'ES'],
    [9, '01'],
    [11, '02'],
    [15, '0000200'],
    [22, '010100A'],
    [29, '020100B'],
  ]),
  line([
    [1, '6 '],
    [3, 'EQ '],
    [6, '0001'],
    [10, '0450000'],
    [17, 'CME'],
    [21, 'ES'],
    [27, '0010000'],
    [34, 'A'],
    [35, 'CME'],
    [39, 'NQ'],
    [45, '0010000'],
    [52, 'B'],
    [89, '01'],
  ]),
  line([
    [1, 'P '],
    [3, 'CME'],
    [6, 'ES'],
    [16, 'FUT'],
    [19, 'E-MINI S&P'],
    [34, '002'],
    [37, '002'],
    [42, '00000500000000'],
    [66, 'USD'],
  ]),
  line([
    [1, 'B '],
    [3, 'CME'],
    [6, 'ES'],
    [16, 'FUT'],
    [19, '202506'],
    [37, '00180000'],
    [45, '00040000'],
    [53, '00060'],
    [58, '03000'],
    [63, '03300'],
    [68, '00450'],
    [73, '0250000'],
    [86, '010000'],
    [92, '20250620'],
    [100, 'ES'],
  ]),
  line([
    [1, 'T '],
    [3, 'EUR'],
    [6, 'E'],
    [7, 'USD'],
    [10, '$'],
    [11, '0001085000'],
  ]),
  line([
    [1, 'Z '],
    [3, 'CME'],
    [6, 'WHATEVER'],
  ]),
  line([...KEY, [1, '81'], [55, arr(FUT_VALUES.slice(0, 9))], [109, '00000000530000'], [123, 'N']]),
  line([
    ...KEY,
    [1, '82'],
    [55, arr(FUT_VALUES.slice(9))],
    [97, '10000+'],
    [103, '00180000'],
    [111, '0530000'],
  ]),
].join('\n');

describe('pa2 record layouts', () => {
  it('reads the real "81" record of METHODS.md', () => {
    const r = parsePa2Line(REAL_81, 1);
    assert.ok(r && r.type === '81');
    assert.equal(r.exchange, 'CBT');
    assert.equal(r.commodity, '06');
    assert.equal(r.productType, 'FUT');
    assert.equal(r.futuresMonth, '202507');
    assert.deepEqual(r.values, [0, 0, -567, -567, 567, 567, -1133, -1133, 1133]);
  });
  it('reads records 0, 1, 2, 3, 4, 6, B, P, T, C', () => {
    const recs = parsePa2(FILE);
    const by = (t: string) => recs.find((r) => r.type === t) as never as Record<string, unknown>;
    assert.equal(by('0').businessDate, '20250320');
    assert.equal(by('1').exchange, 'CME');
    assert.deepEqual(by('2').products, [
      { code: 'ES', productType: 'FUT', riskArrayDecimalLocator: 0 },
      { code: 'ES', productType: 'OOF', riskArrayDecimalLocator: 0 },
    ]);
    assert.equal(by('3').ratioSpeculator, 1.1);
    assert.deepEqual(by('3').tiers, [
      { tier: 1, startMonth: '202506', endMonth: '202506' },
      { tier: 2, startMonth: '202509', endMonth: '202512' },
    ]);
    assert.equal(by('4').shortOptionMinimumRate, 150);
    assert.equal(by('4').shortOptionMinimumMethod, 'max');
    assert.equal(by('6').creditRatePercent, 45);
    assert.equal(by('B').priceScanRangeRaw, 60);
    assert.equal(by('B').coveredFraction, 0.33);
    assert.equal(by('P').contractValueFactor, 50);
    assert.equal(by('P').settlementDecimalLocator, 2);
    assert.equal(by('T').multiplier, 1.085);
    assert.equal(by('C').rate, 200);
    assert.equal(
      recs.some((r) => (r.type as string) === 'Z'),
      false,
    );
  });
});

describe('pa2 → parameters', () => {
  it('builds a SPAN class whose scan matches the arrays', () => {
    const b = new Pa2RiskParameterBuilder();
    for (const r of parsePa2(FILE)) b.add(r);
    const p = b.build();
    assert.equal(p.businessDate, '20250320');
    assert.equal(p.classes.length, 1);
    const es = p.classes[0];
    assert.equal(es.currency, 'USD');
    assert.equal(es.initialToMaintenance, '1.1');
    assert.equal(es.multiplier, '50');
    assert.equal(es.tickSize, '0.01');
    assert.equal(es.contracts[0].settlementPrice, '5300');
    assert.deepEqual(es.shortOptionMinimum, { rate: '150', method: 'max' });
    assert.equal(es.intraSpreads?.[0].rate, '200');
    assert.equal(p.interSpreads?.[0].creditRate, '0.45');
    const c = compileOverseasProductClass(es);
    assert.equal(spanScanRisk(new Float64Array([1]), c.riskArrays, 16), 3000);
    assert.equal(b.currencyConversions.get('EUR>USD'), 1.085);
  });
});

describe('pa2 streaming', () => {
  it('bytes split anywhere give the same records as the whole string', async () => {
    const bytes = new TextEncoder().encode(`${FILE}\r\n`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const streamed = [];
    for await (const r of parsePa2Stream(Readable.from(chunks))) streamed.push(r);
    assert.deepEqual(streamed, parsePa2(FILE));
  });
  it('loads parameters from a Readable', async () => {
    const p = await loadPa2RiskParameters(Readable.from([FILE.slice(0, 500), FILE.slice(500)]));
    assert.equal(p.classes[0].contracts.length, 1);
  });
});

describe('pa2 errors name the line and field', () => {
  it('bad digits in an array value', () => {
    const bad = `${REAL_81.slice(0, 66)}0a567${REAL_81.slice(71)}`;
    assert.throws(
      () => parsePa2(`${FILE}\n${bad}`),
      (e: unknown) =>
        e instanceof Pa2ParseError &&
        e.line === 14 &&
        /array value 3 \(columns 67-71\)/.test(e.message),
    );
  });
  it('bad sign', () => {
    const bad = `${REAL_81.slice(0, 59)}*${REAL_81.slice(60)}`;
    assert.throws(() => parsePa2(bad), /pa2 line 1, field array value 1 sign \(column 60\)/);
  });
  it('bad spread side', () => {
    assert.throws(
      () =>
        parsePa2(
          `\n${line([
            [1, 'C '],
            [3, 'ES'],
            [22, '010100X'],
          ])}`,
        ),
      /pa2 line 2, field leg 1 side \(column 28\)/,
    );
  });
});
