// Benchmark of the client SDK against the real kisfo server, which runs in its own process.
// 1. Every page of a ~1,010-row balance: KisClient (decoded to exact Decimals, every paging check)
//    against the floor, a raw fetch loop that only reads each body and takes the two continuation
//    keys out of it. The order rotated over ROUNDS rounds; medians and spreads; this process's
//    RSS sampled.
//    For information, a third loop shows the least any exact-decoding client does on top of the
//    floor: the same raw loop, each next request sent first, then JSON.parse and decodeBody of
//    the page (no paging checks, no retries, no timeout), and a fourth the same loop with
//    JSON.parse alone. Neither is a floor of the goal.
// 2. The real 20/s limit: RATE_RUNS runs of 200 calls through the client's limiter, each against a
//    freshly started server, counting EGW00201 answers; the floor is the fastest the limit allows.
// Loopback only. Run: node --import tsx packages/client/bench/client.bench.ts
// (KISFO_BENCH_ROUNDS, default 15; KISFO_BENCH_RATE_RUNS, default 20)

import { readFileSync } from 'node:fs';
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

const ROUNDS = Math.max(3, Number(process.env.KISFO_BENCH_ROUNDS ?? 15));
const RATE_RUNS = Math.max(1, Number(process.env.KISFO_BENCH_RATE_RUNS ?? 20));
const SERVER = new URL('../../server/bench/fixtures/serve-ledger.ts', import.meta.url).pathname;
const started = performance.now();

type Served = { realUrl: string; account: string; pid: number };

/** CPU time a process has used, ms (Linux `/proc`, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The two hand loops' requests: one page by its continuation keys, the first page's headers
 * (`tr_cont` blank) or the next ones' (`N`), each built once per pass.
 */
function pageRequests(baseURL: string, token: string, account: string) {
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
  const base = `${baseURL}${domesticInquireBalance.path}?CANO=${CANO}&ACNT_PRDT_CD=${ACNT_PRDT_CD}&MGNA_DVSN=01&EXCC_STAT_CD=1`;
  return (fk: string, nk: string) =>
    fetch(
      `${base}&CTX_AREA_FK200=${encodeURIComponent(fk)}&CTX_AREA_NK200=${encodeURIComponent(nk)}`,
      { headers: fk === '' && nk === '' ? first : next },
    );
}

/** Whether a page's answer says more follow (`tr_cont` `M`/`F`). */
const more = (res: Response) => {
  const trCont = res.headers.get('tr_cont');
  return trCont === 'M' || trCont === 'F';
};

/** A page's two continuation keys, cut out of its text. */
const keysOf = (text: string): [string, string] => [
  /"ctx_area_fk200":"([^"]*)"/.exec(text)![1]!,
  /"ctx_area_nk200":"([^"]*)"/.exec(text)![1]!,
];

/** The floor: fetch each page, read its body, cut the two keys out of the text. No decoding. */
async function rawLoop(baseURL: string, token: string, account: string): Promise<number> {
  const page = pageRequests(baseURL, token, account);
  let keys: [string, string] = ['', ''];
  for (let pages = 1; ; pages++) {
    const res = await page(...keys);
    const text = await res.text();
    if (!more(res)) return pages;
    keys = keysOf(text);
  }
}

/**
 * The raw loop with each next request sent first (keys cut out of the text, as the floor does),
 * then `rowsOf` run on the page while the next one travels. Returns the rows it counted, so its
 * work cannot be dropped.
 */
async function sendAheadLoop(
  baseURL: string,
  token: string,
  account: string,
  rowsOf: (text: string) => number,
): Promise<number> {
  const page = pageRequests(baseURL, token, account);
  let rows = 0;
  let pending = page('', '');
  for (;;) {
    const res = await pending;
    const text = await res.text();
    const last = !more(res);
    if (!last) pending = page(...keysOf(text));
    rows += rowsOf(text);
    if (last) return rows;
  }
}

/** Information, not a floor: what no exact-decoding client can skip (`JSON.parse`, `decodeBody`). */
const decodingLoop = (baseURL: string, token: string, account: string) =>
  sendAheadLoop(
    baseURL,
    token,
    account,
    (text) => decodeBody(domesticInquireBalance, JSON.parse(text)).output1.length,
  );

