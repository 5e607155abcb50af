#!/usr/bin/env node
// Runs every `*.bench.ts` under packages/*/bench, one process each, and lets each print its own
// table(s). Each bench also prints one line per goal on stdout:
//   GOAL<TAB>area<TAB>measure<TAB>goal<TAB>measured<TAB>met|missed
// The runner collects those lines (they are not echoed) and ends with one table per area, the goal
// beside each measurement, and `N of M goals met`. Exit code 1 when a bench fails or a goal is missed.
// Usage: node scripts/run-bench.mjs [substring …]   — only bench files whose path contains one.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = [];
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', pkg, 'bench');
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    continue;
  }
  for (const entry of entries) {
    if (!entry.endsWith('.bench.ts')) continue;
    const rel = relative(root, join(dir, entry));
    if (filters.length > 0 && !filters.some((f) => rel.includes(f))) continue;
    files.push(rel);
  }
}
files.sort();

/** Run one bench; echo its output, keep its GOAL lines. */
function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const goals = [];
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('GOAL\t')) {
        const [, area, measure, goal, measured, verdict] = line.split('\t');
        goals.push({ area, measure, goal, measured, met: verdict === 'met', file });
      } else console.log(line);
    });
    // Both the exit code and the last line of output are needed, in whichever order they come.
    const exited = new Promise((r) => child.once('exit', (code) => r(code)));
    const drained = new Promise((r) => lines.once('close', r));
    Promise.all([exited, drained]).then(([code]) => resolve({ code, goals }));
  });
}

const started = Date.now();
const goals = [];
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}\n`);
  const r = await run(file);
  goals.push(...r.goals);
  if (r.code !== 0) {
    failed++;
    console.log(`\n${file} exited with ${r.code}`);
  }
}

const cell = (s) => String(s).replaceAll('|', '\\|');
const areas = [...new Set(goals.map((g) => g.area))];
console.log(`\n# Goals\n`);
for (const area of areas) {
  console.log(`### ${area}\n`);
  console.log('| measure | goal | measured | |');
  console.log('|---|---|---|---|');
  for (const g of goals.filter((x) => x.area === area)) {
    console.log(
      `| ${cell(g.measure)} | ${cell(g.goal)} | ${cell(g.measured)} | ${g.met ? 'met' : '**missed**'} |`,
    );
  }
  console.log('');
}
const met = goals.filter((g) => g.met).length;
console.log(
  `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ` +
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at the end; ` +
    `${files.length} bench files, ${((Date.now() - started) / 1000).toFixed(0)} s` +
    (failed > 0 ? `; ${failed} bench file(s) FAILED` : ''),
);
console.log(`${met} of ${goals.length} goals met`);
process.exit(failed === 0 && met === goals.length ? 0 : 1);
