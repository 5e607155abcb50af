import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp directory removed by the returned cleanup. */
export function ledgerTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kisfo-ledger-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Plain strings of a record of Decimals (for deepEqual and printing). */
export function strings(rec: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, String(v)]));
}
