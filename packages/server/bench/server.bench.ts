// Benchmark of the HTTP side: one 20-row balance page over loopback, kisfo against a static
// node:http server answering the very bytes and headers kisfo answered. Each server runs in its own
// process and the load comes from autocannon in a third; the two are alternated for ROUNDS rounds
// (the order flipping each round) and the medians, spreads and the per-round ratio are printed.
// The kisfo server's RSS is sampled over every round. Loopback only, bounded in time.
// Run: node --import tsx packages/server/bench/server.bench.ts   (KISFO_BENCH_ROUNDS, default 5)
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  goal,
  machine,
  median,
  runToEnd,
  sampleRss,
  spawnAnnounced,
  spread,
  table,
} from '../../../scripts/bench/kit.js';
import { balanceHeaders, balanceQuery, demoToken } from './fixtures/demo-inquiry.js';

const ROUNDS = Math.max(3, Number(process.env.KISFO_BENCH_ROUNDS ?? 5));
const CONNECTIONS = 16;
const SECONDS = 4;
const started = performance.now();
const here = new URL('.', import.meta.url).pathname;
const autocannon = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

const kisfo = await spawnAnnounced<{ realUrl: string; account: string; pid: number }>(
  join(here, 'fixtures/serve-ledger.ts'),
  ['60'],
);
const token = await demoToken(kisfo.info.realUrl);
const query = balanceQuery(kisfo.info.account);
const headers = balanceHeaders(token);

// The floor answers the very bytes and headers kisfo answered.
const sample = await fetch(kisfo.info.realUrl + query, { headers });
const sampleBytes = Buffer.from(await sample.arrayBuffer());
const sampleBody = JSON.parse(sampleBytes.toString('utf8')) as {
  output1: unknown[];
  msg_cd: string;
};
if (sampleBody.output1.length !== 20)
  throw new Error(`expected a 20-row page, got ${sampleBody.msg_cd}`);
const answered: Record<string, string> = {};
for (const [k, v] of sample.headers) {
  if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k))
    answered[k] = v;
}
const bodyFile = join(tmpdir(), `kisfo-bench-page-${process.pid}.json`);
writeFileSync(bodyFile, sampleBytes);
const floor = await spawnAnnounced<{ url: string; pid: number }>(
  join(here, 'fixtures/static-server.ts'),
  [bodyFile, JSON.stringify(answered)],
);

interface Load {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  rss: number[];
}

/** autocannon in its own process against `url`; the target's RSS sampled meanwhile. */
async function load(url: string, pid: number, seconds: number): Promise<Load> {
  const args = [autocannon, '-c', String(CONNECTIONS), '-d', String(seconds), '--json'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  const rss = sampleRss(pid);
  const out = JSON.parse(await runToEnd(process.execPath, [...args, url])) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  const samples = rss.stop();
  if (out.non2xx > 0 || out.errors > 0)
    throw new Error(`${url}: ${out.non2xx} non-2xx, ${out.errors} errors`);
  return {
    rps: out.requests.average,
    p50: out.latency.p50,
    p99: out.latency.p99,
    requests: out.requests.total,
    rss: samples,
  };
}

const kisfoUrl = kisfo.info.realUrl + query;
const floorUrl = floor.info.url + query;
await load(floorUrl, floor.info.pid, 1); // warm up both
await load(kisfoUrl, kisfo.info.pid, 1);
const base: Load[] = [];
const cand: Load[] = [];
for (let r = 0; r < ROUNDS; r++) {
  if (r % 2 === 0) {
    base.push(await load(floorUrl, floor.info.pid, SECONDS));
    cand.push(await load(kisfoUrl, kisfo.info.pid, SECONDS));
  } else {
    cand.push(await load(kisfoUrl, kisfo.info.pid, SECONDS));
    base.push(await load(floorUrl, floor.info.pid, SECONDS));
  }
}
await kisfo.stop();
await floor.stop();

const ratios = cand.map((c, i) => c.rps / base[i]!.rps);
const ratio = median(ratios);
const kisfoRss = cand.flatMap((c) => c.rss);
const firstPeak = Math.max(...cand[0]!.rss);
const lastPeak = Math.max(...cand[cand.length - 1]!.rss);
const growth = lastPeak - firstPeak;
const row = (name: string, xs: Load[], ratioText: string, goalText: string) => [
  name,
  median(xs.map((x) => x.rps)).toFixed(0),
  spread(
    xs.map((x) => x.rps),
    0,
  ),
  median(xs.map((x) => x.p50)).toFixed(1),
  median(xs.map((x) => x.p99)).toFixed(1),
  ratioText,
  goalText,
];
console.log(
  table([
    ['case', 'req/s (median)', 'req/s spread', 'p50 ms', 'p99 ms', 'ratio', 'goal'],
    row('static node:http, same bytes', base, '1.00×', ''),
    row(
      'kisfo, 20-row balance page',
      cand,
      `${ratio.toFixed(2)}× (${spread(ratios, 2)})`,
      '≥ 0.50×',
    ),
    [
      'kisfo RSS over the rounds, MB',
      `${median(kisfoRss).toFixed(0)}`,
      spread(kisfoRss, 0),
      '',
      '',
      `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB first→last round peak`,
      '< +16 MB',
    ],
  ]),
);
console.log(
  `\nautocannon -c${CONNECTIONS} -d${SECONDS} in its own process, each server in its own; ${ROUNDS} rounds ` +
    `alternated; payload ${sampleBytes.length} bytes; ${machine()}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
goal({
  area: 'server',
  measure: '20-row balance page req/s vs static node:http (same bytes)',
  goal: '≥ 0.50×',
  measured: `${ratio.toFixed(2)}× (${median(cand.map((c) => c.rps)).toFixed(0)} vs ${median(base.map((b) => b.rps)).toFixed(0)} req/s)`,
  met: ratio >= 0.5,
});
goal({
  area: 'server',
  measure: 'kisfo RSS growth under sustained load',
  goal: '< +16 MB',
  measured: `${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB (peak ${Math.max(...kisfoRss).toFixed(0)} MB)`,
  met: growth < 16,
});
