// Benchmark of a shared deployment: balance pages per second from 1, 2 and 3 `kisfo serve`
// processes on one PostgreSQL against the single-process SQLite server, in one run, load from a
// separate autocannon process; then the import time of the 100,000-position scenario on each
// backend. Cases alternate over ROUNDS rounds (median and spread). Loopback only, bounded.
// Run: node --import tsx packages/server/bench/postgres.bench.ts
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import {
  generateScenario,
  importScenario,
  type LedgerStore,
  openLedger,
  openPostgresLedger,
} from '../src/index.js';
import { ledgerTempDir } from '../test/ledger-helpers.js';
import { startPgCluster } from '../test/pg-cluster.js';
import { balanceHeaders, balanceQuery, demoToken } from './fixtures/demo-inquiry.js';

const ROUNDS = 3;
const SECONDS = 3;
const CONNECTIONS = 12;
const IMPORT_POSITIONS = 100_000;
const here = new URL('.', import.meta.url).pathname;
const t0 = performance.now();

const cluster = await startPgCluster();
const tmp = ledgerTempDir();
const pgUrl = await cluster.createDatabase('bench');
const sqlitePath = join(tmp.dir, 'bench.db');
const small = generateScenario({ positions: 60, accounts: 1, seed: 11 });
for (const store of [
  openLedger({ path: sqlitePath }),
  openPostgresLedger(pgUrl),
] as LedgerStore[]) {
  importScenario(store, small);
  store.close();
}

interface Instance {
  url: string;
  proc: ChildProcess;
  readyMs: number;
}

