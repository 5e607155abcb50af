#!/usr/bin/env node
// Runs every `*.test.ts` under packages/*/test with node's own test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [substring …]   — only files whose path contains a substring.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg, 'test');
  let entries = [];
  try {
    entries = readdirSync(dir, { recursive: true });
  } catch {
    continue;
  }
  for (const entry of entries) {
    const path = join(dir, String(entry));
    if (!path.endsWith('.test.ts')) continue;
    const rel = relative(root, path);
    if (filters.length > 0 && !filters.some((f) => rel.includes(f))) continue;
    files.push(rel);
  }
}
files.sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, KISFO_TEST: '1' } },
);
process.exit(result.status ?? 1);
