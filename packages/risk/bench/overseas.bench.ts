// Overseas engines benchmark: SPAN vs a bare Float64Array loop, pa2 streaming parse vs counting
// newlines, memory while streaming. Run: node --expose-gc --import tsx packages/risk/bench/overseas.bench.ts
// Informational only — never asserted in tests.

import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compileOverseasProductClass,
  computeSpanClassFloat,
  generateSpanRiskArray,
  type OverseasProductClass,
  parsePa2StreamInto,
  spanNet,
  spanNetQuantities,
} from '../src/overseas/index.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const rows: string[][] = [];

/** Median ms per call over ~1 ms batches: robust to other load on the machine, same for all rows. */
function time(fn: () => void, minMs = 300): number {
  let batch = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t0 >= 1 || batch >= 1 << 20) break;
    batch *= 2;
  }
  const per: number[] = [];
  const end = performance.now() + minMs;
  while (performance.now() < end) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    per.push((performance.now() - t0) / batch);
  }
  per.sort((a, b) => a - b);
  return per[per.length >> 1];
}

// ---- SPAN -------------------------------------------------------------------------------------
const CONTRACTS = 2000;
const months = Array.from(
  { length: 20 },
  (_, i) => `${2025 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, '0')}`,
);
const scan = { priceScanRange: 300, volScanRange: 0.04, extremeMove: 3, coveredFraction: 0.33 };
const cls: OverseasProductClass = {
  exchange: 'BEN',
  classCode: 'CH',
  currency: 'USD',
  method: 'span',
  tickSize: '0.25',
  tickValue: '12.5',
  multiplier: '50',
  initialToMaintenance: '1.1',
  contracts: Array.from({ length: CONTRACTS }, (_, i) => {
    const m = months[i % months.length];
    const future = i < months.length;
    const strike = 4000 + 10 * Math.floor(i / 2);
    return {
      kind: future ? 'future' : i % 2 ? 'call' : 'put',
      contractMonth: m,
      underlyingMonth: m,
      strike: future ? undefined : String(strike),
      settlementPrice: '10',
      compositeDelta: future ? 1 : 0.5,
      riskArray: Array.from(
        generateSpanRiskArray(
          future
            ? { kind: 'future', forward: 5000, multiplier: 50 }
            : {
                kind: i % 2 ? 'call' : 'put',
                forward: 5000,
                strike,
                timeYears: 0.5,
                vol: 0.2,
                rate: 0.03,
                multiplier: 50,
              },
          scan,
        ),
      ),
    } as OverseasProductClass['contracts'][number];
  }),
  intraSpreads: months.slice(1).map((_, k) => ({
    rate: '100',
    legs: [
      { tier: k + 1, deltaPerSpread: 1, side: 'A' as const },
      { tier: k + 2, deltaPerSpread: 1, side: 'B' as const },
    ],
  })),
};
const c = compileOverseasProductClass(cls);
const ra = c.riskArrays;
let sink = 0;

// Baseline: Σ q × risk array over exactly the portfolio's positions (16 values each), worst
// scenario. A plain function with arguments, like the engine, so neither side pays for closures.
function bareLoop(idx: Int32Array, qty: Float64Array, arrays: Float64Array): number {
  const acc = new Float64Array(16);
  for (let p = 0; p < idx.length; p++) {
    const q = qty[p];
    const b = idx[p] * 16;
    for (let j = 0; j < 16; j++) acc[j] += q * arrays[b + j];
  }
  let w = 0;
  for (let j = 0; j < 16; j++) if (acc[j] > w) w = acc[j];
  return w;
}