async function startInstance(db: string, name: string): Promise<Instance> {
  const s = performance.now();
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, '../test/multi-instance-child.ts'), db],
    {
      env: { ...process.env, PGAPPNAME: `kisfo-bench-${name}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(createInterface({ input: proc.stdout! }), 'line')) as [string];
  return {
    url: (JSON.parse(line) as { realUrl: string }).realUrl,
    proc,
    readyMs: performance.now() - s,
  };
}

const sqlite = await startInstance(sqlitePath, 'sqlite');
const pgs = [];
for (const n of ['a', 'b', 'c']) pgs.push(await startInstance(pgUrl, n));

const query = balanceQuery('70000000-03');
const sqliteHeaders = balanceHeaders(await demoToken(sqlite.url));
// One token for all PostgreSQL instances: issued by one, valid on every one.
const pgHeaders = balanceHeaders(await demoToken(pgs[0]!.url));
for (const i of [sqlite, ...pgs]) {
  const r = await fetch(i.url + query, { headers: i === sqlite ? sqliteHeaders : pgHeaders });
  const body = (await r.json()) as { output1: unknown[]; msg_cd: string };
  if (body.output1.length !== 20) throw new Error(`expected a 20-row page, got ${body.msg_cd}`);
}

interface Load {
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
}

async function load(urls: string[], headers: Record<string, string>, seconds = SECONDS) {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(here, 'autocannon-load.ts'),
      JSON.stringify({
        urls: urls.map((u) => u + query),
        headers,
        connections: CONNECTIONS,
        seconds,
      }),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [line] = (await once(createInterface({ input: proc.stdout! }), 'line')) as [string];
  const r = JSON.parse(line) as Load;
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`load saw ${r.non2xx} non-2xx, ${r.errors} errors`);
  return r;
}

const cases: { name: string; urls: string[]; headers: Record<string, string> }[] = [
  { name: 'SQLite, 1 instance (baseline)', urls: [sqlite.url], headers: sqliteHeaders },
  { name: 'PostgreSQL, 1 instance', urls: [pgs[0]!.url], headers: pgHeaders },
  { name: 'PostgreSQL, 2 instances', urls: pgs.slice(0, 2).map((i) => i.url), headers: pgHeaders },
  { name: 'PostgreSQL, 3 instances', urls: pgs.map((i) => i.url), headers: pgHeaders },
];
for (const c of cases) await load(c.urls, c.headers, 1); // warm up every instance
const results = new Map<string, Load[]>(cases.map((c) => [c.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) results.get(c.name)!.push(await load(c.urls, c.headers));
}

const rssMb = (pid: number | undefined) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? Number.NaN : Number(m[1]) / 1024;
};
const rss = new Map([
  ['sqlite', rssMb(sqlite.proc.pid)],
  ...pgs.map((p, k) => [`pg${k}`, rssMb(p.proc.pid)] as [string, number]),
]);
for (const i of [sqlite, ...pgs]) i.proc.kill('SIGTERM');

// Import of the 100,000-position scenario, alternating the backends; generation not timed.
const big = generateScenario({ positions: IMPORT_POSITIONS, seed: 5 });
const imports = { sqlite: [] as number[], postgres: [] as number[] };
for (let round = 0; round < ROUNDS; round++) {
  for (const backend of ['sqlite', 'postgres'] as const) {
    const store =
      backend === 'sqlite'
        ? openLedger({ path: join(tmp.dir, `import-${round}.db`) })
        : openPostgresLedger(await cluster.createDatabase(`import_${round}`));
    const s = performance.now();
    importScenario(store, big);
    imports[backend].push(performance.now() - s);
    store.close();
  }
}
cluster.stop();
tmp.cleanup();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const baseRps = median(results.get(cases[0]!.name)!.map((r) => r.rps));
const onePg = median(results.get(cases[1]!.name)!.map((r) => r.rps));
const rows: string[][] = [
  ['case', 'pages/s (median)', 'spread', 'p50 ms', 'p99 ms', '× SQLite', '× 1 PG'],
];
for (const c of cases) {
  const rs = results.get(c.name)!;
  const m = median(rs.map((r) => r.rps));
  rows.push([
    c.name,
    m.toFixed(0),
    spread(rs.map((r) => r.rps)),
    String(median(rs.map((r) => r.p50))),
    String(median(rs.map((r) => r.p99))),
    (m / baseRps).toFixed(2),
    (m / onePg).toFixed(2),
  ]);
}
rows.push(['', '', '', '', '', '', '']);
rows.push(['import 100,000 positions', 'median s', 'spread s', '', '', '', '']);
for (const [b, xs] of Object.entries(imports)) {
  rows.push([
    `import on ${b}`,
    (median(xs) / 1000).toFixed(1),
    `${(Math.min(...xs) / 1000).toFixed(1)}–${(Math.max(...xs) / 1000).toFixed(1)}`,
    '',
    '',
    '',
    '',
  ]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const [i, r] of rows.entries()) {
  console.log(`| ${r.map((c, j) => c.padEnd(widths[j]!)).join(' | ')} |`);
  if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
}
const three = median(results.get(cases[3]!.name)!.map((r) => r.rps));
const pgImport = median(imports.postgres) / 1000;
const goal = (area: string, measure: string, text: string, measured: string, met: boolean) =>
  console.log(['GOAL', area, measure, text, measured, met ? 'met' : 'missed'].join('\t'));
console.log('');
goal(
  'postgres',
  'balance pages/s, 3 instances vs 1 (one PostgreSQL)',
  '≥ 1.3× one instance',
  `${(three / onePg).toFixed(2)}× (${three.toFixed(0)} vs ${onePg.toFixed(0)} pages/s)`,
  three / onePg >= 1.3,
);
goal(
  'postgres',
  'import of 100,000 positions on PostgreSQL',
  '≤ 60 s',
  `${pgImport.toFixed(1)} s (SQLite ${(median(imports.sqlite) / 1000).toFixed(1)} s)`,
  pgImport <= 60,
);
console.log(
  `\n${CONNECTIONS} autocannon connections from a separate process, ${SECONDS} s per case, ${ROUNDS} rounds alternated; ` +
    `20-row page of a 60-position account. Build costs: instance ready in ${sqlite.readyMs.toFixed(0)} ms (SQLite) / ` +
    `${pgs.map((p) => p.readyMs.toFixed(0)).join(', ')} ms (PostgreSQL, first one migrates). ` +
    `RSS after load: ${[...rss].map(([k, v]) => `${k} ${v.toFixed(0)} MB`).join(', ')}. ` +
    `All processes and PostgreSQL share this machine's cores, so added instances compete with the load ` +
    `generator and the database. Total ${((performance.now() - t0) / 1000).toFixed(0)} s.`,
);
