// KRX engine benchmark: margin of a 1,000-position account vs a bare scan loop, and end-of-day
// settlement of 100,000 accounts (settleKrxBatch) vs a hand-written loop over the same columns.
// settleKrxDay per account and the batch build are reported for information. Ratios are
// reported, not asserted.
import {
  blackScholesPrice,
  buildKrxSettlementBatch,
  computeKrxMargin,
  type KrxFill,
  type KrxMarketData,
  KrxMarketIndex,
  type KrxPosition,
  type KrxSettlementBatch,
  krxInstrument,
  SAMPLE_KRX_MARGIN_PARAMETERS,
  settleKrxBatch,
  settleKrxDay,
} from '../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => void, reps: number): number {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

// ---- margin: 1,000 positions over KOSPI200 futures and options ----
const level = 306.9;
const quotes: KrxMarketData['quotes'] = [];
const codes: string[] = [];
for (const [y, m] of [
  [2022, 12],
  [2023, 1],
  [2023, 3],
] as const) {
  const f = krxInstrument({ productCode: '101', year: y, month: m });
  codes.push(f.shortCode);
  quotes.push({
    pdno: f.shortCode,
    price: (level + 1).toFixed(2),
    priorSettlement: level.toFixed(2),
  });
  for (let k = 250; k <= 365; k += 2.5) {
    for (const pc of ['201', '301']) {
      const o = krxInstrument({ productCode: pc, year: y, month: m, strike: String(k) });
      codes.push(o.shortCode);
      quotes.push({
        pdno: o.shortCode,
        price: (1 + rand() * 20).toFixed(2),
        vol: 0.15 + rand() * 0.15,
      });
    }
  }
}
const market: KrxMarketData = {
  asOf: '2022-11-15',
  quotes,
  underlyings: [{ group: 'KOSPI200', level: String(level), vol: 0.2 }],
};
const index = new KrxMarketIndex(market);
const positions = Array.from({ length: 1000 }, () => {
  const code = codes[Math.floor(rand() * codes.length)]!;
  return { instrument: index.resolve(code, 'bench'), qty: Math.floor(rand() * 41) - 20 || 1 };
});
const p = SAMPLE_KRX_MARGIN_PARAMETERS;
const engine = () =>
  computeKrxMargin({ positions, market: index, parameters: p, level: 'initial' });
// Bare scan: every position repriced at every scenario, no grouping, caching or bookkeeping.
const series = positions.map((x) => {
  const q = quotes.find((qq) => qq.pdno === x.instrument.shortCode)!;
  return {
    x,
    vol: q.vol ?? 0.2,
    t: index.timeToExpiry(x.instrument),
    k: x.instrument.strike?.toNumber() ?? 0,
    price: Number(q.price),
  };
});
const bare = () => {
  const acc = new Float64Array(62);
  for (const s of series) {
    const kind = s.x.instrument.spec.kind;
    const w = s.x.qty * 250000;
    const v0 =
      kind === 'future'
        ? 0
        : blackScholesPrice(kind === 'call', level, s.k, s.t, s.vol, p.rate, p.dividendYield);
    for (let j = 0; j < 31; j++) {
      const sh = (0.081 * (j - 15)) / 15;
      for (let v = 0; v < 2; v++) {
        const d =
          kind === 'future'
            ? s.price * sh
            : blackScholesPrice(
                kind === 'call',
                level * (1 + sh),
                s.k,
                s.t,
                s.vol * (v ? 0.75 : 1.25),
                p.rate,
                p.dividendYield,
              ) - v0;
        acc[2 * j + v]! += w * d;
      }
    }
  }
  let worst = 0;
  for (const x of acc) worst = Math.max(worst, -x);
  return worst;
};
engine();
bare();
const tMargin = time(engine, 15);
const tBareScan = time(bare, 15);

// ---- settlement: 100,000 accounts ----
const ACCOUNTS = 100_000;
const uni = ['101S12', '105S12', '201S12300', '301S12300'];
const smarket: KrxMarketData = {
  asOf: '2022-11-15',
  quotes: [
    { pdno: '101S12', price: '307.45', priorSettlement: '309.10' },
    { pdno: '105S12', price: '307.44', priorSettlement: '309.12' },
    { pdno: '201S12300', price: '9.50', priorSettlement: '10.10' },
    { pdno: '301S12300', price: '2.40', priorSettlement: '2.15' },
  ],
  underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }],
};
const sindex = new KrxMarketIndex(smarket);
gc();
const heapBefore = process.memoryUsage().heapUsed;
const accounts: { positions: KrxPosition[]; fills: KrxFill[] }[] = [];
for (let a = 0; a < ACCOUNTS; a++) {
  const pdno = uni[a % 4]!;
  const qty = 1 + (a % 7);
  accounts.push({
    positions: [
      {
        pdno,
        side: a % 2 ? 'long' : 'short',
        qty,
        avgPrice: '300.00',
        priorSettlement: smarket.quotes[a % 4]!.priorSettlement!,
      },
    ],
    fills: [
      {
        fillId: `${a}a`,
        pdno: uni[(a + 1) % 4]!,
        side: 'buy',
        openClose: 'open',
        qty: 2,
        price: '10.05',
      },
      {
        fillId: `${a}b`,
        pdno,
        side: a % 2 ? 'sell' : 'buy',
        openClose: 'close',
        qty: 1,
        price: '308.00',
      },
    ],
  });
}
let peakHeap = 0;
const sampleHeap = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
// Validation and layout happen once per day's batch; reported, not part of the ratio.
const tBuild0 = performance.now();
const batch = buildKrxSettlementBatch(accounts, sindex);
const tBuild = performance.now() - tBuild0;
sampleHeap();
let engineOut = settleKrxBatch(batch);
const engine2 = () => {
  engineOut = settleKrxBatch(batch);
  sampleHeap();
};

