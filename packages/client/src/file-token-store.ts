// The only module with node: imports. It is loaded with a dynamic import() when the default
// store is needed, so bundles for browsers and edge runtimes never pull it in.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isStoredToken, type StoredToken, type TokenStore } from './token-store.js';

/** The default directory: `$KISFO_TOKEN_DIR`, else `$XDG_CACHE_HOME/kisfo/tokens`, else `~/.cache/kisfo/tokens`. */
export function defaultTokenDir(): string {
  const fromEnv = process.env.KISFO_TOKEN_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const cache = process.env.XDG_CACHE_HOME;
  return join(
    cache !== undefined && cache !== '' ? cache : join(homedir(), '.cache'),
    'kisfo',
    'tokens',
  );
}

/**
 * Tokens in per-user JSON files (`<dir>/<key>.json`, mode 0600 in a 0700 directory), written
 * atomically (temp file + rename) so a crash or a concurrent writer never leaves half a file. A
 * corrupt or unreadable file counts as no token.
 *
 * @example
 * ```ts
 * new KisClient({ ...options, tokenStore: new FileTokenStore({ dir: '/var/lib/bot/tokens' }) });
 * ```
 */
export class FileTokenStore implements TokenStore {
  readonly dir: string;

  constructor(options: { dir?: string } = {}) {
    this.dir = options.dir ?? defaultTokenDir();
  }

  private path(key: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(key))
      throw new RangeError('token store key has unsafe characters');
    return join(this.dir, `${key}.json`);
  }

  async get(key: string): Promise<StoredToken | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      return isStoredToken(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, token: StoredToken): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const target = this.path(key);
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(token), { mode: 0o600 });
      // writeFile's mode is subject to the umask; make sure no one else can read a token.
      await chmod(temp, 0o600);
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
