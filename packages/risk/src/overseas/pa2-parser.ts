/**
 * Streaming reader of pa2 files: chunks in (strings or bytes, split anywhere), records out.
 * Only the unfinished last line is buffered, so memory does not grow with the file.
 */
import { type Pa2Record, parsePa2Line } from './pa2-records.js';

/** Counts of what a parse saw. */
export interface Pa2ParseStats {
  lines: number;
  records: number;
  /** Lines of record types kisfo does not read (skipped, not an error). */
  skipped: number;
}

/**
 * Push-based line splitter + record parser. Feed chunks with {@link push}, then {@link end}.
 *
 * @example
 * ```ts
 * const p = new Pa2LineParser((r) => records.push(r));
 * p.push('T USD$EURE00009'); p.push('20000\n'); p.end();
 * ```
 */
export class Pa2LineParser {
  private rest = '';
  private readonly decoder = new TextDecoder('latin1');
  readonly stats: Pa2ParseStats = { lines: 0, records: 0, skipped: 0 };

  constructor(private readonly sink: (record: Pa2Record) => void) {}

  /** Feed the next chunk. */
  push(chunk: string | Uint8Array): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    let start = 0;
    let buf = this.rest === '' ? text : this.rest + text;
    this.rest = '';
    let nl = buf.indexOf('\n', start);
    while (nl >= 0) {
      this.line(buf, start, nl);
      start = nl + 1;
      nl = buf.indexOf('\n', start);
    }
    if (start < buf.length) this.rest = buf.slice(start);
    buf = '';
  }

  /** Flush the last line (a file need not end with a newline). */
  end(): Pa2ParseStats {
    const tail = this.decoder.decode();
    if (tail !== '') this.push(tail);
    if (this.rest !== '') {
      const r = this.rest;
      this.rest = '';
      this.line(r, 0, r.length);
    }
    return this.stats;
  }

  private line(buf: string, start: number, end: number): void {
    const n = ++this.stats.lines;
    if (end > start && buf.charCodeAt(end - 1) === 13) end--;
    if (end === start) return;
    const rec = parsePa2Line(buf.slice(start, end), n);
    if (rec === undefined) this.stats.skipped++;
    else {
      this.stats.records++;
      this.sink(rec);
    }
  }
}

/**
 * Parse a whole pa2 text into records.
 *
 * @example
 * ```ts
 * parsePa2('T USD$EURE0000920000\n')[0].type; // 'T'
 * ```
 */
export function parsePa2(text: string): Pa2Record[] {
  const out: Pa2Record[] = [];
  const p = new Pa2LineParser((r) => out.push(r));
  p.push(text);
  p.end();
  return out;
}

/**
 * Stream records from an async iterable of chunks (a Node `Readable`, a web stream reader…)
 * into `sink`; the fastest way through a large file.
 *
 * @example
 * ```ts
 * const stats = await parsePa2StreamInto(createReadStream(path), (r) => builder.add(r));
 * ```
 */
export async function parsePa2StreamInto(
  source: AsyncIterable<string | Uint8Array>,
  sink: (record: Pa2Record) => void,
): Promise<Pa2ParseStats> {
  const p = new Pa2LineParser(sink);
  for await (const chunk of source) p.push(chunk);
  return p.end();
}

/**
 * Stream records one by one from an async iterable of chunks.
 *
 * @example
 * ```ts
 * for await (const r of parsePa2Stream(createReadStream(path))) if (r.type === '81') n++;
 * ```
 */
export async function* parsePa2Stream(
  source: AsyncIterable<string | Uint8Array>,
): AsyncGenerator<Pa2Record, Pa2ParseStats> {
  let batch: Pa2Record[] = [];
  const p = new Pa2LineParser((r) => batch.push(r));
  for await (const chunk of source) {
    p.push(chunk);
    const ready = batch;
    batch = [];
    yield* ready;
  }
  const stats = p.end();
  yield* batch;
  return stats;
}
