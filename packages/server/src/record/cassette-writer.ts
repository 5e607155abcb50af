import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type CassetteEntry,
  CassetteRedactor,
  type CassetteRedactorOptions,
  cassetteLine,
  type RawExchange,
} from '@kisfo/protocol';

/**
 * Appends exchanges to a cassette file, redacted before they are written: the raw exchange never
 * touches the disk. One line per exchange, appended synchronously so the order on disk is the
 * order of answers and a crash loses at most the exchange in flight.
 *
 * @example
 * ```ts
 * const w = new CassetteWriter('session.jsonl', { maskAccounts: true });
 * w.write(exchange);
 * ```
 */
export class CassetteWriter {
  readonly redactor: CassetteRedactor;
  #count = 0;

  constructor(
    readonly path: string,
    options: CassetteRedactorOptions = {},
  ) {
    this.redactor = new CassetteRedactor(options);
    mkdirSync(dirname(path), { recursive: true });
  }

  /** Exchanges written so far. */
  get count(): number {
    return this.#count;
  }

  /** Redact and append one exchange; returns the entry as written. */
  write(raw: RawExchange): CassetteEntry {
    const entry = this.redactor.redact(raw);
    appendFileSync(this.path, `${cassetteLine(entry)}\n`, { mode: 0o600 });
    this.#count++;
    return entry;
  }
}
