import { readFileSync } from 'node:fs';

/** Root of the repository (tests run from there). */
export const repoRoot = new URL('../../../', import.meta.url).pathname;

/** Read a JSON fixture under `fixtures/`. */
export function fixture<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(`${repoRoot}fixtures/${path}`, 'utf8')) as T;
}

/** Read a text fixture under `fixtures/`. */
export function textFixture(path: string): string {
  return readFileSync(`${repoRoot}fixtures/${path}`, 'utf8');
}
