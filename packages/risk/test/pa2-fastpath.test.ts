// The byte fast path for "81"/"82" lines must give exactly what the string reference reader gives:
// same records (down to −0), same errors (line, field, message), whatever the chunking.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  Pa2LineParser,
  Pa2ParseError,
  type Pa2Record,
  parsePa2,
  parsePa2Line,
  parsePa2StreamInto,
} from '../src/overseas/index.js';
import { parsePa2LineReference } from '../src/overseas/pa2-records.js';

const REAL_81 =
  '81CBT06        06        FUT 202507            000000000000+00000+00567-00567-00567+00567+01133-01133-01133+00000000284100N';

/** Deterministic PRNG (LCG) so a failure reproduces. */
function rng(seed: number) {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(a: readonly T[]): T => a[int(a.length)];
  return { int, pick };
}

/** Outcome of a parse: the value, or the error's name, message, line and field. */
function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (e) {
    const x = e as Pa2ParseError;
    return { error: [x.name, x.message, x.line, x.field] };
  }
}

const NOISE = [
  ...'0123456789',
  ' ',
  '+',
  '-',
  'A',
  'x',
  '.',
  '\t',
  '\r',
  '\u00a0',
  '\u0080',
  '\u009f',
  'é',
  '€',
  '\u0000',
  '\u007f',
];

/** A random "81"/"82" line: signs + - or blank, zero or blank padding, sometimes corrupted or cut. */
function randomArrayLine(r: ReturnType<typeof rng>): string {
  const type = r.pick(['81', '82']);
  const digits = (width: number) => {
    const v = r.int(3) === 0 ? 0 : r.int(10 ** Math.min(width, 9));
    return String(v).padStart(width, r.pick(['0', '0', ' ']));
  };
  const signed = (width: number) => `${digits(width)}${r.pick(['+', '-', ' ', '-'])}`;
  let s =
    type +
    r.pick(['CME', 'CBT', ' X ', '   ']) +
    r.pick(['CH', '06', 'ES', '  ES', 'A B', '']).padEnd(10) +
    r.pick(['CH', '06', '']).padEnd(10) +
    r.pick(['OOF', 'FUT', 'OOP', '   ']) +
    r.pick(['C', 'P', ' ']) +
    r.pick(['202506', '      ', '2025  ']) +
    '   ' +
    r.pick(['202509', '      ']) +
    '   ' +
    digits(7);
  for (let k = 0; k < (type === '81' ? 9 : 7); k++) s += signed(5);
  s +=
    type === '81'
      ? '00000000530000N'
      : `${signed(5)}${digits(8)}${signed(7)}`.padEnd(r.pick([14, 20]));
  s = s.padEnd(r.pick([132, 132, 118, 0]));
  if (r.int(3) === 0) {
    for (let k = 1 + r.int(3); k > 0; k--) {
      const p = r.int(s.length);
      s = s.slice(0, p) + r.pick(NOISE) + s.slice(p + 1);
    }
  }
  if (r.int(6) === 0) s = s.slice(0, r.int(s.length + 1));
  if (r.int(8) === 0) s = s.trimEnd();
  return s;
}

/** windows-1252 byte of each character a single-byte decode of a pa2 file can give. */
const BYTE_OF = new Map<string, number>();
const DECODER = new TextDecoder('latin1');
for (let b = 0; b < 256; b++) BYTE_OF.set(DECODER.decode(new Uint8Array([b]), { stream: true }), b);

/** windows-1252 bytes of a string (what a pa2 file on disk holds). */
function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const b = BYTE_OF.get(ch);
    if (b === undefined) throw new Error(`not windows-1252: ${JSON.stringify(ch)}`);
    return b;
  });
}

async function streamed(chunks: (string | Uint8Array)[]): Promise<unknown> {
  const out: Pa2Record[] = [];
  try {
    const stats = await parsePa2StreamInto(Readable.from(chunks), (r) => out.push(r));
    return { out, stats };
  } catch (e) {
    return { out, error: (e as Error).message };
  }
}

function reference(text: string): unknown {
  const out: Pa2Record[] = [];
  let lines = 0;
  let skipped = 0;
  try {
    const lineTexts = text.split('\n');
    if (lineTexts[lineTexts.length - 1] === '') lineTexts.pop(); // no unfinished last line
    for (let line of lineTexts) {
      const n = ++lines;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') continue;
      const r = parsePa2LineReference(line, n);
      if (r === undefined) skipped++;
      else out.push(r);
    }
  } catch (e) {
    return { out, error: (e as Error).message };
  }
  return { out, stats: { lines, records: out.length, skipped } };
}