for (const n of [10, 1000, 100000]) {
  const idx = Int32Array.from({ length: n }, (_, p) => (p * 7919) % CONTRACTS);
  const qty = Float64Array.from({ length: n }, (_, p) => ((p * 31) % 11) - 5 || 1);
  // What margin-detail runs per SPAN class: net the positions (book or dense, by size), then
  // scan + spreads.
  const span = time(() => {
    const f = computeSpanClassFloat(c, spanNet(c, idx, qty));
    sink += f.scan + f.intra;
  });
  // The dense vector path (one slot per contract), kept for reference.
  const dense = time(() => {
    const f = computeSpanClassFloat(c, spanNetQuantities(idx, qty, CONTRACTS));
    sink += f.scan + f.intra;
  });
  const bare = time(() => {
    sink += bareLoop(idx, qty, ra);
  });
  const us = (t: number) => `${(t * 1000).toFixed(1)} µs`;
  rows.push([
    `SPAN ${n} pos: spanNet + computeSpanClassFloat`,
    us(span),
    `bare loop ${us(bare)}`,
    `${(span / bare).toFixed(2)}×`,
    '≤ 2×',
  ]);
  rows.push([
    `  (ref) ${n} pos: spanNetQuantities + dense`,
    us(dense),
    `bare loop ${us(bare)}`,
    `${(dense / bare).toFixed(2)}×`,
    '—',
  ]);
}

// ---- pa2 parse --------------------------------------------------------------------------------
const file = join(tmpdir(), `kisfo-bench-${process.pid}.pa2`);
const pad = (s: string, w = 132) => s.padEnd(w, ' ');
const val = (v: number) => `${String(Math.abs(v)).padStart(5, '0')}${v < 0 ? '-' : '+'}`;
async function generate(targetBytes: number): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  let k = 0;
  const head = [pad('0 CME   20250320SF 0000202503201800U2')];
  for (const h of head) out.write(`${h}\n`);
  while (bytes < targetBytes) {
    const parts: string[] = [];
    for (let b = 0; b < 2000; b++, k++) {
      const strike = String(4000 + (k % 3000)).padStart(7, '0');
      const key = `CME${'CH'.padEnd(10)}${'CH'.padEnd(10)}OOFC202506   202506   ${strike}`;
      let v81 = '';
      for (let j = 0; j < 9; j++) v81 += val((((k + j) * 37) % 20000) - 10000);
      let v82 = '';
      for (let j = 0; j < 7; j++) v82 += val((((k + j) * 53) % 20000) - 10000);
      parts.push(pad(`81${key}${v81}00000000530000N`), pad(`82${key}${v82}05000+001800000001250 `));
    }
    const chunk = `${parts.join('\n')}\n`;
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return statSync(file).size;
}

try {
  const size = await generate(50 * 1024 * 1024);
  const mb = size / 1024 / 1024;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  let records = 0;
  const t0 = performance.now();
  await parsePa2StreamInto(createReadStream(file, { highWaterMark: 1 << 20 }), (_r) => {
    records++;
    if ((records & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  const parseMs = performance.now() - t0;
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  let newlines = 0;
  for await (const chunk of createReadStream(file, {
    highWaterMark: 1 << 20,
  }) as AsyncIterable<Buffer>) {
    let i = chunk.indexOf(10);
    while (i >= 0) {
      newlines++;
      i = chunk.indexOf(10, i + 1);
    }
  }
  const countMs = performance.now() - t1;
  const mbps = mb / (parseMs / 1000);
  rows.push([
    `pa2 parse ${mb.toFixed(1)} MB (${records} records)`,
    `${mbps.toFixed(0)} MB/s`,
    `count newlines ${(mb / (countMs / 1000)).toFixed(0)} MB/s`,
    `${(parseMs / countMs).toFixed(2)}× time`,
    '≥ 100 MB/s',
  ]);
  const m = (x: number) => `${(x / 1024 / 1024).toFixed(1)} MB`;
  rows.push([
    'pa2 heap before / peak / after',
    `${m(heapBefore)} / ${m(peak)} / ${m(heapAfter)}`,
    `file ${mb.toFixed(1)} MB`,
    `peak +${m(peak - heapBefore)}`,
    'flat',
  ]);
  void newlines;
} finally {
  try {
    unlinkSync(file);
  } catch {}
}

const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i].length), 8));
const head = ['case', 'kisfo', 'baseline', 'ratio', 'target'];
const fmt = (r: string[]) => `| ${r.map((s, i) => s.padEnd(widths[i])).join(' | ')} |`;
console.log(fmt(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(fmt(r));
if (sink === 42) console.log('');
