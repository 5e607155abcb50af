// KRX engine benchmark: margin of a 1,000-position account vs a bare scan loop, and end-of-day
// settlement of 100,000 accounts vs a bare loop over the same data. Ratios are reported, not asserted.
import {
  blackScholesPrice,
  computeKrxMargin,
  type KrxFill,
  type KrxMarketData,
  KrxMarketIndex,
  type KrxPosition,
  krxInstrument,
  parseKrxCode,
  SAMPLE_KRX_MARGIN_PARAMETERS,
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
const prices = new Map(
  smarket.quotes.map((q) => [
    q.pdno,
    [
      BigInt(Math.round(Number(q.price) * 100)),
      BigInt(Math.round(Number(q.priorSettlement) * 100)),
    ] as const,
  ]),
);
const mult = new Map(uni.map((c) => [c, parseKrxCode(c, 2022).multiplier.coefficient]));
const isFut = new Map(uni.map((c) => [c, parseKrxCode(c, 2022).spec.kind === 'future']));
let peakHeap = 0;
const settleAll = () => {
  let n = 0n;
  for (let a = 0; a < ACCOUNTS; a++) {
    const r = settleKrxDay({ ...accounts[a]!, market: sindex });
    n += r.net_cash.coefficient;
    if ((a & 8191) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  return n;
};
// Bare loop: the same cash flows in scaled bigints, no validation, FIFO or rounding.
const bareSettle = () => {
  let n = 0n;
  for (let a = 0; a < ACCOUNTS; a++) {
    const acc = accounts[a]!;
    for (const pos of acc.positions) {
      const [s, prior] = prices.get(pos.pdno)!;
      if (isFut.get(pos.pdno))
        n += (s - prior) * mult.get(pos.pdno)! * BigInt(pos.qty) * (pos.side === 'long' ? 1n : -1n);
    }
    for (const f of acc.fills) {
      const [s] = prices.get(f.pdno)!;
      const px = BigInt(Math.round(Number(f.price) * 100));
      const sign = f.side === 'buy' ? 1n : -1n;
      n += (isFut.get(f.pdno) ? s - px : -px) * mult.get(f.pdno)! * BigInt(f.qty) * sign;
    }
  }
  return n;
};
const tSettle = time(settleAll, 3);
const tBareSettle = time(bareSettle, 3);
gc();
const peakMb = (Math.max(peakHeap, process.memoryUsage().heapUsed) - heapBefore) / 2 ** 20;
const rssMb = process.memoryUsage().rss / 2 ** 20;

const rows = [
  ['margin, 1,000 positions (62 scenarios)', tMargin, tBareScan, '≤ 3×'],
  [`settlement, ${ACCOUNTS.toLocaleString('en')} accounts`, tSettle, tBareSettle, '≤ 2×'],
] as const;
console.log('| case | engine ms | bare ms | ratio | target |');
console.log('|---|---:|---:|---:|---|');
for (const [name, e, b, target] of rows) {
  console.log(
    `| ${name} | ${e.toFixed(1)} | ${b.toFixed(1)} | ${(e / b).toFixed(2)}× | ${target} |`,
  );
}
console.log(
  `\npeak heap over baseline during settlement: ${peakMb.toFixed(0)} MB; process RSS ${rssMb.toFixed(0)} MB (target < 1 GB)`,
);