describe('pa2 fast path = reference reader', () => {
  it('random "81"/"82" lines: same records or the same error', () => {
    const r = rng(20250320);
    let fast = 0;
    for (let i = 0; i < 20000; i++) {
      const line = randomArrayLine(r);
      const got = outcome(() => parsePa2Line(line, i + 1));
      assert.deepStrictEqual(
        got,
        outcome(() => parsePa2LineReference(line, i + 1)),
        line,
      );
      if ('value' in (got as object)) fast++;
    }
    assert.ok(fast > 10000, `only ${fast} lines parsed`);
  });

  it('byte streams split anywhere (with CRLF, windows-1252 bytes, other records) agree', async () => {
    const r = rng(7);
    const others = [
      '0 CME   20250320SF 0000202503201800U2',
      'T EURE USD$0001085000',
      'P CMEES        FUTE-MINI S\u20acP     -02002  00000500000000          USD',
      'Z CME whatever',
      'S ',
      '8',
      '',
    ];
    for (let i = 0; i < 300; i++) {
      const lines = Array.from({ length: 1 + r.int(10) }, () =>
        r.int(4) ? randomArrayLine(r) : r.pick(others),
      ).map((l) => Array.from(l, (ch) => (BYTE_OF.has(ch) ? ch : 'x')).join(''));
      const text = lines.join(r.pick(['\n', '\r\n'])) + r.pick(['', '\n']);
      const bytes = bytesOf(text);
      const chunks: (string | Uint8Array)[] = [];
      for (let at = 0; at < bytes.length; ) {
        const k = 1 + r.int(r.int(2) ? 300 : 8);
        const part = bytes.subarray(at, at + k);
        chunks.push(r.int(6) === 0 ? DECODER.decode(part, { stream: true }) : part);
        at += k;
      }
      const want = reference(text);
      assert.deepStrictEqual(await streamed(chunks), want, JSON.stringify(text));
      const w = want as { out: Pa2Record[]; error?: string };
      if (w.error === undefined) assert.deepStrictEqual(parsePa2(text), w.out);
      else assert.throws(() => parsePa2(text), { message: w.error });
    }
  });
});

describe('pa2 fast path cases', () => {
  it('the real "81" record of METHODS.md from bytes, CRLF and split mid-line', async () => {
    const bytes = new TextEncoder().encode(`${REAL_81}\r\n${REAL_81}`);
    const got = (await streamed([bytes.subarray(0, 70), bytes.subarray(70)])) as {
      out: Pa2Record[];
    };
    assert.equal(got.out.length, 2);
    for (const rec of got.out) {
      assert.ok(rec.type === '81');
      assert.equal(rec.exchange, 'CBT');
      assert.equal(rec.commodity, '06');
      assert.equal(rec.underlying, '06');
      assert.equal(rec.productType, 'FUT');
      assert.equal(rec.right, '');
      assert.equal(rec.futuresMonth, '202507');
      assert.equal(rec.optionMonth, '');
      assert.equal(rec.strikeRaw, 0);
      assert.deepStrictEqual(rec.values, [0, 0, -567, -567, 567, 567, -1133, -1133, 1133]);
    }
  });

  it('signs, blanks and zero padding: "00000-" is −0, blank digits read as 0', () => {
    const vals = [
      '00000-',
      '00000+',
      '00012 ',
      '   12-',
      '     +',
      '1 2 3-',
      '99999-',
      '00001+',
      '0000  ',
    ];
    const line = `81CME${'ES'.padEnd(20)}FUT 202506${' '.repeat(12)}  12345${vals.join('')}`;
    const r = parsePa2Line(line, 1);
    assert.ok(r?.type === '81');
    assert.ok(Object.is(r.values[0], -0));
    assert.ok(Object.is(r.values[1], 0));
    assert.deepStrictEqual(r.values, [-0, 0, 12, -12, 0, -123, -99999, 1, 0]);
    assert.equal(r.strikeRaw, 12345);
    assert.deepStrictEqual(r, parsePa2LineReference(line, 1));
  });

  it('"82": composite delta, implied vol and settlement with their signs', () => {
    const line = `82CME${'ES'.padEnd(20)}OOFC202506   202509   0450000${'00100-'.repeat(7)}05000-001800000530000-`;
    const r = parsePa2Line(line, 1);
    assert.ok(r?.type === '82');
    assert.equal(r.compositeDelta, -0.5);
    assert.equal(r.impliedVol, 0.18);
    assert.equal(r.settlementRaw, -530000);
    assert.equal(r.strikeRaw, 450000);
    assert.deepStrictEqual(r.values, Array(7).fill(-100));
    assert.deepStrictEqual(r, parsePa2LineReference(line, 1));
  });

  it('errors from a byte stream name the line number and field, as from text', async () => {
    const bad = `${REAL_81.slice(0, 66)}0a567${REAL_81.slice(71)}`;
    const text = `${REAL_81}\n\n${bad}\n`;
    const got = (await streamed([new TextEncoder().encode(text)])) as { error: string };
    assert.equal(
      got.error,
      'pa2 line 3, field array value 3 (columns 67-71): expected digits, got "0a567"',
    );
    assert.throws(
      () => parsePa2(text),
      (e: unknown) => e instanceof Pa2ParseError && e.line === 3 && e.message === got.error,
    );
    const badSign = `${REAL_81.slice(0, 59)}*${REAL_81.slice(60)}`;
    assert.deepStrictEqual(await streamed([new TextEncoder().encode(badSign)]), {
      out: [],
      error: 'pa2 line 1, field array value 1 sign (column 60): expected + or -, got "*"',
    });
  });

  it('windows-1252 bytes read as the whole-chunk decode reads them (0x80 is "€")', async () => {
    const line = bytesOf(`81CBTA\u20acB${' '.repeat(17)}FUT 202507${REAL_81.slice(35)}`);
    const got = (await streamed([line])) as { out: Pa2Record[] };
    assert.ok(got.out[0].type === '81');
    assert.equal(got.out[0].commodity, 'A\u20acB');
  });

  it('lines longer than a chunk, and skipped record types, are counted like before', () => {
    const recs: Pa2Record[] = [];
    const p = new Pa2LineParser((r) => recs.push(r));
    const long = `Z ${'y'.repeat(5000)}\n`;
    const bytes = new TextEncoder().encode(`${long}${REAL_81}\n5 group\nE x\n${long}`);
    for (let at = 0; at < bytes.length; at += 97) p.push(bytes.subarray(at, at + 97));
    assert.deepStrictEqual(p.end(), { lines: 5, records: 1, skipped: 4 });
    assert.deepStrictEqual(recs, [parsePa2LineReference(REAL_81, 2)]);
  });
});
