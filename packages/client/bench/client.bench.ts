// Benchmark of the client SDK against the real kisfo server, which runs in its own process.
// 1. Every page of a ~1,010-row balance: KisClient (decoded to exact Decimals, every paging check)
//    against the floor, a raw fetch loop that only reads each body and takes the two continuation
//    keys out of it. The order varied over ROUNDS rounds (a balanced Latin square); medians and
//    spreads; this process's RSS sampled.
//    For information, two loops over Node's own `node:http` (the transport KisClient uses on Node
//    when given no `fetch`): the same raw loop, which shows what the transport alone costs, and
//    that loop with each next request sent first and then JSON.parse and decodeBody of the page
//    (no paging checks, no retries, no timeout): the least any exact-decoding client on that
//    transport does. KisClient is shown against both; neither is the goal's floor.
// 2. The real 20/s limit: RATE_RUNS runs of 200 calls through the client's limiter, each against a
//    freshly started server, counting EGW00201 answers; the floor is the fastest the limit allows.
// Loopback only. Run: node --import tsx packages/client/bench/client.bench.ts
// (KISFO_BENCH_ROUNDS, default 16, rounded up to a multiple of 4; KISFO_BENCH_RATE_RUNS, default 20)

import { readFileSync } from 'node:fs';
import http from 'node:http';
import { decodeBody, domesticInquireBalance } from '@kisfo/protocol';
import {
  goal,
  machine,
  median,
  sampleRss,
  spawnAnnounced,
  spread,
  table,
} from '../../../scripts/bench/kit.js';
import { KisClient, MemoryTokenStore } from '../src/index.js';
import { DEMO } from '../test/helpers/server.js';

/** Whole squares of four rounds, so every order of the sides runs as often as the others. */
const ROUNDS = Math.ceil(Math.max(3, Number(process.env.KISFO_BENCH_ROUNDS ?? 16)) / 4) * 4;
const RATE_RUNS = Math.max(1, Number(process.env.KISFO_BENCH_RATE_RUNS ?? 20));
const SERVER = new URL('../../server/bench/fixtures/serve-ledger.ts', import.meta.url).pathname;
const started = performance.now();

type Served = { realUrl: string; account: string; pid: number };

/** CPU time a process has used, ms (Linux `/proc`, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A raw answer: its `tr_cont` header and the body's text. */
interface RawPage {
  trCont: string | undefined;
  text: string;
}

/**
 * The hand loops' requests over `fetch`: one page by its continuation keys, the first page's
 * headers (`tr_cont` blank) or the next ones' (`N`), each built once per pass.
 */
function pageRequests(baseURL: string, token: string, account: string) {
  const { first, next, path } = requestParts(token, account);
  return async (fk: string, nk: string): Promise<RawPage> => {
    const res = await fetch(`${baseURL}${path(fk, nk)}`, {
      headers: fk === '' && nk === '' ? first : next,
    });
    return { trCont: res.headers.get('tr_cont') ?? undefined, text: await res.text() };
  };
}

/** The same requests over `node:http` with a keep-alive agent, the body read as UTF-8 text. */
function httpPageRequests(baseURL: string, token: string, account: string) {
  const { first, next, path } = requestParts(token, account);
  const url = new URL(baseURL);
  const agent = new http.Agent({ keepAlive: true });
  return (fk: string, nk: string) =>
    new Promise<RawPage>((resolve, reject) => {
      const req = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          path: path(fk, nk),
          headers: fk === '' && nk === '' ? first : next,
          agent,
        },
        (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ trCont: res.headers.tr_cont as string, text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
}

/** Both hand transports' headers and query, built once per pass. */
function requestParts(token: string, account: string) {
  const [CANO, ACNT_PRDT_CD] = account.split('-') as [string, string];
  const first = {
    'content-type': 'application/json; charset=utf-8',
    authorization: `Bearer ${token}`,
    appkey: DEMO.real.appKey,
    appsecret: DEMO.real.appSecret,
    tr_id: 'CTFO6118R',
    custtype: 'P',
    tr_cont: '',
  };
  const next = { ...first, tr_cont: 'N' };
  const base = `${domesticInquireBalance.path}?CANO=${CANO}&ACNT_PRDT_CD=${ACNT_PRDT_CD}&MGNA_DVSN=01&EXCC_STAT_CD=1`;
  const path = (fk: string, nk: string) =>
    `${base}&CTX_AREA_FK200=${encodeURIComponent(fk)}&CTX_AREA_NK200=${encodeURIComponent(nk)}`;
  return { first, next, path };
}

type PageRequest = (fk: string, nk: string) => Promise<RawPage>;

/** Whether a page's answer says more follow (`tr_cont` `M`/`F`). */
const more = (res: RawPage) => res.trCont === 'M' || res.trCont === 'F';

/** A page's two continuation keys, cut out of its text. */
const keysOf = (text: string): [string, string] => [
  /"ctx_area_fk200":"([^"]*)"/.exec(text)![1]!,
  /"ctx_area_nk200":"([^"]*)"/.exec(text)![1]!,
];

