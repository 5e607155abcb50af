// Benchmark of an inquiry after a change on a big account: the first page of the domestic balance
// of one 10,000-position account, asked over HTTP right after one more fill and right after a new
// price of one series (both written through the admin API). Two kisfo servers, each in its own
// process over its own in-memory SQLite ledger of the same generated scenario: one keeps the
// balance in a DomesticBalanceBook between writes (the default), the other computes every new
// account version afresh (`keptBalances: 0`, the path before). Each round makes the same change
// on both, in alternating order, and times the inquiry after it; both must answer the same bytes.
// Loopback only, bounded in count.
// Run: node --import tsx packages/server/bench/kept-balance.bench.ts   (KISFO_BENCH_ROUNDS, default 7)
import { join } from 'node:path';
import {
  goal,
  machine,
  median,
  rssMb,
  spawnAnnounced,
  spread,
  table,
} from '../../../scripts/bench/kit.js';
import { generateScenario } from '../src/index.js';
import { balanceHeaders, balanceQuery, demoToken } from './fixtures/demo-inquiry.js';

const ROUNDS = Math.max(3, Number(process.env.KISFO_BENCH_ROUNDS ?? 7));
const SETTLE_MS = 300;
const POSITIONS = 10_000;
const started = performance.now();
const here = new URL('.', import.meta.url).pathname;

interface Served {
  realUrl: string;
  adminUrl: string;
  adminToken: string;
  account: string;
  pid: number;
}

const fixture = join(here, 'fixtures/serve-ledger.ts');
const t0 = performance.now();
const [kept, fresh] = await Promise.all([
  spawnAnnounced<Served>(fixture, [String(POSITIONS), '1e9', '8']),
  spawnAnnounced<Served>(fixture, [String(POSITIONS), '1e9', '0']),
]);
const readyMs = performance.now() - t0;
// The same scenario the servers imported, for the codes and prices of the changes.
const scenario = generateScenario({ positions: POSITIONS, accounts: 1, seed: 11 });
const account = kept.info.account;
const held = scenario.positions!.filter((p) => p.account === account);
const prices = new Map(scenario.prices!.map((p) => [p.instrument, p]));
const query = balanceQuery(account);

interface Side {
  name: string;
  served: Served;
  headers: Record<string, string>;
  afterFill: number[];
  afterPrice: number[];
  postFill: number[];
  putPrice: number[];
  first: number;
}

async function side(name: string, served: Served): Promise<Side> {
  const token = await demoToken(served.realUrl);
  return {
    name,
    served,
    headers: balanceHeaders(token),
    afterFill: [],
    afterPrice: [],
    postFill: [],
    putPrice: [],
    first: 0,
  };
}

/**
 * The first balance page: its time (ms, request to last byte) and its bytes. Both sides first
 * wait a moment, so the other server's leftovers (a fresh compute's garbage collection on the
 * second core) are not timed as this one's.
 */
async function firstPage(s: Side): Promise<{ ms: number; text: string }> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const t = performance.now();
  const res = await fetch(s.served.realUrl + query, { headers: s.headers });
  const text = await res.text();
  const ms = performance.now() - t;
  if (!text.includes('"rt_cd":"0"')) throw new Error(`${s.name}: ${text.slice(0, 200)}`);
  return { ms, text };
}

/** The same page but for the continuation keys (signed with each server's own secret). */
function samePage(a: string, b: string): boolean {
  const cut = (t: string) => t.replace(/"ctx_area_(fk|nk)200":"[^"]*"/g, '');
  return cut(a) === cut(b);
}

