// KRX engine benchmark, three measures, each against its floor, alternated round by round:
// 1. Margin of a 1,000-position account (fresh market index each time) vs a loop that prices each
//    series once at every scenario and sums the net quantities.
// 2. End-of-day settlement of 100,000 accounts from the rows the ledger hands the engine
//    (buildKrxSettlementBatch + settleKrxBatch) vs a bare loop over plain typed arrays built from
//    the same rows; both builds are also reported as their own rows.
// 3. The balance of one account of 10,000 positions (the ledger's generated scenario), kept in a
//    DomesticBalanceBook and read after each change (one more fill; a new price of one series);
//    building the book and a cold first compute are reported as their own rows, and the book is
//    checked against a fresh compute of its final state. Ratios and times are printed, never asserted in tests.
// Run: node --expose-gc --import tsx packages/risk/bench/krx.bench.ts   (KISFO_BENCH_ROUNDS;
// KISFO_BENCH_KRX=margin runs the margin part alone, measured exactly as in the whole bench)
import { Decimal } from '@kisfo/protocol';
import { goal, machine, median, sampleRss, spread, table } from '../../../scripts/bench/kit.js';
import {
  createBackOffice,
  domesticBalanceInput,
  generateScenario,
  importScenario,
  openLedger,
} from '../../server/src/ledger/index.js';
import {
  blackScholesPrice,
  buildKrxSettlementBatch,
  computeDomesticBalance,
  computeKrxMargin,
  DomesticBalanceBook,
  type DomesticBalanceInput,
  type KrxFill,
  type KrxMarketData,
  KrxMarketIndex,
  type KrxPosition,
  krxInstrument,
  SAMPLE_KRX_MARGIN_PARAMETERS,
  SAMPLE_KRX_SETTLEMENT_PARAMETERS,
  settleKrxBatch,
  settleKrxDay,
} from '../src/index.js';

const ROUNDS = Math.max(3, Number(process.env.KISFO_BENCH_ROUNDS ?? 11));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const started = performance.now();
const rss = sampleRss(process.pid);
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const timed = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
/** Alternate the two sides ROUNDS times (order flipping) after one warm-up each. */
function alternate(a: () => void, b: () => void): { a: number[]; b: number[] } {
  a();
  b();
  const out = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    gc();
    if (r % 2 === 0) {
      out.a.push(timed(a));
      out.b.push(timed(b));
    } else {
      out.b.push(timed(b));
      out.a.push(timed(a));
    }
  }
  return out;
}
const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
const rows: string[][] = [['case', 'median', 'spread', 'ratio', 'goal']];

