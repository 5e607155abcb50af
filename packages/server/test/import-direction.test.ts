// The server's layering, read from its sources: the HTTP side (gateway, OAuth, routes, paging)
// knows the back office only through `contracts.ts` (beside small shared modules such as the
// input-error answer table, which import no side); the ledger is joined to it in `wiring/`, the
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

/**
 * Every module `files` reach through imports, each with the chain that reaches it; modules
 * `stopAt` accepts are listed but not followed.
 */
function reachedFrom(
  files: string[],
  stopAt: (f: string) => boolean = () => false,
): Map<string, string> {
  const chain = new Map(files.map((f) => [f, f]));
  const todo = [...files];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    for (const t of localImportsOf(f)) {
      if (chain.has(t)) continue;
      chain.set(t, `${chain.get(f)} → ${t}`);
      if (!stopAt(t)) todo.push(t);
    }
  }
  return chain;
}

// The HTTP side's own files, the contract, and the small shared modules at the top of src/
// (the input-error answer table): never a folder of the other side, never the package entry.
const httpMayImport = (t: string) =>
  t.startsWith('http/') || (!t.includes('/') && t !== 'index.ts');
const BEHIND_THE_CONTRACT = /^(ledger|wiring|reconcile|record)\/|^index\.ts$/;

describe('import direction inside @kisfo/server', () => {
  it('the reader sees every kind of import (the check can fail)', () => {
    const seen = localImportsOf('wiring/start-server.ts');
    assert.ok(
      seen.some((t) => t.startsWith('ledger/')),
      `the composition root imports the ledger: ${seen.join(', ')}`,
    );
    assert.ok(seen.includes('http/index.ts'), seen.join(', '));
    assert.ok(violations(['wiring/start-server.ts'], httpMayImport).length > 0);
    assert.ok(
      [...reachedFrom(['wiring/start-server.ts']).keys()].some((t) => t.startsWith('ledger/')),
    );
    assert.ok(localImportsOf('index.ts').includes('wiring/index.ts'));
  });

  it('the HTTP side imports only itself, the back-office contract and shared top-level modules', () => {
    const files = sourcesUnder('http');
    assert.ok(files.length > 20, `found ${files.length} HTTP sources`);
    assert.deepEqual(violations(files, httpMayImport), []);
  });

  it('nothing the HTTP side imports reaches the ledger, directly or through a shared module', () => {
    const reached = reachedFrom(sourcesUnder('http'), (t) => BEHIND_THE_CONTRACT.test(t));
    assert.ok(reached.has('contracts.ts'));
    assert.deepEqual(
      [...reached].filter(([t]) => BEHIND_THE_CONTRACT.test(t)).map(([, chain]) => chain),
      [],
    );
  });

  it('the ledger, record and reconcile sides never import the HTTP side', () => {
    const files = ['ledger', 'reconcile', 'record'].flatMap(sourcesUnder);
    assert.ok(files.length > 20, `found ${files.length} sources`);
    assert.deepEqual(
      violations(files, (t) => !t.startsWith('http/')),
      [],
    );
  });

  it('only the package entry imports the composition root', () => {
    const outside = ['http', 'ledger', 'reconcile', 'record'].flatMap(sourcesUnder);
    outside.push(...readdirSync(SRC).filter((f) => f.endsWith('.ts') && f !== 'index.ts'));
    assert.deepEqual(
      violations(outside, (t) => !t.startsWith('wiring/')),
      [],
    );
  });
});
