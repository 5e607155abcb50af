/** What `encodeURIComponent` leaves as it is but the form encoding escapes. */
const URI_ONLY = /[!'()~]/g;

/**
 * One name or value, form-encoded exactly as `URLSearchParams` writes it: UTF-8 percent escapes
 * with upper-case hex, `*-._` and letters and digits as they are, a space as `+`. That is
 * `encodeURIComponent` with its spaces turned to `+` and `!'()~` escaped too.
 */
function formEncode(text: string): string {
  // Continuation keys are padded to 200 characters with spaces: each is one `+`, and only the
  // rest needs the encoder.
  const head = text.trimEnd();
  const pad = text.length - head.length;
  if (pad === 0) return encodeText(text);
  // trimEnd takes any white space; only spaces become `+`.
  if (text.endsWith(' '.repeat(pad))) return encodeText(head) + '+'.repeat(pad);
  return encodeText(text);
}

/** Short names and values seen before (the same few on every page), by their text. */
const encodedShort = new Map<string, string>();

function encodeText(text: string): string {
  if (text === '') return '';
  const short = text.length <= 32;
  if (short) {
    const known = encodedShort.get(text);
    if (known !== undefined) return known;
  }
  let out: string;
  try {
    out = encodeURIComponent(text);
  } catch {
    // A lone surrogate: URLSearchParams writes it as U+FFFD, encodeURIComponent refuses it.
    return new URLSearchParams([['', text]]).toString().slice(1);
  }
  if (out.includes('%20')) out = out.split('%20').join('+');
  URI_ONLY.lastIndex = 0;
  if (URI_ONLY.test(out)) {
    out = out.replace(URI_ONLY, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }
  if (short) {
    if (encodedShort.size >= 512) encodedShort.clear();
    encodedShort.set(text, out);
  }
  return out;
}

/**
 * A query string byte for byte as `new URLSearchParams(params).toString()` writes it, without
 * building the object (one per page otherwise).
 *
 * @example
 * ```ts
 * formQuery({ CANO: '80012345', CTX_AREA_NK200: '1   ' }); // 'CANO=80012345&CTX_AREA_NK200=1+++'
 * ```
 */
export function formQuery(params: Readonly<Record<string, string>>): string {
  let query = '';
  for (const name in params) {
    if (!Object.hasOwn(params, name)) continue;
    if (query !== '') query += '&';
    query += `${formEncode(name)}=${formEncode(params[name]!)}`;
  }
  return query;
}
