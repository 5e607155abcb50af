/** Characters the form encoding leaves as they are, and the space it writes as `+`. */
const PLAIN = /^[0-9A-Za-z*\-._ ]*$/;

/** One name or value, form-encoded exactly as `URLSearchParams` writes it. */
function formEncode(text: string): string {
  // Continuation keys are digits padded with spaces: no percent escapes to work out.
  if (PLAIN.test(text)) return text.includes(' ') ? text.replaceAll(' ', '+') : text;
  return new URLSearchParams([['', text]]).toString().slice(1);
}

/**
 * A query string byte for byte as `new URLSearchParams(params).toString()` writes it, without
 * building the object: an inquiry's parameters are plain digits, codes and space-padded keys.
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
