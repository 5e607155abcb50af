// Benchmark of the HTTP side: a 20-row balance page over loopback against a static node:http server
// answering the same bytes, in the same run; then a sustained-load heap check. Loopback only,
// bounded in requests and time. Run: node --expose-gc --import tsx packages/server/bench/server.bench.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startServer } from '../src/http/start-server.js';
import {
  createBackOffice,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  generateScenario,
  importScenario,
  openLedger,
} from '../src/ledger/index.js';

const CONCURRENCY = 16;
const WINDOW_MS = 4000;
const MAX_REQUESTS = 200_000;
const MEMORY_REQUESTS = 20_000;
const started = performance.now();

const store = openLedger();
importScenario(store, generateScenario({ positions: 60, accounts: 1, seed: 11 }));
const backOffice = createBackOffice(store);
const server = await startServer({
  port: 0,
  backOffice,
  logger: () => {},
  rateLimits: { real: 1e9, paper: 1e9 },
});

const tokenRes = await fetch(`${server.realUrl}/oauth2/tokenP`, {
  method: 'POST',
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({
    grant_type: 'client_credentials',
    appkey: DEMO_REAL_APPKEY,
    appsecret: DEMO_REAL_APPSECRET,
  }),
});
const { access_token: token } = (await tokenRes.json()) as { access_token: string };
const query =
  '/uapi/domestic-futureoption/v1/trading/inquire-balance?CANO=70000000&ACNT_PRDT_CD=03&MGNA_DVSN=01&EXCC_STAT_CD=1&CTX_AREA_FK200=&CTX_AREA_NK200=';
const headers = {
  'content-type': 'application/json; charset=utf-8',
  authorization: `Bearer ${token}`,
  appkey: DEMO_REAL_APPKEY,
  appsecret: DEMO_REAL_APPSECRET,
  tr_id: 'CTFO6118R',
  tr_cont: '',
  custtype: 'P',
};

// The baseline answers the very bytes and headers kisfo answered.
const sample = await fetch(server.realUrl + query, { headers });
const sampleBytes = Buffer.from(await sample.arrayBuffer());
const sampleBody = JSON.parse(sampleBytes.toString('utf8')) as {
  output1: unknown[];
  msg_cd: string;
};
if (sampleBody.output1.length !== 20)
  throw new Error(`expected a 20-row page, got ${sampleBody.msg_cd}`);
const baseline = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    tr_id: 'CTFO6118R',
    tr_cont: 'M',
    'content-length': sampleBytes.length,
  });
  res.end(sampleBytes);
});
await new Promise<void>((r) => baseline.listen(0, '127.0.0.1', r));
const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`;

interface Result {
  rps: number;
  p50: number;
  p99: number;
  n: number;
}

async function load(url: string, windowMs: number): Promise<Result> {
  const latencies: number[] = [];
  const end = performance.now() + windowMs;
  const t0 = performance.now();
  const worker = async () => {
    while (performance.now() < end && latencies.length < MAX_REQUESTS) {
      const s = performance.now();
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  return {
    rps: (latencies.length / elapsed) * 1000,
    p50: q(0.5),
    p99: q(0.99),
    n: latencies.length,
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

await load(baselineUrl + query, 500); // warm up both
await load(server.realUrl + query, 500);
const base = await load(baselineUrl + query, WINDOW_MS);
const kisfo = await load(server.realUrl + query, WINDOW_MS);

const before = heap();
let sent = 0;
const memEnd = performance.now() + 20_000;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (sent < MEMORY_REQUESTS && performance.now() < memEnd) {
      sent++;
      await (await fetch(server.realUrl + query, { headers })).arrayBuffer();
    }
  }),
);
const afterHeap = heap();
const growthMb = (afterHeap - before) / 2 ** 20;

await server.close();
await new Promise<void>((r) => baseline.close(() => r()));
store.close();

const ratio = kisfo.rps / base.rps;
const fmt = (n: number, d = 0) => n.toFixed(d);
const rows: string[][] = [
  ['case', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'ratio', 'target', 'ok'],
  [
    'static node:http (same bytes)',
    fmt(base.rps),
    fmt(base.p50, 2),
    fmt(base.p99, 2),
    String(base.n),
    '1.00',
    '',
    '',
  ],
  [
    'kisfo 20-row balance page',
    fmt(kisfo.rps),
    fmt(kisfo.p50, 2),
    fmt(kisfo.p99, 2),
    String(kisfo.n),
    fmt(ratio, 2),
    '≥ 0.50×',
    ratio >= 0.5 ? 'yes' : 'NO',
  ],
  [
    'heap after gc, MB',
    `${fmt(before / 2 ** 20, 1)} → ${fmt(afterHeap / 2 ** 20, 1)}`,
    '',
    '',
    String(sent),
    `${growthMb >= 0 ? '+' : ''}${fmt(growthMb, 2)} MB`,
    '< +8 MB',
    growthMb < 8 ? 'yes' : 'NO',
  ],
];
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.map((c, j) => c.padEnd(widths[j]!)).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}
console.log(
  `\n${CONCURRENCY} concurrent keep-alive clients in the same process, ${WINDOW_MS / 1000} s per case; ` +
    `payload ${sampleBytes.length} bytes; gc ${gc ? 'exposed' : 'NOT exposed (run with --expose-gc)'}; ` +
    `total ${fmt((performance.now() - started) / 1000, 1)} s`,
);
if (ratio < 0.5 || growthMb >= 8) process.exitCode = 1;
