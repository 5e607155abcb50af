/** An access token as the client keeps it. */
export interface StoredToken {
  accessToken: string;
  /** Expiry, epoch milliseconds (from `access_token_token_expired`, Korea time). */
  expiresAt: number;
  /** When this process (or an earlier one) received it, epoch milliseconds. */
  issuedAt: number;
  /** The environment and host it belongs to: a token is only reused on the same host. */
  env: 'real' | 'paper';
  baseURL: string;
  /**
   * First 16 hex digits of SHA-256 of the app secret it was issued with: a token is not reused
   * once the secret changes (or by a caller who has only the app key).
   */
  secretHash?: string;
}

/**
 * Where tokens persist between runs. KIS allows one issuance a minute and tokens last a day, so a
 * program that restarts should reuse its token. Keys look like `real-3f2a…` (env plus a SHA-256
 * prefix of the app key); implement this for Redis, a database, a secrets manager…
 *
 * @example
 * ```ts
 * const store: TokenStore = {
 *   get: async (key) => cache.get(key),
 *   set: async (key, token) => { cache.set(key, token); },
 *   delete: async (key) => { cache.delete(key); },
 * };
 * ```
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined>;
  set(key: string, token: StoredToken): Promise<void>;
  delete(key: string): Promise<void>;
}

/**
 * Tokens in memory only (browsers, edge runtimes, tests).
 *
 * @example
 * ```ts
 * new KisClient({ env: 'paper', appKey, appSecret, tokenStore: new MemoryTokenStore() });
 * ```
 */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, StoredToken>();
  async get(key: string): Promise<StoredToken | undefined> {
    const t = this.tokens.get(key);
    return t === undefined ? undefined : { ...t };
  }
  async set(key: string, token: StoredToken): Promise<void> {
    this.tokens.set(key, { ...token });
  }
  async delete(key: string): Promise<void> {
    this.tokens.delete(key);
  }
}

/** True when a parsed value has the shape of a {@link StoredToken}. */
export function isStoredToken(value: unknown): value is StoredToken {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    v.accessToken !== '' &&
    typeof v.expiresAt === 'number' &&
    Number.isFinite(v.expiresAt) &&
    typeof v.issuedAt === 'number' &&
    (v.env === 'real' || v.env === 'paper') &&
    typeof v.baseURL === 'string'
  );
}

/**
 * The store key of an app key: `<env>-<first 16 hex digits of sha256(appKey)>`. The app key
 * itself never appears in a file name.
 */
export async function tokenStoreKey(env: string, appKey: string): Promise<string> {
  return `${env}-${await sha256Prefix(appKey)}`;
}

/** First 16 hex digits of SHA-256 of `text` (WebCrypto: no `node:` import). */
export async function sha256Prefix(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  return hex.slice(0, 16);
}

/**
 * The per-user file store (`~/.cache/kisfo/tokens`, or `dir`, or `$KISFO_TOKEN_DIR`), loaded on
 * first use with a dynamic `import()`: runtimes without a file system never load `node:fs`.
 *
 * @example
 * ```ts
 * new KisClient({ ...options, tokenStore: fileTokenStore({ dir: '/tmp/kis-tokens' }) });
 * ```
 */
export function fileTokenStore(options: { dir?: string } = {}): TokenStore {
  let loaded: Promise<TokenStore> | undefined;
  const load = () => {
    loaded ??= import('./file-token-store.js').then((m) => new m.FileTokenStore(options));
    return loaded;
  };
  return {
    get: async (key) => (await load()).get(key),
    set: async (key, token) => (await load()).set(key, token),
    delete: async (key) => (await load()).delete(key),
  };
}

/** True where a file system is reachable (Node, Bun, Deno with Node compatibility). */
export function hasFileSystem(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}