// ---- 1. margin: 1,000 positions over KOSPI200 futures and options -----------------------------
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
const resolver = new KrxMarketIndex(market);
const positions = Array.from({ length: 1000 }, () => {
  const code = codes[Math.floor(rand() * codes.length)]!;
  return { instrument: resolver.resolve(code, 'bench'), qty: Math.floor(rand() * 41) - 20 || 1 };
});
const p = SAMPLE_KRX_MARGIN_PARAMETERS;
const kospi = p.groups.find((g) => g.group === 'KOSPI200')!;
const range = Number(kospi.initial.priceRange);
let engineTotal = 0;
// Each call gets a fresh index (no quote parsed, no scan kept), built outside the timed part like
// the floor's quote map. A timed sample is CALLS calls in a row on both sides: one margin takes
// a few milliseconds, about one scheduler slice, so on a shared machine a single call's wall time
// says more about when the scheduler let it run than about its work (the longer side is cut
// into more slices).
const CALLS = 8;
const fresh: KrxMarketIndex[] = [];
for (let r = 0; r < (ROUNDS + 1) * CALLS; r++) fresh.push(new KrxMarketIndex(market));
// What a new market costs once: the index, and each quote parsed when a series is first looked
// up (the margin above pays that part inside its own time, on its fresh index).
const indexBuild: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  const built = new KrxMarketIndex(market);
  for (const q of quotes) built.quote(built.resolve(q.pdno, 'bench'), 'bench');
  indexBuild.push(performance.now() - t0);
}
const engineMargin = () => {
  for (let c = 0; c < CALLS; c++) {
    const r = computeKrxMargin({
      positions,
      market: fresh.pop()!,
      parameters: p,
      level: 'initial',
    });
    engineTotal = Number(r.groups[0]!.scanLoss);
  }
};
// Floor: net each series, price it once at each of the 62 scenarios, sum, take the worst loss.
const quoteOf = new Map(quotes.map((q) => [q.pdno, q]));
let floorWorst = 0;
const floorMargin = () => {
  for (let c = 0; c < CALLS; c++) floorOnce();
};
function floorOnce() {
  // The pricer read once, as the engine reads it: run through tsx (CommonJS), each use of an
  // imported binding is a getter call through every module that re-exports it.
  const price = blackScholesPrice;
  const net = new Map<string, { ins: (typeof positions)[number]['instrument']; qty: number }>();
  for (const x of positions) {
    const key = x.instrument.shortCode;
    const held = net.get(key);
    if (held === undefined) net.set(key, { ins: x.instrument, qty: x.qty });
    else held.qty += x.qty;
  }
  const acc = new Float64Array(62);
  for (const { ins, qty } of net.values()) {
    if (qty === 0) continue;
    const q = quoteOf.get(ins.shortCode)!;
    const w = qty * 250_000;
    const kind = ins.spec.kind;
    if (kind === 'future') {
      // A future moves with the underlying's base-day level (as the engine scans it).
      for (let j = 0; j < 31; j++) {
        const d = level * ((range * (j - 15)) / 15);
        acc[2 * j]! += w * d;
        acc[2 * j + 1]! += w * d;
      }
      continue;
    }
    const k = ins.strike!.toNumber();
    const t = resolver.timeToExpiry(ins);
    const vol = q.vol ?? 0.2;
    // An option's scenario P&L is measured from its prior close (the quote), as the engine does.
    const v0 = Number(q.price);
    for (let j = 0; j < 31; j++) {
      const u = level * (1 + (range * (j - 15)) / 15);
      acc[2 * j]! +=
        w * (price(kind === 'call', u, k, t, vol * 1.25, p.rate, p.dividendYield) - v0);
      acc[2 * j + 1]! +=
        w * (price(kind === 'call', u, k, t, vol * 0.75, p.rate, p.dividendYield) - v0);
    }
  }
  let worst = 0;
  for (const x of acc) worst = Math.max(worst, -x);
  floorWorst = worst;
}
const margin = alternate(engineMargin, floorMargin);
// Per call.
margin.a = margin.a.map((t) => t / CALLS);
margin.b = margin.b.map((t) => t / CALLS);
const marginRatio = median(margin.a) / median(margin.b);
const sameScan = Math.abs(engineTotal - floorWorst) <= 1e-6 * Math.max(1, floorWorst);
const warmIndex = new KrxMarketIndex(market);
computeKrxMargin({ positions, market: warmIndex, parameters: p, level: 'initial' });
const warm: number[] = [];
for (let r = 0; r < ROUNDS; r++)
  warm.push(
    timed(() =>
      computeKrxMargin({ positions, market: warmIndex, parameters: p, level: 'initial' }),
    ),
  );
rows.push(
  [
    `floor: each series priced once per scenario, 1,000 positions (per call, ${CALLS} a sample)`,
    ms(margin.b),
    spread(margin.b),
    '1.00×',
    '',
  ],
  [
    'computeKrxMargin, fresh market index',
    ms(margin.a),
    spread(margin.a),
    `${marginRatio.toFixed(2)}×`,
    '≤ 3×',
  ],
  [
    `  build: new KrxMarketIndex + each of its ${quotes.length} quotes parsed, once per market`,
    ms(indexBuild),
    spread(indexBuild),
    '',
    '',
  ],
  ['  info: again on the same index (scans kept)', ms(warm), spread(warm), '', ''],
);
const marginGoal = () =>
  goal({
    area: 'risk (KRX)',
    measure: 'margin, 1,000 positions, vs each series priced once',
    goal: '≤ 3×',
    measured: `${marginRatio.toFixed(2)}× (${ms(margin.a)} vs ${ms(margin.b)})`,
    met: marginRatio <= 3 && sameScan,
  });
