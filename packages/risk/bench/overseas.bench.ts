// Overseas engines benchmark, each measure against its floor, alternated round by round:
// 1. SPAN of one class (what the margin detail runs per class: net the positions, then scan,
//    tier spreads and spot charge) vs the cheapest bare Float64Array loop giving the same scan —
//    Σ q × risk array over the positions, or netting per contract first when that is cheaper.
// 2. pa2 streaming parse of a generated 50 MB file vs reading it and counting newlines.
// 3. Heap while streaming (before / peak / after), and the process RSS over the whole run.
// Ratios and times are printed, never asserted in tests.
// Run: node --expose-gc --import tsx packages/risk/bench/overseas.bench.ts   (KISFO_BENCH_ROUNDS)

import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goal, machine, median, sampleRss, spread, table } from '../../../scripts/bench/kit.js';
import {
  compileOverseasProductClass,
  computeSpanClassFloat,
  generateSpanRiskArray,
  type OverseasProductClass,
  parsePa2StreamInto,
  spanNet,
  spanNetQuantities,
} from '../src/index.js';

const ROUNDS = Math.max(3, Number(process.env.KISFO_BENCH_ROUNDS ?? 7));
const AREA = 'risk (overseas)';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const started = performance.now();
const rss = sampleRss(process.pid);
const rows: string[][] = [['case', 'median', 'spread', 'ratio', 'goal']];

/** Median ms per call over ~1 ms batches: robust to other load on the machine, same for all sides. */
function perCall(fn: () => void, minMs = 100): number {
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
  return median(per);
}

/** Time every side once per round, ROUNDS rounds, the order rotating each round. */
function alternate(sides: (() => void)[]): number[][] {
  const out = sides.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    gc();
    for (let k = 0; k < sides.length; k++) {
      const s = (k + r) % sides.length;
      out[s]!.push(perCall(sides[s]!));
    }
  }
  return out;
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
const SC = c.scenarios;
let sink = 0;

// Floor 1: Σ q × risk array over exactly the portfolio's positions, worst scenario. Plain
// functions with arguments, like the engine, so no side pays for closures.
function bareLoop(idx: Int32Array, qty: Float64Array, arrays: Float64Array): number {
  const sc = SC;
  const acc = new Float64Array(sc);
  for (let p = 0; p < idx.length; p++) {
    const q = qty[p]!;
    const b = idx[p]! * sc;
    for (let j = 0; j < sc; j++) acc[j]! += q * arrays[b + j]!;
  }
  let w = 0;
  for (let j = 0; j < sc; j++) if (acc[j]! > w) w = acc[j]!;
  return w;
}

// Floor 2: net per contract into a kept scratch first (cheaper once positions repeat contracts),
// then one pass over the held contracts in ascending order; the scratch is left zeroed.
const scratch = new Float64Array(CONTRACTS);
function bareNettedLoop(idx: Int32Array, qty: Float64Array, arrays: Float64Array): number {
  const sc = SC;
  const net = scratch;
  for (let p = 0; p < idx.length; p++) net[idx[p]!]! += qty[p]!;
  const acc = new Float64Array(sc);
  for (let i = 0; i < net.length; i++) {
    const q = net[i]!;
    if (q === 0) continue;
    net[i] = 0;
    const b = i * sc;
    for (let j = 0; j < sc; j++) acc[j]! += q * arrays[b + j]!;
  }
  let w = 0;
  for (let j = 0; j < sc; j++) if (acc[j]! > w) w = acc[j]!;
  return w;
}

