#!/usr/bin/env node
// Runs every `*.bench.ts` under packages/*/bench, one process each, and lets each print its table.
// Usage: node scripts/run-bench.mjs [substring …]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
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
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