if (process.env.KISFO_BENCH_KRX === 'margin') {
  const marginRss = rss.stop();
  console.log(table(rows));
  console.log(
    `\nmargin: engine and floor agree on the worst scan loss: ${sameScan ? 'yes' : 'NO'} (margin part only)` +
      `\n${ROUNDS} rounds alternated; process RSS ${median(marginRss).toFixed(0)} MB median; ${machine()}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  marginGoal();
  process.exit(0);
}

// ---- 2. settlement: 100,000 accounts from the ledger's rows -----------------------------------
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
// The rows as the ledger hands them to the engine: decimal strings, one object per row.
const accounts: { positions: KrxPosition[]; fills: KrxFill[] }[] = [];
for (let a = 0; a < ACCOUNTS; a++) {
  const pdno = uni[a % 4]!;
  accounts.push({
    positions: [
      {
        pdno,
        side: a % 2 ? 'long' : 'short',
        qty: 1 + (a % 7),
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

/** The floor's own layout: typed arrays filled straight from the rows (prices in 1/100 won). */
interface Plain {
  posStart: Int32Array;
  posSeries: Int32Array;
  posQty: Float64Array;
  posPrior: Float64Array;
  fillStart: Int32Array;
  fillSeries: Int32Array;
  fillQty: Float64Array;
  fillPrice: Float64Array;
}
const seriesNo = new Map(uni.map((c, i) => [c, i]));
const sPrice = Float64Array.from(smarket.quotes, (q) => Math.round(Number(q.price) * 100));
const sFuture = Uint8Array.from(uni, (c) => (c.startsWith('1') ? 1 : 0));
const sMult = Float64Array.from(uni, (c) => (c === '105S12' ? 50_000 : 250_000));
// Fee rates as exact integers over a power of ten (a float rate would be off by a won at times).
const feeRates = SAMPLE_KRX_SETTLEMENT_PARAMETERS.feeRates;
const rateOf = (c: string) =>
  Decimal.parse(feeRates[sindex.resolve(c, 'bench').spec.productCode] ?? feeRates.default!);
const sFeeRate = Float64Array.from(uni, (c) => Number(rateOf(c).coefficient));
const sFeeDiv = Float64Array.from(uni, (c) => 100 * 10 ** rateOf(c).scale);
const buildPlain = (): Plain => {
  const n = accounts.length;
  const x: Plain = {
    posStart: new Int32Array(n + 1),
    posSeries: new Int32Array(n),
    posQty: new Float64Array(n),
    posPrior: new Float64Array(n),
    fillStart: new Int32Array(n + 1),
    fillSeries: new Int32Array(2 * n),
    fillQty: new Float64Array(2 * n),
    fillPrice: new Float64Array(2 * n),
  };
  let pi = 0;
  let fi = 0;
  for (let a = 0; a < n; a++) {
    const acc = accounts[a]!;
    x.posStart[a] = pi;
    x.fillStart[a] = fi;
    for (const row of acc.positions) {
      x.posSeries[pi] = seriesNo.get(row.pdno)!;
      x.posQty[pi] = row.side === 'long' ? row.qty : -row.qty;
      x.posPrior[pi++] = Math.round(Number(row.priorSettlement) * 100);
    }
    for (const row of acc.fills) {
      x.fillSeries[fi] = seriesNo.get(row.pdno)!;
      x.fillQty[fi] = row.side === 'buy' ? row.qty : -row.qty;
      x.fillPrice[fi++] = Math.round(Number(row.price) * 100);
    }
  }
  x.posStart[n] = pi;
  x.fillStart[n] = fi;
  return x;
};
// The same figures as the engine (KRX truncation inlined), none of its checks or generality.
const loopPlain = (x: Plain) => {
  const n = accounts.length;
  const net = new Float64Array(n);
  const fees = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    let rnwl = 0;
    for (let i = x.posStart[a]!; i < x.posStart[a + 1]!; i++) {
      const s = x.posSeries[i]!;
      if (sFuture[s]) rnwl += (sPrice[s]! - x.posPrior[i]!) * sMult[s]! * x.posQty[i]!;
    }
    let thdt = 0;
    let opt = 0;
    let fee = 0;
    for (let f = x.fillStart[a]!; f < x.fillStart[a + 1]!; f++) {
      const s = x.fillSeries[f]!;
      const q = x.fillQty[f]!;
      const amount = x.fillPrice[f]! * sMult[s]! * q;
      if (sFuture[s]) thdt += (sPrice[s]! - x.fillPrice[f]!) * sMult[s]! * q;
      else opt -= amount;
      fee += Math.trunc((Math.abs(amount) * sFeeRate[s]!) / sFeeDiv[s]!);
    }
    const t = Math.trunc(thdt / 100);
    const r = Math.trunc(rnwl / 100);
    const o = Math.trunc(opt / 100);
    fees[a] = fee;
    net[a] = t + r + o - fee;
  }
  return { net, fees };
};
let plain = buildPlain();
let floorOut = loopPlain(plain);
let engineOut = settleKrxBatch(buildKrxSettlementBatch(accounts, sindex));
const buildTimes = { engine: [] as number[], floor: [] as number[] };
const settle = alternate(
  () => {
    const t0 = performance.now();
    const batch = buildKrxSettlementBatch(accounts, sindex);
    buildTimes.engine.push(performance.now() - t0);
    engineOut = settleKrxBatch(batch);
  },
  () => {
    const t0 = performance.now();
    plain = buildPlain();
    buildTimes.floor.push(performance.now() - t0);
    floorOut = loopPlain(plain);
  },
);
const settleRatio = median(settle.a) / median(settle.b);
let dayNet = 0n;
const tDay = timed(() => {
  for (let a = 0; a < ACCOUNTS; a++)
    dayNet += settleKrxDay({ ...accounts[a]!, market: sindex }).net_cash.coefficient;
});
const agree =
  engineOut.net_cash.every((v, i) => v === floorOut.net[i]) &&
  engineOut.fee.every((v, i) => v === floorOut.fees[i]) &&
  engineOut.net_cash.reduce((x, v) => x + BigInt(v), 0n) === dayNet;
rows.push(
  [
    'floor: plain arrays from the rows + bare loop, 100,000 accounts',
    ms(settle.b),
    spread(settle.b),
    '1.00×',
    '',
  ],
  ['  of which building the plain arrays', ms(buildTimes.floor), spread(buildTimes.floor), '', ''],
  [
    'buildKrxSettlementBatch + settleKrxBatch, from the rows',
    ms(settle.a),
    spread(settle.a),
    `${settleRatio.toFixed(2)}×`,
    '≤ 2×',
  ],
  [
    '  of which buildKrxSettlementBatch (validation, layout)',
    ms(buildTimes.engine),
    spread(buildTimes.engine),
    '',
    '',
  ],
  ['  info: settleKrxDay account by account', `${tDay.toFixed(0)} ms`, '', '', ''],
);

// ---- 3. balance: one account of 10,000 positions, per change ----------------------------------
const store = openLedger();
const scenario = generateScenario({ positions: 10_000, accounts: 1, seed: 7 });
importScenario(store, scenario);
const accountId = scenario.accounts.find((a) => a.kind === 'domestic')!.id;
const ledgerAccount = store.getAccount(accountId)!;
createBackOffice(store); // the server's path builds its input the same way
// Plain data from the server's ledger side (typed there against the built package).
const input = domesticBalanceInput(store, ledgerAccount, {
  mgnaDvsn: '01',
  exccStatCd: '1',
}) as unknown as DomesticBalanceInput;
store.close();
const held = input.account.positions;
const cold: number[] = [];
for (let r = 0; r < 3; r++) cold.push(timed(() => computeDomesticBalance(input)));
// The kept balance: built once (its own row), then told of each change and read again.
const bookBuild: number[] = [];
let book = new DomesticBalanceBook(input);
for (let r = 0; r < 3; r++) {
  gc();
  bookBuild.push(
    timed(() => {
      book = new DomesticBalanceBook(input);
      book.balance();
    }),
  );
}
const quoteOfBook = (pdno: string) => {
  const ins = book.input.marketIndex!.resolve(pdno, 'p');
  return book.input.market.quotes.find(
    (q) => book.input.marketIndex!.resolve(q.pdno, 'q') === ins,
  )!;
};
const perChange: number[] = [];
const perQuote: number[] = [];
let rowsOut = 0;
for (let r = 0; r < ROUNDS; r++) {
  // A change: one more fill opening a series the account already holds, at its quote.
  const pos = held[(r * 37) % held.length]!;
  const fill = {
    fillId: `bench-${r}`,
    pdno: pos.pdno,
    side: pos.side === 'long' ? ('buy' as const) : ('sell' as const),
    openClose: 'open' as const,
    qty: 1,
    price: String(quoteOfBook(pos.pdno).price),
  };
  gc();
  perChange.push(
    timed(() => {
      book.addFill(fill);
      rowsOut = book.balance().output1.length;
    }),
  );
  // Another: a new price of a held series (1 % up).
  const q = quoteOfBook(held[(r * 53 + 11) % held.length]!.pdno);
  const next = { ...q, price: (Number(q.price) * 1.01).toFixed(2) };
  gc();
  perQuote.push(
    timed(() => {
      book.setQuote(next);
      book.balance();
    }),
  );
}
// The kept balance must be the balance: compare with a fresh compute of the final state.
const bookAgrees =
  JSON.stringify(book.balance()) ===
  JSON.stringify(computeDomesticBalance({ ...book.input, marketIndex: undefined }));
const perChangeMs = Math.max(median(perChange), median(perQuote));
rows.push(
  [
    `balance, ${held.length.toLocaleString('en')} positions (${rowsOut} rows), after one more fill`,
    ms(perChange),
    spread(perChange),
    '',
    '≤ 50 ms',
  ],
  [
    'balance, same account, after a new price of one series',
    ms(perQuote),
    spread(perQuote),
    '',
    '≤ 50 ms',
  ],
  ['  build: new DomesticBalanceBook + first balance', ms(bookBuild), spread(bookBuild), '', ''],
  ['  info: first computeDomesticBalance on a new market', ms(cold), spread(cold), '', ''],
);
const rssSamples = rss.stop();

console.log(table(rows));
console.log(
  `\nmargin: engine and floor agree on the worst scan loss: ${sameScan ? 'yes' : 'NO'}; settlement: batch, floor and settleKrxDay agree on every figure: ${agree ? 'yes' : 'NO'}; balance: the kept book equals a fresh compute after all changes: ${bookAgrees ? 'yes' : 'NO'}` +
    `\n${ROUNDS} rounds alternated; process RSS ${median(rssSamples).toFixed(0)} MB median, ${Math.max(...rssSamples).toFixed(0)} MB peak; ${machine()}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
marginGoal();
goal({
  area: 'risk (KRX)',
  measure:
    'settlement of 100,000 accounts from the rows, build included, vs plain arrays + bare loop',
  goal: '≤ 2×',
  measured: `${settleRatio.toFixed(2)}× (${ms(settle.a)} vs ${ms(settle.b)})`,
  met: settleRatio <= 2 && agree,
});
goal({
  area: 'risk (KRX)',
  measure: 'balance of one 10,000-position account, per change',
  goal: '≤ 50 ms',
  measured: `${median(perChange).toFixed(1)} ms per fill, ${median(perQuote).toFixed(1)} ms per price (book build ${ms(bookBuild)})`,
  met: perChangeMs <= 50 && bookAgrees,
});
goal({
  area: 'risk (KRX)',
  measure: 'process RSS while settling 100,000 accounts',
  goal: '< 1 GB',
  measured: `${Math.max(...rssSamples).toFixed(0)} MB peak`,
  met: Math.max(...rssSamples) < 1024,
});