/** The floor: fetch each page, read its body, cut the two keys out of the text. No decoding. */
async function rawLoop(page: PageRequest): Promise<number> {
  let keys: [string, string] = ['', ''];
  for (let pages = 1; ; pages++) {
    const res = await page(...keys);
    if (!more(res)) return pages;
    keys = keysOf(res.text);
  }
}

/**
 * Information, not a floor: the raw loop with each next request sent first (keys cut out of the
 * text, as the floor does), then what no exact-decoding client can skip (`JSON.parse`,
 * `decodeBody`) while the next page travels. Returns the rows it counted, so its work cannot be
 * dropped.
 */
async function decodingLoop(page: PageRequest): Promise<number> {
  let rows = 0;
  let pending = page('', '');
  for (;;) {
    const res = await pending;
    const last = !more(res);
    if (!last) pending = page(...keysOf(res.text));
    rows += decodeBody(domesticInquireBalance, JSON.parse(res.text)).output1.length;
    if (last) return rows;
  }
}

const SIDES = ['sdk', 'raw', 'http', 'decoding'] as const;
type Side = (typeof SIDES)[number];
/**
 * The order of the sides in each round, a balanced Latin square: every side runs first, second,
 * third and last equally often, and after every other side equally often (a side that leaves
 * garbage makes the next one pay for its collection, so no side may always follow the same one).
 */
const ORDERS = [
  [0, 1, 3, 2],
  [1, 2, 0, 3],
  [2, 3, 1, 0],
  [3, 0, 2, 1],
].map((order) => order.map((i) => SIDES[i]!));

async function throughput() {
  const server = await spawnAnnounced<Served>(SERVER, ['1010']);
  try {
    const { realUrl, account } = server.info;
    const client = new KisClient({
      env: 'real',
      baseURL: realUrl,
      ...DEMO.real,
      account,
      tokenStore: new MemoryTokenStore(),
      rateLimit: false,
    });
    const token = await client.getAccessToken();
    const viaFetch = pageRequests(realUrl, token, account);
    const viaHttp = httpPageRequests(realUrl, token, account);
    /** One pass of a side; the pages or rows it read, checked against the client's. */
    const pass: Record<Side, () => Promise<number>> = {
      sdk: async () => (await client.domesticFutureOption.inquireBalance()).positions.length,
      raw: () => rawLoop(viaFetch),
      http: () => rawLoop(viaHttp),
      decoding: () => decodingLoop(viaHttp),
    };
    let rows = 0;
    let pages = 0;
    for (let i = 0; i < 5; i++) {
      const r = await client.domesticFutureOption.inquireBalance(); // warm-up, every side
      rows = r.positions.length;
      pages = r.pages;
      const read = {
        raw: await pass.raw(),
        http: await pass.http(),
        decoding: await pass.decoding(),
      };
      if (read.raw !== pages || read.http !== pages || read.decoding !== rows) {
        throw new Error(
          `the loops read ${JSON.stringify(read)}, the client ${pages} pages, ${rows} rows`,
        );
      }
    }
    const rss = sampleRss(process.pid);
    const wall = { sdk: [], raw: [], http: [], decoding: [] } as Record<Side, number[]>;
    // CPU per pass of each side, this process and the server's (information: the wall times
    // are the measure; these tell where a gap comes from on a busy machine).
    const cpu = { sdk: [], raw: [], http: [], decoding: [] } as Record<Side, number[]>;
    const serverCpu = { sdk: 0, raw: 0, http: 0, decoding: 0 } as Record<Side, number>;
    for (let i = 0; i < ROUNDS; i++) {
      for (const side of ORDERS[i % ORDERS.length]!) {
        const serverBefore = processCpuMs(server.info.pid);
        const before = process.cpuUsage();
        const t = performance.now();
        await pass[side]();
        wall[side].push(performance.now() - t);
        const used = process.cpuUsage(before);
        cpu[side].push((used.user + used.system) / 1000);
        serverCpu[side] += processCpuMs(server.info.pid) - serverBefore;
      }
    }
    return { rows, pages, wall, cpu, serverCpu, rss: rss.stop() };
  } finally {
    await server.stop();
  }
}

