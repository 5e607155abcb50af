// Benchmark: node --import tsx packages/cli/bench/cli.bench.ts
// Start-up cost of the `kisfo` command, one fresh process per run (what a user waits for):
// `kisfo --help` and `kisfo --version` against the floor, `node -e 0`, alternated run by run over
// several rounds; median and spread of wall time, and peak RSS of each. The goal: `kisfo --help`
// within 2× of `node -e 0` (commands load lazily, so --help loads none of them).
// Build cost a user pays: none at run time (dist is compiled once, at install).
import { spawnSync } from 'node:child_process';

const BIN = new URL('../bin/kisfo.js', import.meta.url).pathname;
const RSS_HOOK = new URL('./rss-at-exit.mjs', import.meta.url).pathname;
const ROUNDS = Number(process.env.KISFO_BENCH_ROUNDS ?? 5);
const PER_ROUND = 5;

interface Case {
  name: string;
  args: string[];
}
const BASELINE: Case = { name: 'node -e 0', args: ['-e', '0'] };
const CASES: Case[] = [
  BASELINE,
  { name: 'kisfo --help', args: [BIN, '--help'] },
  { name: 'kisfo --version', args: [BIN, '--version'] },
  { name: 'kisfo balance --help', args: [BIN, 'balance', '--help'] },
];

function once(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function rss(args: string[]): number {
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  return Number(/RSS_KIB (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN) / 1024;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

// Warm the file-system cache once so the first round is not an outlier of its own.
for (const c of CASES) once(c.args);
const times = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  // Alternate case by case inside each round, so machine noise hits all of them alike.
  for (let i = 0; i < PER_ROUND; i++) for (const c of CASES) times.get(c.name)!.push(once(c.args));
}

const base = quantile(times.get(BASELINE.name)!, 0.5);
console.log(
  `CLI start-up, ${ROUNDS} rounds × ${PER_ROUND} runs each, alternated (wall time per process)\n`,
);
console.log(
  `${'command'.padEnd(22)}${'median'.padStart(10)}${'p10–p90'.padStart(18)}${'× node -e 0'.padStart(14)}${'peak RSS'.padStart(12)}`,
);
for (const c of CASES) {
  const xs = times.get(c.name)!;
  const med = quantile(xs, 0.5);
  const spread = `${quantile(xs, 0.1).toFixed(0)}–${quantile(xs, 0.9).toFixed(0)} ms`;
  console.log(
    `${c.name.padEnd(22)}${`${med.toFixed(1)} ms`.padStart(10)}${spread.padStart(18)}${`${(med / base).toFixed(2)}×`.padStart(14)}${`${rss(c.args).toFixed(1)} MiB`.padStart(12)}`,
  );
}
const ratio = quantile(times.get('kisfo --help')!, 0.5) / base;
console.log(
  `\nGOAL\tcli\tkisfo --help\t≤ 2× node -e 0\t${ratio.toFixed(2)}×\t${ratio <= 2 ? 'met' : 'missed'}`,
);
