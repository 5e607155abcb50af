// The pager's early look at a page: its continuation keys read from the body's text, before the
// page is parsed, so the next page's request can go out first.

/**
 * Top-level-looking string fields cut out of JSON text: each `"name":"value"` found exactly once,
 * with no escape in its value; `undefined` when any is not (the caller then waits for the parse).
 * One scan of the text for all of them: they are found through the longest prefix their tags
 * share (`"ctx_area_`), and every occurrence of that prefix is looked at.
 *
 * @example
 * ```ts
 * plainStringFields('{"a":"1","b":"x "}', ['a', 'b']); // ['1', 'x ']
 * plainStringFields('{"a":"1","o":{"a":"2"},"b":""}', ['a', 'b']); // undefined: "a" twice
 * ```
 */
export function plainStringFields(text: string, names: readonly string[]): string[] | undefined {
  const tags = names.map((n) => `"${n}":"`);
  const prefix = commonPrefix(tags);
  const at: number[] = tags.map(() => -1);
  for (let i = text.indexOf(prefix); i >= 0; i = text.indexOf(prefix, i + 1)) {
    for (let k = 0; k < tags.length; k++) {
      if (!text.startsWith(tags[k]!, i)) continue;
      if (at[k] !== -1) return undefined; // twice: only the parse can tell which one counts
      at[k] = i;
    }
  }
  const values: string[] = [];
  for (let k = 0; k < tags.length; k++) {
    if (at[k] === -1) return undefined;
    const from = at[k]! + tags[k]!.length;
    const end = text.indexOf('"', from);
    if (end < 0) return undefined;
    const value = text.slice(from, end);
    if (value.includes('\\')) return undefined;
    values.push(value);
  }
  return values;
}

function commonPrefix(tags: readonly string[]): string {
  let prefix = tags[0] ?? '';
  for (const t of tags) while (!t.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