/** One run against a fresh server: 200 calls at once through the client's 20/s limiter. */
async function rateRun() {
  const server = await spawnAnnounced<Served>(SERVER, ['10', '20']);
  try {
    let refused = 0;
    const client = new KisClient({
      env: 'real',
      baseURL: server.info.realUrl,
      ...DEMO.real,
      account: server.info.account,
      tokenStore: new MemoryTokenStore(),
      maxRetries: 3,
      logger: { warn: (_m, d) => void (JSON.stringify(d).includes('EGW00201') && refused++) },
    });
    await client.getAccessToken();
    await new Promise((r) => setTimeout(r, 1100)); // the token's permit leaves the window
    const t = performance.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, () => client.domesticFutureOption.inquireBalance()),
    );
    const seconds = (performance.now() - t) / 1000;
    if (results.some((r) => r.pages !== 1)) throw new Error('each call must be one page');
    return { seconds, refused };
  } finally {
    await server.stop();
  }
}

const a = await throughput();
const runs: { seconds: number; refused: number }[] = [];
for (let i = 0; i < RATE_RUNS; i++) runs.push(await rateRun());

const { wall, cpu } = a;
const ratios = wall.sdk.map((s, i) => s / wall.raw[i]!);
const ratio = median(wall.sdk) / median(wall.raw);
const FLOOR = (200 - 20) / 20; // a full burst of 20, then 20 a second
const secs = runs.map((r) => r.seconds);
const refused = runs.reduce((n, r) => n + r.refused, 0);
const runsRefused = runs.filter((r) => r.refused > 0).length;
const rateRatio = median(secs) / FLOOR;
const worst = Math.max(...secs) / FLOOR;
const times = (side: Side) => [`${median(wall[side]).toFixed(1)} ms`, spread(wall[side])];
const perPass = (side: Side) =>
  `${median(cpu[side]).toFixed(1)} / ${(a.serverCpu[side] / ROUNDS).toFixed(1)} ms`;
const sdkOver = (side: Side) => (median(wall.sdk) / median(wall[side])).toFixed(3);
console.log(
  table([
    ['case', 'median', 'spread', 'ratio', 'goal', 'CPU per pass (client / server)'],
    [
      `raw fetch loop, ${a.pages} pages (reads bodies only)`,
      ...times('raw'),
      '1.00×',
      '',
      perPass('raw'),
    ],
    [
      `KisClient.inquireBalance, ${a.rows} rows decoded`,
      ...times('sdk'),
      `${ratio.toFixed(3)}× (per round ${spread(ratios, 2)})`,
      '≤ 1.10×',
      perPass('sdk'),
    ],
    [
      '  info: raw node:http loop (reads bodies only)',
      ...times('http'),
      `KisClient ${sdkOver('http')}× this`,
      '',
      perPass('http'),
    ],
    [
      '  info: node:http + JSON.parse + decodeBody, next request first',
      ...times('decoding'),
      `KisClient ${sdkOver('decoding')}× this`,
      '',
      perPass('decoding'),
    ],
    ['client process RSS, MB', median(a.rss).toFixed(0), spread(a.rss, 0), '', '', ''],
    ['fastest 200 calls at 20/s allow', `${FLOOR.toFixed(2)} s`, '', '1.00×', '', ''],
    [
      `200 calls at 20/s, ${RATE_RUNS} fresh servers`,
      `${median(secs).toFixed(2)} s`,
      spread(secs, 2),
      `${rateRatio.toFixed(3)}× (worst ${worst.toFixed(3)}×)`,
      '≤ 1.05×',
      '',
    ],
    [
      'EGW00201 answers received',
      String(refused),
      `${runsRefused} of ${RATE_RUNS} runs`,
      '',
      '0',
      '',
    ],
  ]),
);
console.log(
  `\nserver in its own process (${a.rows} rows); ${ROUNDS} rounds, the order a balanced Latin square; ${machine()}; ` +
    `total ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
goal({
  area: 'client',
  measure: `all ${a.pages} pages of a ${a.rows}-row balance vs a raw fetch loop`,
  goal: '≤ 1.10×',
  measured: `${ratio.toFixed(3)}× (${median(wall.sdk).toFixed(1)} vs ${median(wall.raw).toFixed(1)} ms)`,
  met: ratio <= 1.1,
});
goal({
  area: 'client',
  measure: `200 calls at 20/s vs the ${FLOOR.toFixed(2)} s floor, ${RATE_RUNS} fresh servers`,
  goal: '≤ 1.05× (every run)',
  measured: `${rateRatio.toFixed(3)}× median, worst ${worst.toFixed(3)}×`,
  met: worst <= 1.05,
});
goal({
  area: 'client',
  measure: `EGW00201 in ${RATE_RUNS} runs of 200 calls at 20/s`,
  goal: '0',
  measured: String(refused),
  met: refused === 0 && RATE_RUNS >= 20,
});
