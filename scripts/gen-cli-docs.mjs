#!/usr/bin/env node
// Writes docs/cli.md from each command's own --help text (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { cliReference } from 'kisfo';

writeFileSync(new URL('../docs/cli.md', import.meta.url), cliReference());
console.log('wrote docs/cli.md');
