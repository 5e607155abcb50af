/**
 * The request headers of a Node request as the Fetch `Headers` a handler reads, built from the
 * raw header list on first use: names lowercased, repeated headers joined with `", "` in arrival
 * order (`set-cookie` kept apart), iterated in sorted name order — what `new Headers(pairs)`
 * gives, without building one per request (the adapter's `Headers` costs a tenth of a served
 * page's CPU). HTTP/2 pseudo-headers (`:path`) are left out, as the adapter leaves them out.
 *
 * @example
 * ```ts
 * const h = new IncomingHeaders(incoming);
 * h.get('Content-Type'); // 'application/json; charset=utf-8'
 * ```
 */
export class IncomingHeaders implements Headers {
  private map: Map<string, string> | undefined;
  private cookies: string[] = [];

  constructor(private readonly incoming: { readonly rawHeaders: readonly string[] }) {}

  private all(): Map<string, string> {
    if (this.map !== undefined) return this.map;
    const map = new Map<string, string>();
    const raw = this.incoming.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      if (name.charCodeAt(0) === 58) continue; // ':'
      this.add(map, name.toLowerCase(), raw[i + 1]!);
    }
    this.map = map;
    return map;
  }

  private add(map: Map<string, string>, name: string, value: string): void {
    if (name === 'set-cookie') this.cookies.push(value);
    const had = map.get(name);
    map.set(name, had === undefined ? value : `${had}, ${value}`);
  }

  get(name: string): string | null {
    return this.all().get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.all().has(name.toLowerCase());
  }

  getSetCookie(): string[] {
    this.all();
    return [...this.cookies];
  }

  set(name: string, value: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') this.cookies = [value];
    this.all().set(key, value);
  }

  append(name: string, value: string): void {
    this.add(this.all(), name.toLowerCase(), value);
  }

  delete(name: string): void {
    const key = name.toLowerCase();
    if (key === 'set-cookie') this.cookies = [];
    this.all().delete(key);
  }

  forEach(fn: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  *entries(): IterableIterator<[string, string]> {
    const map = this.all();
    for (const k of [...map.keys()].sort()) {
      if (k === 'set-cookie') for (const c of this.cookies) yield [k, c];
      else yield [k, map.get(k)!];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