async function admin(s: Side, method: string, path: string, body: unknown): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${s.served.adminUrl}/kisfo/admin${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${s.served.adminToken}`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${s.name} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return performance.now() - t;
}

const sides = [await side('kept', kept.info), await side('fresh', fresh.info)];
for (const s of sides) s.first = (await firstPage(s)).ms; // the book built / the first compute
let agree = true;
let rows = 0;
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? sides : [...sides].reverse();
  // A change: one more fill opening a series the account holds, at its price.
  const pos = held[(r * 37) % held.length]!;
  const fill = {
    id: `bench-${r}`,
    account,
    instrument: pos.instrument,
    side: pos.side === 'long' ? 'buy' : 'sell',
    openClose: 'open',
    qty: 1,
    price: prices.get(pos.instrument)!.price,
  };
  const afterFill: string[] = [];
  for (const s of order) {
    s.postFill.push(await admin(s, 'POST', '/fills', fill));
    const p = await firstPage(s);
    s.afterFill.push(p.ms);
    afterFill.push(p.text);
  }
  // Another: a new price of a held series (1 % up), its prior settlement kept.
  const q = prices.get(held[(r * 53 + 11) % held.length]!.instrument)!;
  const next = { ...q, price: (Number(q.price) * 1.01).toFixed(2) };
  prices.set(q.instrument, next);
  const afterPrice: string[] = [];
  for (const s of order) {
    s.putPrice.push(await admin(s, 'PUT', '/prices', { prices: [next] }));
    const p = await firstPage(s);
    s.afterPrice.push(p.ms);
    afterPrice.push(p.text);
  }
  agree &&= samePage(afterFill[0]!, afterFill[1]!) && samePage(afterPrice[0]!, afterPrice[1]!);
  rows = (JSON.parse(afterPrice[0]!) as { output1: unknown[] }).output1.length;
}
const rss = sides.map((s) => rssMb(s.served.pid) ?? 0);
await kept.stop();
await fresh.stop();

const [k, f] = sides as [Side, Side];
const ms = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
const ratio = (a: number[], b: number[]) => `${(median(b) / median(a)).toFixed(0)}× faster`;
console.log(
  table([
    ['case', 'median', 'spread', 'vs afresh', 'goal'],
    [
      `first page after one more fill, kept book (${POSITIONS.toLocaleString('en')} positions)`,
      ms(k.afterFill),
      spread(k.afterFill),
      ratio(k.afterFill, f.afterFill),
      '≤ 50 ms',
    ],
    [
      'first page after one more fill, computed afresh',
      ms(f.afterFill),
      spread(f.afterFill),
      '',
      '',
    ],
    [
      'first page after a new price of one series, kept book',
      ms(k.afterPrice),
      spread(k.afterPrice),
      ratio(k.afterPrice, f.afterPrice),
      '≤ 50 ms',
    ],
    [
      'first page after a new price of one series, computed afresh',
      ms(f.afterPrice),
      spread(f.afterPrice),
      '',
      '',
    ],
    ['  build: first inquiry, kept book built', `${k.first.toFixed(0)} ms`, '', '', ''],
    ['  build: first inquiry, computed afresh', `${f.first.toFixed(0)} ms`, '', '', ''],
    [
      '  info: the fill POST itself (answerable check), kept / afresh',
      `${median(k.postFill).toFixed(0)} / ${median(f.postFill).toFixed(0)} ms`,
      '',
      '',
      '',
    ],
    [
      '  info: the price PUT itself, kept / afresh',
      `${median(k.putPrice).toFixed(1)} / ${median(f.putPrice).toFixed(1)} ms`,
      '',
      '',
      '',
    ],
    [
      '  info: server RSS after the rounds, kept / afresh',
      `${rss[0]!.toFixed(0)} / ${rss[1]!.toFixed(0)} MB`,
      '',
      '',
      '',
    ],
  ]),
);
console.log(
  `\nboth servers answer the same bytes after every change (continuation keys aside): ${agree ? 'yes' : 'NO'}; ${rows} rows a page` +
    `\neach server in its own process (both ready in ${(readyMs / 1000).toFixed(1)} s, import included), one request at a time over loopback, ${SETTLE_MS} ms idle before each timed one; ${ROUNDS} rounds, the order flipping each round; ${machine()}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
);
const worst = Math.max(median(k.afterFill), median(k.afterPrice));
goal({
  area: 'server',
  measure: 'balance inquiry of one 10,000-position account after a change, over HTTP',
  goal: '≤ 50 ms per change',
  measured: `${median(k.afterFill).toFixed(1)} ms after a fill, ${median(k.afterPrice).toFixed(1)} ms after a price (afresh ${median(f.afterFill).toFixed(0)} / ${median(f.afterPrice).toFixed(0)} ms)`,
  met: worst <= 50 && agree,
});