const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const usSpread = (xs: number[]) => spread(xs.map((x) => x * 1000));
const spanGoals: { n: number; ratio: number; engine: number; floor: number; agree: boolean }[] = [];
for (const n of [10, 1000, 100000]) {
  // Inputs built outside the timed part, the same for every side.
  const idx = Int32Array.from({ length: n }, (_, p) => (p * 7919) % CONTRACTS);
  const qty = Float64Array.from({ length: n }, (_, p) => ((p * 31) % 11) - 5 || 1);
  // Both sides must agree on the scan before their times mean anything: the netted floor sums in
  // the engine's order (same bits); the per-position floor in another order (float rounding).
  const engineScan = computeSpanClassFloat(c, spanNet(c, idx, qty)).scan;
  const nettedScan = bareNettedLoop(idx, qty, ra);
  const directScan = bareLoop(idx, qty, ra);
  const agree =
    engineScan === nettedScan &&
    Math.abs(directScan - engineScan) <= 1e-9 * Math.max(1, Math.abs(engineScan));
  const [engine, dense, direct, netted] = alternate([
    // What the margin detail runs per SPAN class: net (book or dense, by size), then the class.
    () => {
      const f = computeSpanClassFloat(c, spanNet(c, idx, qty));
      sink += f.scan + f.intra;
    },
    // The dense vector path (one slot per contract), kept for reference.
    () => {
      const f = computeSpanClassFloat(c, spanNetQuantities(idx, qty, CONTRACTS));
      sink += f.scan + f.intra;
    },
    () => {
      sink += bareLoop(idx, qty, ra);
    },
    () => {
      sink += bareNettedLoop(idx, qty, ra);
    },
  ]) as [number[], number[], number[], number[]];
  // The floor of each round is the cheaper bare loop of that round.
  const floor = direct.map((d, r) => Math.min(d, netted[r]!));
  const ratio = median(engine) / median(floor);
  spanGoals.push({ n, ratio, engine: median(engine), floor: median(floor), agree });
  rows.push(
    [`floor: cheaper bare loop, ${n} positions`, us(median(floor)), usSpread(floor), '1.00×', ''],
    [
      `  of which Σ over the positions / netted first`,
      `${us(median(direct))} / ${us(median(netted))}`,
      '',
      '',
      '',
    ],
    [
      `SPAN ${n} positions: spanNet + computeSpanClassFloat`,
      us(median(engine)),
      usSpread(engine),
      `${ratio.toFixed(2)}×`,
      '≤ 2×',
    ],
    [
      `  info: spanNetQuantities + dense vector`,
      us(median(dense)),
      usSpread(dense),
      `${(median(dense) / median(floor)).toFixed(2)}×`,
      '',
    ],
  );
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

// A streaming parse holds a chunk and a record at a time: its heap must not grow with the file.
const HEAP_PEAK_MB = 32;
const HEAP_SETTLED_MB = 2;
let pa2:
  | {
      mb: number;
      records: number;
      lines: number;
      mbps: number;
      floorMbps: number;
      growth: number;
      settled: number;
    }
  | undefined;
try {
  const size = await generate(50 * 1024 * 1024);
  const mb = size / 1024 / 1024;
  let records = 0;
  let heapBefore = 0;
  let peak = 0;
  let heapAfter = 0;
  let newlines = 0;
  const parse = async () => {
    gc();
    heapBefore = process.memoryUsage().heapUsed;
    peak = heapBefore;
    records = 0;
    const t0 = performance.now();
    await parsePa2StreamInto(createReadStream(file, { highWaterMark: 1 << 20 }), (_r) => {
      records++;
      if ((records & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    });
    const ms = performance.now() - t0;
    gc();
    heapAfter = process.memoryUsage().heapUsed;
    return ms;
  };
  // Floor: read the same file the same way and count its lines.
  const count = async () => {
    gc();
    newlines = 0;
    const t0 = performance.now();
    for await (const chunk of createReadStream(file, {
      highWaterMark: 1 << 20,
    }) as AsyncIterable<Buffer>) {
      let i = chunk.indexOf(10);
      while (i >= 0) {
        newlines++;
        i = chunk.indexOf(10, i + 1);
      }
    }
    return performance.now() - t0;
  };
  await parse();
  await count();
  const parseMs: number[] = [];
  const countMs: number[] = [];
  const growth: number[] = [];
  const settled: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    if (r % 2 === 0) {
      parseMs.push(await parse());
      countMs.push(await count());
    } else {
      countMs.push(await count());
      parseMs.push(await parse());
    }
    growth.push((peak - heapBefore) / 1024 / 1024);
    settled.push((heapAfter - heapBefore) / 1024 / 1024);
  }
  const mbps = parseMs.map((t) => mb / (t / 1000));
  const floorMbps = countMs.map((t) => mb / (t / 1000));
  pa2 = {
    mb,
    records,
    lines: newlines,
    mbps: median(mbps),
    floorMbps: median(floorMbps),
    growth: Math.max(...growth),
    settled: Math.max(...settled.map(Math.abs)),
  };
  rows.push(
    [
      `floor: read ${mb.toFixed(1)} MB and count newlines, MB/s`,
      median(floorMbps).toFixed(0),
      spread(floorMbps, 0),
      '1.00×',
      '',
    ],
    [
      `pa2 parse ${mb.toFixed(1)} MB (${records} records), MB/s`,
      median(mbps).toFixed(0),
      spread(mbps, 0),
      `${(median(parseMs) / median(countMs)).toFixed(2)}× time`,
      '≥ 100 MB/s',
    ],
    [
      'pa2 heap growth while streaming, peak / after GC, MB',
      `${pa2.growth.toFixed(1)} / ${pa2.settled.toFixed(1)}`,
      spread(growth),
      '',
      `flat: < ${HEAP_PEAK_MB} MB / < ${HEAP_SETTLED_MB} MB`,
    ],
  );
} finally {
  try {
    unlinkSync(file);
  } catch {}
}

const rssSamples = rss.stop();
rows.push([
  'process RSS over the run, MB',
  median(rssSamples).toFixed(0),
  spread(rssSamples, 0),
  '',
  '',
]);
console.log(table(rows));
console.log(
  `\nSPAN: engine and floors agree on the scan: ${spanGoals.every((g) => g.agree) ? 'yes' : 'NO'}; pa2: every line a record: ${pa2 && pa2.records === pa2.lines ? 'yes' : 'NO'}` +
    `\n${ROUNDS} rounds alternated; process RSS ${median(rssSamples).toFixed(0)} MB median, ${Math.max(...rssSamples).toFixed(0)} MB peak; ${machine()}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
for (const g of spanGoals) {
  goal({
    area: AREA,
    measure: `SPAN of one class, ${g.n.toLocaleString('en')} positions, vs the cheapest bare loop`,
    goal: '≤ 2×',
    measured: `${g.ratio.toFixed(2)}× (${us(g.engine)} vs ${us(g.floor)})`,
    met: g.ratio <= 2 && g.agree,
  });
}
if (pa2) {
  goal({
    area: AREA,
    measure: `pa2 streaming parse of ${pa2.mb.toFixed(0)} MB`,
    goal: '≥ 100 MB/s',
    measured: `${pa2.mbps.toFixed(0)} MB/s (reading alone ${pa2.floorMbps.toFixed(0)} MB/s)`,
    met: pa2.mbps >= 100 && pa2.records === pa2.lines,
  });
  goal({
    area: AREA,
    measure: `heap while streaming ${pa2.mb.toFixed(0)} MB of pa2`,
    goal: `flat (peak < +${HEAP_PEAK_MB} MB, after GC < ${HEAP_SETTLED_MB} MB)`,
    measured: `peak +${pa2.growth.toFixed(1)} MB, after GC ${pa2.settled.toFixed(1)} MB`,
    met: pa2.growth < HEAP_PEAK_MB && pa2.settled < HEAP_SETTLED_MB,
  });
}
if (sink === 42) console.log('');
