/**
 * Byte length of text as KIS counts it: CP949 (EUC-KR superset), where ASCII is one byte and
 * every other character KIS sends (Hangul, Hanja, full-width symbols) is two.
 *
 * @example
 * ```ts
 * cp949ByteLength('조회가 완료되었습니다'); // 21
 * ```
 */
export function cp949ByteLength(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}

/**
 * Right-pad `text` with spaces to `bytes` CP949 bytes (KIS's `msg1` is 80). Text that is already
 * longer is cut at a character boundary so the result never exceeds `bytes`.
 *
 * @example
 * ```ts
 * padCp949('조회가 완료되었습니다', 80).length; // 21 characters + 59 spaces = 80 characters
 * ```
 */
export function padCp949(text: string, bytes: number): string {
  let out = '';
  let n = 0;
  for (const ch of text) {
    const w = ch.codePointAt(0)! < 0x80 ? 1 : 2;
    if (n + w > bytes) break;
    out += ch;
    n += w;
  }
  return out + ' '.repeat(bytes - n);
}
