// First paint of the dashboard's views on the generated 10,000-position account, in Debian's
// Chromium against `kisfo serve` (server and browser are separate processes from this one).
// Baseline (the floor any page pays): the same tab fetching and parsing the first answer the view
// paints from (the first rows / the figures). Candidate: a full load of the view until its data is
// on screen (the view's `kisfo:<view>:ready` mark, then one animation frame). The whole answer
// (the book and engine input, fetched after the first paint) is timed too, for scale. Alternated
// over ROUNDS rounds; median and spread reported.
// Run: node --import tsx packages/dashboard/bench/first-paint.bench.ts
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, serveLedger } from '../test/browser-harness.js';

const ROUNDS = 5;
const POSITIONS = 10_000;
const GOAL_MS = 1000;
const root = new URL('../../../', import.meta.url).pathname;
const scenario = join(tmpdir(), `kisfo-bench-${process.pid}.json`);
const gen = spawnSync(process.execPath, [
  join(root, 'packages/cli/bin/kisfo.js'),
  'scenario',
  'generate',
  '--positions',
  String(POSITIONS),
  '--accounts',
  '1',
  '--out',
  scenario,
]);
if (gen.status !== 0) throw new Error(gen.stderr.toString());
const account = (JSON.parse(readFileSync(scenario, 'utf8')) as { accounts: { id: string }[] })
  .accounts[0]!.id;

const server = await serveLedger(scenario);
const browser = await launchBrowser();
const page = browser.page;
const base = server.link.split('#')[0]!;
await page.goto(server.link);
await page.locator('[data-testid=accounts]').waitFor({ timeout: 30_000 });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Fetch + parse the view's JSON from the page, ms. */
async function floor(path: string): Promise<number> {
  return page.evaluate(`(async () => {
    const token = sessionStorage.getItem('kisfo.dashboard.session');
    const t0 = performance.now();
    const res = await fetch('/kisfo/dashboard/api${path}', { headers: { Authorization: 'Bearer ' + token } });
    await res.json();
    return performance.now() - t0;
  })()`) as Promise<number>;
}

/** Load the view from scratch until its data is painted, ms since navigation start. */
async function firstPaint(view: string, hash: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(`${base}${hash}`);
  // A string, not a function: tsx's helpers do not exist in the page.
  return page.evaluate(`new Promise((resolve) => {
    const poll = () => {
      if (performance.getEntriesByName('kisfo:${view}:ready').length === 0) return setTimeout(poll, 5);
      requestAnimationFrame(() => resolve(performance.now()));
    };
    poll();
  })`) as Promise<number>;
}

interface Row {
  view: string;
  floor: number[];
  paint: number[];
  whole: number[];
}
const rows: Row[] = [
  { view: 'domestic', floor: [], paint: [], whole: [] },
  { view: 'what-if', floor: [], paint: [], whole: [] },
];
// [first answer, whole answer, page]
const paths: Record<string, [string, string, string]> = {
  domestic: [
    `/accounts/${account}/domestic?mgnaDvsn=01&exccStatCd=1&rows=60`,
    `/accounts/${account}/domestic?mgnaDvsn=01&exccStatCd=1`,
    `#/domestic/${account}`,
  ],
  'what-if': [
    `/accounts/${account}/domestic?rows=0`,
    `/accounts/${account}/domestic`,
    `#/what-if/${account}`,
  ],
};
// Warm the server's computed views (once per ledger state) and the page.
for (const row of rows) {
  await firstPaint(row.view, paths[row.view]![2]);
  await floor(paths[row.view]![1]);
}
for (let r = 0; r < ROUNDS; r++) {
  for (const row of rows) {
    const [first, whole, hash] = paths[row.view]!;
    row.floor.push(await floor(first));
    row.paint.push(await firstPaint(row.view, hash));
    row.whole.push(await floor(whole));
  }
}
const serverRss = rssMb(server.pid);
await browser.close();
await server.stop();
rmSync(scenario, { force: true });

const dist = join(root, 'packages/dashboard/dist/assets');
const assets = readdirSync(dist).map((f) => ({
  f,
  bytes: statSync(join(dist, f)).size,
  gz: gzipSync(readFileSync(join(dist, f))).length,
}));

console.log(
  `first paint, ${POSITIONS.toLocaleString('en-US')}-position account, ${ROUNDS} rounds alternated (ms; median ± spread)`,
);
console.log(
  'view       floor: first answer   first paint       ratio   whole answer (fetch+parse)',
);
for (const row of rows) {
  const f = median(row.floor);
  const p = median(row.paint);
  const w = median(row.whole);
  console.log(
    `${row.view.padEnd(10)} ${f.toFixed(0).padStart(6)} ± ${spread(row.floor).toFixed(0).padEnd(10)} ${p.toFixed(0).padStart(6)} ± ${spread(row.paint).toFixed(0).padEnd(8)} ${(p / f).toFixed(2)}×   ${w.toFixed(0).padStart(6)} ± ${spread(row.whole).toFixed(0)}`,
  );
}
console.log(`server RSS after the rounds: ${serverRss.toFixed(0)} MB`);
console.log(
  `build cost a user pays (bundle): ${assets.map((a) => `${a.f} ${(a.bytes / 1024).toFixed(0)} KiB (${(a.gz / 1024).toFixed(0)} KiB gzip)`).join(', ')}`,
);
for (const row of rows) {
  const p = median(row.paint);
  console.log(
    [
      'GOAL',
      'dashboard',
      `first paint ${row.view} view (${POSITIONS} positions)`,
      `under ${GOAL_MS} ms`,
      `${p.toFixed(0)} ms median of ${ROUNDS}`,
      p < GOAL_MS ? 'met' : 'missed',
    ].join('\t'),
  );
}
