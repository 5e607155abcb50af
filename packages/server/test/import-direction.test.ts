// The server's layering, read from its sources: the HTTP side (gateway, OAuth, routes, paging)
// knows the back office only through `contracts.ts`; the ledger is joined to it in `wiring/`, the
// composition root, which nothing but the package entry imports.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const SRC = new URL('../src/', import.meta.url).pathname;

/** Every `.ts` file under `src/<dir>`, as paths relative to `src/`. */
function sourcesUnder(dir: string): string[] {
  return readdirSync(join(SRC, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

// Static imports and re-exports (`import … from`, `export … from`, `import '…'`), type-only ones
// included, and dynamic `import('…')`.
const SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The in-package modules `file` imports, as paths relative to `src/` (`.js` read as `.ts`). */
function localImportsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2];
    if (spec === undefined || !spec.startsWith('.')) continue;
    out.push(relative(SRC, resolve(SRC, dirname(file), spec)).replace(/\.js$/, '.ts'));
  }
  return out;
}

/** `file → imported` for every import of `files` that `allowed` refuses. */
function violations(files: string[], allowed: (target: string) => boolean): string[] {
  return files.flatMap((f) =>
    localImportsOf(f)
      .filter((t) => !allowed(t))
      .map((t) => `${f} → ${t}`),
  );
}

const insideHttp = (t: string) => t.startsWith('http/') || t === 'contracts.ts';

describe('import direction inside @kisfo/server', () => {
  it('the reader sees every kind of import (the check can fail)', () => {
    const seen = localImportsOf('wiring/start-server.ts');
    assert.ok(
      seen.some((t) => t.startsWith('ledger/')),
      `the composition root imports the ledger: ${seen.join(', ')}`,
    );
    assert.ok(seen.includes('http/index.ts'), seen.join(', '));
    assert.ok(violations(['wiring/start-server.ts'], insideHttp).length > 0);
    assert.ok(localImportsOf('index.ts').includes('wiring/index.ts'));
  });

  it('the HTTP side imports only itself and the back-office contract', () => {
    const files = sourcesUnder('http');
    assert.ok(files.length > 20, `found ${files.length} HTTP sources`);
    assert.deepEqual(violations(files, insideHttp), []);
  });

  it('only the package entry imports the composition root', () => {
    const outside = ['http', 'ledger', 'reconcile', 'record'].flatMap(sourcesUnder);
    outside.push('contracts.ts');
    assert.deepEqual(
      violations(outside, (t) => !t.startsWith('wiring/')),
      [],
    );
  });
});