/** Information, not a floor: `JSON.parse` alone, what parsing costs on top of `fetch`. */
const parsingLoop = (baseURL: string, token: string, account: string) =>
  sendAheadLoop(
    baseURL,
    token,
    account,
    (text) => (JSON.parse(text) as { output1: unknown[] }).output1.length,
  );

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
    let rows = 0;
    let pages = 0;
    for (let i = 0; i < 5; i++) {
      const r = await client.domesticFutureOption.inquireBalance(); // warm-up, both sides
      const rawPages = await rawLoop(realUrl, token, account);
      const decodedRows = await decodingLoop(realUrl, token, account);
      const parsedRows = await parsingLoop(realUrl, token, account);
      rows = r.positions.length;
      if (decodedRows !== rows)
        throw new Error(`decoding loop read ${decodedRows} rows, client ${rows}`);
      if (parsedRows !== rows)
        throw new Error(`parsing loop read ${parsedRows} rows, client ${rows}`);
      pages = r.pages;
      if (rawPages !== pages) throw new Error(`raw loop read ${rawPages} pages, client ${pages}`);
    }
    const rss = sampleRss(process.pid);
    const sdk: number[] = [];
    const raw: number[] = [];
    const decoding: number[] = [];
    const parsing: number[] = [];
    // CPU per pass of each side, this process and the server's (information: the wall times
    // above are the measure; these tell where a gap comes from on a busy machine).
    const cpu = { sdk: [] as number[], raw: [] as number[], sdkServer: 0, rawServer: 0 };
    const ORDERS = [
      ['sdk', 'raw', 'decoding', 'parsing'],
      ['raw', 'decoding', 'parsing', 'sdk'],
      ['decoding', 'parsing', 'sdk', 'raw'],
      ['parsing', 'sdk', 'raw', 'decoding'],
    ] as const;
    for (let i = 0; i < ROUNDS; i++) {
      for (const side of ORDERS[i % ORDERS.length]!) {
        if (side === 'decoding' || side === 'parsing') {
          const t = performance.now();
          if (side === 'decoding') await decodingLoop(realUrl, token, account);
          else await parsingLoop(realUrl, token, account);
          (side === 'decoding' ? decoding : parsing).push(performance.now() - t);
          continue;
        }
        const serverBefore = processCpuMs(server.info.pid);
        const before = process.cpuUsage();
        const t = performance.now();
        if (side === 'sdk') await client.domesticFutureOption.inquireBalance();
        else await rawLoop(realUrl, token, account);
        (side === 'sdk' ? sdk : raw).push(performance.now() - t);
        const used = process.cpuUsage(before);
        (side === 'sdk' ? cpu.sdk : cpu.raw).push((used.user + used.system) / 1000);
        const serverMs = processCpuMs(server.info.pid) - serverBefore;
        if (side === 'sdk') cpu.sdkServer += serverMs;
        else cpu.rawServer += serverMs;
      }
    }
    return { rows, pages, sdk, raw, decoding, parsing, cpu, rss: rss.stop() };
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

const ratios = a.sdk.map((s, i) => s / a.raw[i]!);
const ratio = median(a.sdk) / median(a.raw);
const FLOOR = (200 - 20) / 20; // a full burst of 20, then 20 a second
const secs = runs.map((r) => r.seconds);
const refused = runs.reduce((n, r) => n + r.refused, 0);
const runsRefused = runs.filter((r) => r.refused > 0).length;
const rateRatio = median(secs) / FLOOR;
const worst = Math.max(...secs) / FLOOR;
console.log(
  table([
    ['case', 'median', 'spread', 'ratio', 'goal'],
    [
      `raw fetch loop, ${a.pages} pages (reads bodies only)`,
      `${median(a.raw).toFixed(1)} ms`,
      spread(a.raw),
      '1.00×',
      '',
    ],
    [
      `KisClient.inquireBalance, ${a.rows} rows decoded`,
      `${median(a.sdk).toFixed(1)} ms`,
      spread(a.sdk),
      `${ratio.toFixed(3)}× (per round ${spread(ratios, 2)})`,
      '≤ 1.10×',
    ],
    [
      '  info: raw loop + JSON.parse + decodeBody, next request first',
      `${median(a.decoding).toFixed(1)} ms`,
      spread(a.decoding),
      `${(median(a.decoding) / median(a.raw)).toFixed(3)}×`,
      '',
    ],
    [
      '  info: raw loop + JSON.parse only, next request first',
      `${median(a.parsing).toFixed(1)} ms`,
      spread(a.parsing),
      `${(median(a.parsing) / median(a.raw)).toFixed(3)}×`,
      '',
    ],
    [
      '  info: CPU per pass, client (raw / KisClient)',
      `${median(a.cpu.raw).toFixed(1)} / ${median(a.cpu.sdk).toFixed(1)} ms`,
      '',
      `${(median(a.cpu.sdk) / median(a.cpu.raw)).toFixed(2)}×`,
      '',
    ],
    [
      '  info: CPU per pass, server (raw / KisClient)',
      `${(a.cpu.rawServer / ROUNDS).toFixed(1)} / ${(a.cpu.sdkServer / ROUNDS).toFixed(1)} ms`,
      '',
      '',
      '',
    ],
    ['client process RSS, MB', median(a.rss).toFixed(0), spread(a.rss, 0), '', ''],
    ['fastest 200 calls at 20/s allow', `${FLOOR.toFixed(2)} s`, '', '1.00×', ''],
    [
      `200 calls at 20/s, ${RATE_RUNS} fresh servers`,
      `${median(secs).toFixed(2)} s`,
      spread(secs, 2),
      `${rateRatio.toFixed(3)}× (worst ${worst.toFixed(3)}×)`,
      '≤ 1.05×',
    ],
    ['EGW00201 answers received', String(refused), `${runsRefused} of ${RATE_RUNS} runs`, '', '0'],
  ]),
);
console.log(
  `\nserver in its own process (${a.rows} rows); ${ROUNDS} rounds, the order rotated; ${machine()}; ` +
    `total ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
goal({
  area: 'client',
  measure: `all ${a.pages} pages of a ${a.rows}-row balance vs a raw fetch loop`,
  goal: '≤ 1.10×',
  measured: `${ratio.toFixed(3)}× (${median(a.sdk).toFixed(1)} vs ${median(a.raw).toFixed(1)} ms)`,
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