// Bare loop: what one would write by hand for this data over the same columns — the same
// outputs (thdt, rnwl, opt, fee, net per account, carried quantity per leg) with KRX truncation
// inlined, and none of the engine's generality (rounding modes, expiring series, bigint path).
const bareSettle = (b: KrxSettlementBatch) => {
  const n = b.accountCount;
  const thdtOut = new Float64Array(n);
  const rnwlOut = new Float64Array(n);
  const optOut = new Float64Array(n);
  const feeOut = new Float64Array(n);
  const netOut = new Float64Array(n);
  const carried = new Float64Array(b.legOpenQty);
  const unit = 10 ** (b.priceScale + b.multiplierScale);
  const feeDiv = Float64Array.from(b.seriesFeeScale, (k) => 10 ** k);
  const { positionStart, positionSeries, positionQty, positionPrior } = b;
  const { fillStart, fillSeries, fillQty, fillPrice, fillLeg } = b;
  const { seriesFuture: fut, seriesMultiplier: mult, seriesPrice: px, seriesFeeRate: rate } = b;
  for (let a = 0; a < n; a++) {
    let rnwl = 0;
    for (let p = positionStart[a]!; p < positionStart[a + 1]!; p++) {
      const s = positionSeries[p]!;
      if (fut[s]) rnwl += (px[s]! - positionPrior[p]!) * mult[s]! * positionQty[p]!;
    }
    let thdt = 0;
    let opt = 0;
    let fee = 0;
    for (let f = fillStart[a]!; f < fillStart[a + 1]!; f++) {
      const s = fillSeries[f]!;
      const q = fillQty[f]!;
      const amount = fillPrice[f]! * mult[s]! * q;
      if (fut[s]) thdt += (px[s]! - fillPrice[f]!) * mult[s]! * q;
      else opt -= amount;
      fee += Math.trunc((Math.abs(amount) * rate[s]!) / feeDiv[s]!);
      carried[fillLeg[f]!]! += q;
    }
    const t = Math.trunc(thdt / unit);
    const r = Math.trunc(rnwl / unit);
    const o = Math.trunc(opt / unit);
    thdtOut[a] = t;
    rnwlOut[a] = r;
    optOut[a] = o;
    feeOut[a] = fee;
    netOut[a] = t + r + o - fee;
  }
  return { thdtOut, rnwlOut, optOut, feeOut, netOut, carried };
};
let bareOut = bareSettle(batch);
const bare2 = () => {
  bareOut = bareSettle(batch);
};
const settleAll = () => {
  let n = 0n;
  for (let a = 0; a < ACCOUNTS; a++) {
    const r = settleKrxDay({ ...accounts[a]!, market: sindex });
    n += r.net_cash.coefficient;
    if ((a & 8191) === 0) sampleHeap();
  }
  return n;
};
// Alternate the two so drift in CPU clock or GC hits both alike.
const tEng: number[] = [];
const tBare: number[] = [];
for (let i = 0; i < 31; i++) {
  tEng.push(time(engine2, 1));
  tBare.push(time(bare2, 1));
}
const tSettle = median(tEng);
const tBareSettle = median(tBare);
let dayNet = 0n;
const tDay = time(() => {
  dayNet = settleAll();
}, 3);
gc();
const peakMb = (Math.max(peakHeap, process.memoryUsage().heapUsed) - heapBefore) / 2 ** 20;
const rssMb = process.memoryUsage().rss / 2 ** 20;

// The three paths must agree before their times mean anything.
const same = (x: Float64Array, y: Float64Array) => x.every((v, i) => v === y[i]);
const agree =
  same(engineOut.thdt_dfpa, bareOut.thdtOut) &&
  same(engineOut.rnwl_dfpa, bareOut.rnwlOut) &&
  same(engineOut.opt_dfpa, bareOut.optOut) &&
  same(engineOut.fee, bareOut.feeOut) &&
  same(engineOut.net_cash, bareOut.netOut) &&
  same(engineOut.carriedQty, bareOut.carried) &&
  engineOut.net_cash.reduce((x, v) => x + BigInt(v), 0n) === dayNet;
const columnsMb =
  Object.values(batch)
    .filter(ArrayBuffer.isView)
    .reduce((x, v) => x + v.byteLength, 0) /
  2 ** 20;

const rows = [
  ['margin, 1,000 positions (62 scenarios)', tMargin, tBareScan, '≤ 3×'],
  [
    `settlement, ${ACCOUNTS.toLocaleString('en')} accounts (settleKrxBatch)`,
    tSettle,
    tBareSettle,
    '≤ 2×',
  ],
  [`  info: settleKrxDay per account`, tDay, tBareSettle, '—'],
  [`  info: buildKrxSettlementBatch (validation, once)`, tBuild, tBareSettle, '—'],
] as const;
console.log('| case | engine ms | bare ms | ratio | target |');
console.log('|---|---:|---:|---:|---|');
for (const [name, e, b, target] of rows) {
  console.log(
    `| ${name} | ${e.toFixed(1)} | ${b.toFixed(1)} | ${(e / b).toFixed(2)}× | ${target} |`,
  );
}
console.log(
  `\nsettleKrxBatch, bare loop and settleKrxDay agree on every figure: ${agree ? 'yes' : 'NO'}` +
    ` (${batch.exactPath.reduce((x, v) => x + v, 0)} accounts on the bigint path)`,
);
console.log(
  `peak heap over baseline during settlement: ${peakMb.toFixed(0)} MB (batch columns ${columnsMb.toFixed(1)} MB); process RSS ${rssMb.toFixed(0)} MB (target < 1 GB)`,
);
