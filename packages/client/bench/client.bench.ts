// Benchmark: node --expose-gc --import tsx packages/client/bench/client.bench.ts
// 1. Fetch + decode every page of a 1,000-position account from the local kisfo server:
//    KisClient vs a minimal hand-written fetch loop over the same pages, interleaved in one run.
// 2. With the server's 20/s limit on: 200 calls through the client's limiter, against the
//    fastest the limit allows, counting EGW00201 answers. Loopback only.
import { decodeBody, domesticInquireBalance, hasNextPage } from '@kisfo/protocol';
import { KisClient, MemoryTokenStore } from '../src/index.js';
import { DEMO, startTestServer } from '../test/helpers/server.js';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Like the client, it returns every decoded position (merged over the pages), not just a count:
// keeping the rows is part of the work either way.
async function handLoop(baseURL: string, token: string, account: string): Promise<number> {
  const [CANO, ACNT_PRDT_CD] = account.split('-') as [string, string];
  let fk = '';
  let nk = '';
  let trCont = '';
  const positions: unknown[] = [];
  for (;;) {
    const q = new URLSearchParams({
      CANO,
      ACNT_PRDT_CD,
      MGNA_DVSN: '01',
      EXCC_STAT_CD: '1',
      CTX_AREA_FK200: fk,
      CTX_AREA_NK200: nk,
    });
    const res = await fetch(`${baseURL}${domesticInquireBalance.path}?${q}`, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${token}`,
        appkey: DEMO.real.appKey,
        appsecret: DEMO.real.appSecret,
        tr_id: 'CTFO6118R',
        custtype: 'P',
        tr_cont: trCont,
      },
    });
    const body = decodeBody(domesticInquireBalance, await res.json());
    if (body.rt_cd !== '0') throw new Error(body.msg1);
    positions.push(...body.output1);
    if (!hasNextPage(res.headers.get('tr_cont'))) return positions.length;
    fk = body.ctx_area_fk200;
    nk = body.ctx_area_nk200;
    trCont = 'N';
  }
}

async function throughput() {
  const server = await startTestServer({ positions: 1000, rateLimits: { real: 1_000_000 } });
  try {
    const account = server.accounts[0]!;
    const client = new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      ...DEMO.real,
      account,
      tokenStore: new MemoryTokenStore(),
      rateLimit: false,
    });
    const token = await client.getAccessToken();
    const sdk: number[] = [];
    const hand: number[] = [];
    let rows = 0;
    let pages = 0;
    for (let i = 0; i < 3; i++) {
      const r = await client.domesticFutureOption.inquireBalance(); // warm-up
      await handLoop(server.realUrl, token, account);
      rows = r.positions.length;
      pages = r.pages;
    }
    for (let i = 0; i < 15; i++) {
      gc();
      let t = performance.now();
      await client.domesticFutureOption.inquireBalance();
      sdk.push(performance.now() - t);
      gc();
      t = performance.now();
      await handLoop(server.realUrl, token, account);
      hand.push(performance.now() - t);
    }
    return { rows, pages, sdk: median(sdk), hand: median(hand) };
  } finally {
    await server.close();
  }
}

async function rateLimited() {
  const server = await startTestServer({ rateLimits: { real: 20 } });
  try {
    let refused = 0;
    const client = new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      ...DEMO.real,
      tokenStore: new MemoryTokenStore(),
      maxRetries: 3,
      logger: { warn: (_m, d) => void (JSON.stringify(d).includes('EGW00201') && refused++) },
    });
    await client.getAccessToken();
    await new Promise((r) => setTimeout(r, 1100)); // the token's permit leaves the window
    const t = performance.now();
    await Promise.all(
      Array.from({ length: 200 }, () => client.domesticFutureOption.inquireBalance()),
    );
    const elapsed = (performance.now() - t) / 1000;
    const fastest = (200 - 20) / 20; // a full burst of 20, then 20 a second
    return { elapsed, fastest, refused };
  } finally {
    await server.close();
  }
}

const a = await throughput();
const b = await rateLimited();
console.table([
  {
    case: `KisClient: ${a.rows} positions, ${a.pages} pages (median of 15)`,
    value: `${a.sdk.toFixed(1)} ms`,
  },
  { case: 'hand-written fetch loop, same pages', value: `${a.hand.toFixed(1)} ms` },
  { case: 'ratio KisClient / hand loop (target ≤ 1.10)', value: (a.sdk / a.hand).toFixed(3) },
  { case: '200 calls at the server limit 20/s', value: `${b.elapsed.toFixed(2)} s` },
  { case: 'fastest the limit allows', value: `${b.fastest.toFixed(2)} s` },
  { case: 'ratio (target ≤ 1.05)', value: (b.elapsed / b.fastest).toFixed(3) },
  { case: 'EGW00201 received', value: String(b.refused) },
]);
