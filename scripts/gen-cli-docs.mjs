#!/usr/bin/env node
// docs/cli.md, made from each command's own --help text (run after `npm run build`).
//   node scripts/gen-cli-docs.mjs           write docs/cli.md
//   node scripts/gen-cli-docs.mjs --check   exit 1 when docs/cli.md is not what the commands say
import { readFileSync, writeFileSync } from 'node:fs';
import { cliReference } from 'kisfo';

const file = new URL('../docs/cli.md', import.meta.url);
const wanted = await cliReference();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {}
  if (current !== wanted) {
    console.error('docs/cli.md is stale: run `npm run docs:cli` and commit it');
    process.exit(1);
  }
  console.log('docs/cli.md is current');
} else {
  writeFileSync(file, wanted);
  console.log('wrote docs/cli.md');
}
