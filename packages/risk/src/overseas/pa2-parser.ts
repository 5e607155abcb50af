/**
 * Streaming reader of pa2 files: chunks in (strings or bytes, split anywhere), records out.
 * Only the unfinished last line is buffered, so memory does not grow with the file.
 */
import { parsePa2ArrayLine, parsePa2ArrayText } from './pa2-bytes.js';
import { isPa2ArrayLine, type Pa2Record, parsePa2LineReference } from './pa2-records.js';

/** Counts of what a parse saw. */
export interface Pa2ParseStats {
  lines: number;
  records: number;
  /** Lines of record types kisfo does not read (skipped, not an error). */
  skipped: number;
}

/**
 * Bytes → text exactly as a whole-chunk decode gives them: 'latin1' labels windows-1252, one byte
 * one character, no state between calls. Always `stream: true`: Node 20's one-shot decode of this
 * label takes an ISO-8859-1 shortcut (0x80 → U+0080, not '€'); the streaming decode does not.
 */
const latin1 = new TextDecoder('latin1');
const decodeLine = (b: Uint8Array): string => latin1.decode(b, { stream: true });

/** First bytes of the record types {@link parsePa2LineReference} reads besides "81"/"82". */
const OTHER_TYPES = new Uint8Array(128);
for (const c of '012346BPTC') OTHER_TYPES[c.charCodeAt(0)] = 1;

/**
 * Push-based line splitter + record parser. Feed chunks with {@link push}, then {@link end}.
 * Byte chunks are split on the bytes and their risk-array lines read without decoding.
 *
 * @example
 * ```ts
 * const p = new Pa2LineParser((r) => records.push(r));
 * p.push('T USD$EURE00009'); p.push('20000\n'); p.end();
 * ```
 */
export class Pa2LineParser {
  /** Unfinished last line of a string chunk (string chunks, or bytes after one). */
  private rest = '';
  /** Unfinished last line of a byte chunk: `carry[0..carryLen)`. */
  private carry = new Uint8Array(256);
  private carryLen = 0;
  private readonly decoder = new TextDecoder('latin1');
  readonly stats: Pa2ParseStats = { lines: 0, records: 0, skipped: 0 };

  constructor(private readonly sink: (record: Pa2Record) => void) {}

  /** Feed the next chunk. */
  push(chunk: string | Uint8Array): void {
    if (typeof chunk !== 'string' && this.rest === '') {
      this.pushBytes(chunk);
      return;
    }
    if (this.carryLen > 0) {
      this.rest = decodeLine(this.carry.subarray(0, this.carryLen));
      this.carryLen = 0;
    }
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
    if (this.carryLen > 0) {
      const len = this.carryLen;
      this.carryLen = 0;
      this.byteLine(this.carry, 0, len);
    }
    if (this.rest !== '') {
      const r = this.rest;
      this.rest = '';
      this.line(r, 0, r.length);
    }
    return this.stats;
  }

  private pushBytes(b: Uint8Array): void {
    let start = 0;
    if (this.carryLen > 0) {
      const nl = b.indexOf(10);
      if (nl < 0) {
        this.keep(b, 0, b.length);
        return;
      }
      this.keep(b, 0, nl);
      const len = this.carryLen;
      this.carryLen = 0;
      this.byteLine(this.carry, 0, len);
      start = nl + 1;
    }
    let nl = b.indexOf(10, start);
    while (nl >= 0) {
      this.byteLine(b, start, nl);
      start = nl + 1;
      nl = b.indexOf(10, start);
    }
    if (start < b.length) this.keep(b, start, b.length);
  }

  /** Append `b[s..e)` to the unfinished line. */
  private keep(b: Uint8Array, s: number, e: number): void {
    const need = this.carryLen + (e - s);
    if (need > this.carry.length) {
      const grown = new Uint8Array(Math.max(need, this.carry.length * 2));
      grown.set(this.carry.subarray(0, this.carryLen));
      this.carry = grown;
    }
    this.carry.set(b.subarray(s, e), this.carryLen);
    this.carryLen = need;
  }

  private byteLine(b: Uint8Array, start: number, end: number): void {
    const n = ++this.stats.lines;
    if (end > start && b[end - 1] === 13) end--;
    if (end === start) return;
    const c0 = b[start];
    const c1 = end - start > 1 ? b[start + 1] : 32;
    let rec: Pa2Record | undefined;
    if (c0 === 56 && (c1 === 49 || c1 === 50)) {
      rec = parsePa2ArrayLine(b, start, end) ?? parsePa2LineReference(this.text(b, start, end), n);
    } else if (c1 === 32 && c0 < 128 && OTHER_TYPES[c0] === 1) {
      rec = parsePa2LineReference(this.text(b, start, end), n);
    }
    if (rec === undefined) this.stats.skipped++;
    else {
      this.stats.records++;
      this.sink(rec);
    }
  }

  private text(b: Uint8Array, start: number, end: number): string {
    return decodeLine(b.subarray(start, end));
  }

  private line(buf: string, start: number, end: number): void {
    const n = ++this.stats.lines;
    if (end > start && buf.charCodeAt(end - 1) === 13) end--;
    if (end === start) return;
    const rec =
      (isPa2ArrayLine(buf, start, end) ? parsePa2ArrayText(buf, start, end) : null) ??
      parsePa2LineReference(buf.slice(start, end), n);
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
