/**
 * Lines of a KIS master file (종목코드 마스터): CP949 bytes decoded as they stream in, split on
 * newlines (CRLF or LF), numbered from 1. Nothing is buffered beyond the current line.
 */
import iconv from 'iconv-lite';

/** One decoded line and its 1-based number. */
export interface KisMasterLine {
  line: number;
  text: string;
}

/**
 * Decode CP949 chunks (a file stream, a fetch body, one Buffer) into numbered lines. Blank
 * lines are skipped but still counted, so numbers match the file.
 *
 * @example
 * ```ts
 * for await (const l of kisMasterLines(createReadStream('fo_stk_code_mts.mst'))) console.log(l.line, l.text);
 * ```
 */
export async function* kisMasterLines(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<KisMasterLine> {
  const decoder = iconv.getDecoder('cp949');
  let pending = '';
  let line = 0;
  const emit = function* (text: string): Generator<KisMasterLine> {
    pending += text;
    let nl = pending.indexOf('\n');
    while (nl >= 0) {
      line++;
      const t = pending.slice(0, nl).replace(/\r$/, '');
      pending = pending.slice(nl + 1);
      if (t.trim() !== '') yield { line, text: t };
      nl = pending.indexOf('\n');
    }
  };
  for await (const chunk of chunks as AsyncIterable<Uint8Array>) {
    yield* emit(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  }
  yield* emit(decoder.end() ?? '');
  if (pending.replace(/\r$/, '').trim() !== '') {
    yield { line: line + 1, text: pending.replace(/\r$/, '') };
  }
}

/**
 * Decode a whole CP949 buffer to text (small files, tests).
 *
 * @example
 * ```ts
 * decodeCp949(readFileSync('ffcode.mst')).split('\n').length;
 * ```
 */
export function decodeCp949(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp949');
}

/**
 * Encode text to CP949 (to write master files in KIS's encoding, e.g. fixtures).
 *
 * @example
 * ```ts
 * encodeCp949('삼성전자').length; // 8
 * ```
 */
export function encodeCp949(text: string): Buffer {
  return iconv.encode(text, 'cp949');
}
