import { koreaDateTime, parseKoreaDateTime, tokenIssue, tokenRevoke } from '@kisfo/protocol';
import { KisDecodeError, KisTokenIssueThrottledError, TOKEN_ISSUE_INTERVAL_MS } from './errors.js';
import { registerSecret } from './redact.js';
import type { StoredToken, TokenStore } from './token-store.js';
import { sha256Prefix, tokenStoreKey } from './token-store.js';
import { abortError, type HttpRequest, type RawResponse, Transport } from './transport.js';

/** What the token manager needs. */
export interface TokenManagerOptions {
  env: 'real' | 'paper';
  appKey: string;
  appSecret: string;
  baseURL: string;
  store: TokenStore;
  transport: Transport;
  /** Refresh this long before the server-given expiry (default 10 minutes). */
  refreshMarginMs: number;
  /** On `EGW00133`: wait the rest of the minute and ask again (`true`), or throw (`false`). */
  waitOnThrottle: boolean;
}

/**
 * Epoch milliseconds as KIS writes times: Korea time (UTC+9) without a zone.
 *
 * @example
 * ```ts
 * formatKstDateTime(Date.UTC(2023, 11, 21, 23, 16, 59)); // '2023-12-22 08:16:59'
 * ```
 */
export function formatKstDateTime(epochMs: number): string {
  return koreaDateTime(epochMs);
}

/**
 * Parse KIS's `access_token_token_expired` ("2023-12-22 08:16:59", Korea time, no zone) to epoch
 * milliseconds; `undefined` when it is not in that form.
 *
 * @example
 * ```ts
 * parseKstDateTime('2023-12-22 08:16:59') === Date.UTC(2023, 11, 21, 23, 16, 59); // true
 * ```
 */
export function parseKstDateTime(text: string): number | undefined {
  return parseKoreaDateTime(text);
}

// Issuance in flight per app key, app secret and host, shared by every client of the process: a hundred
// concurrent calls (or clients) wait for one issuance instead of tripping the one-a-minute rule.
const inflight = new Map<string, Promise<StoredToken>>();
// When each app key last received a fresh token, to say how long EGW00133 lasts.
const lastIssued = new Map<string, number>();

/**
 * Issues, caches, persists, shares and refreshes access tokens for one app key.
 */
export class TokenManager {
  // ES-private: the options hold the app secret and `#current` the token; nothing that
  // inspects or serialises this object may reach them.
  readonly #o: TokenManagerOptions;
  #current: StoredToken | undefined;
  private keyPromise: Promise<string> | undefined;

  constructor(o: TokenManagerOptions) {
    this.#o = o;
  }

  private secretHash: string | undefined;

  private storeKey(): Promise<string> {
    this.keyPromise ??= Promise.all([
      tokenStoreKey(this.#o.env, this.#o.appKey),
      sha256Prefix(this.#o.appSecret),
    ]).then(([key, secretHash]) => {
      this.secretHash = secretHash;
      return key;
    });
    return this.keyPromise;
  }

  private usable(t: StoredToken | undefined): boolean {
    const now = this.#o.transport.options.clock.now();
    return (
      t !== undefined &&
      t.env === this.#o.env &&
      t.baseURL === this.#o.baseURL &&
      // A token issued with another secret is not this client's to use.
      t.secretHash === this.secretHash &&
      t.expiresAt - this.#o.refreshMarginMs > now
    );
  }

  /**
   * The token in memory when it is still usable (the same test as {@link get}), else `undefined`:
   * lets the per-request path skip an async hop when nothing has to be loaded or issued.
   */
  cached(): string | undefined {
    return this.#current !== undefined && this.usable(this.#current)
      ? this.#current.accessToken
      : undefined;
  }

  /** A valid access token: memory, then the store, then one shared issuance. */
  async get(signal?: AbortSignal): Promise<string> {
    if (this.#current !== undefined && this.usable(this.#current)) return this.#current.accessToken;
    const key = await this.storeKey();
    // Shared only by clients of the same app key, secret and host: a client with a wrong (or
    // rotated) secret must neither receive a token issued with the right one nor fail the others.
    const flightKey = `${key}|${this.secretHash}|${this.#o.baseURL}`;
    let flight = inflight.get(flightKey);
    if (flight === undefined) {
      // The shared issuance takes no caller's signal: one caller giving up must not fail the
      // others waiting on it. Each caller races its own signal instead.
      flight = this.loadOrIssue(key, undefined).finally(() => inflight.delete(flightKey));
      inflight.set(flightKey, flight);
    }
    this.#current = await raceAbort(flight, signal);
    registerSecret(this.#current.accessToken);
    return this.#current.accessToken;
  }

  /** The current token's record (issued or loaded when needed), for describing it. */
  async info(signal?: AbortSignal): Promise<StoredToken> {
    await this.get(signal);
    return { ...this.#current! };
  }

  /** Forget a token the server refused (`EGW00121`/`EGW00123`) so the next `get` issues anew. */
  async invalidate(token: string): Promise<void> {
    if (this.#current?.accessToken === token) this.#current = undefined;
    const key = await this.storeKey();
    const stored = await this.#o.store.get(key).catch(() => undefined);
    if (stored?.accessToken === token) await this.#o.store.delete(key).catch(() => undefined);
  }

  /** Revoke the current token at KIS (`/oauth2/revokeP`) and forget it. No-op without a token. */
  async revoke(signal?: AbortSignal): Promise<boolean> {
    const key = await this.storeKey();
    const token = this.#current ?? (await this.#o.store.get(key).catch(() => undefined));
    if (token === undefined) return false;
    const t = this.#o.transport;
    const body = { appkey: this.#o.appKey, appsecret: this.#o.appSecret, token: token.accessToken };
    await t.retrying('revoke', signal, async () => {
      const res = await t.send(tokenRevoke.path, jsonPost(body), signal);
      const json = tokenEndpointJson(res);
      const failure = Transport.failure(res, json);
      if (failure !== undefined) throw failure;
    });
    this.#current = undefined;
    await this.#o.store.delete(key).catch(() => undefined);
    return true;
  }

  private async loadOrIssue(key: string, signal: AbortSignal | undefined): Promise<StoredToken> {
    // A broken store must not stop trading: treat a failing read as "no token".
    const stored = await this.#o.store.get(key).catch(() => undefined);
    if (stored !== undefined && this.usable(stored)) return stored;
    if (stored !== undefined)
      lastIssued.set(key, Math.max(lastIssued.get(key) ?? 0, stored.issuedAt));
    for (let throttled = 0; ; throttled++) {
      try {
        const token = await this.issue(key, signal);
        // Persisting is best effort: the token is valid whether or not the disk took it.
        await this.#o.store.set(key, token).catch(() => undefined);
        return token;
      } catch (e) {
        // Waiting is opt-in: a minute is long, and a caller may prefer to fail over instead.
        if (
          !(e instanceof KisTokenIssueThrottledError) ||
          !this.#o.waitOnThrottle ||
          throttled >= 2
        )
          throw e;
        await this.#o.transport.options.clock.sleep(e.retryAfterMs, signal);
      }
    }
  }

  private async issue(key: string, signal: AbortSignal | undefined): Promise<StoredToken> {
    const t = this.#o.transport;
    const { clock } = t.options;
    const body = {
      grant_type: 'client_credentials',
      appkey: this.#o.appKey,
      appsecret: this.#o.appSecret,
    };
    return t.retrying('token', signal, async () => {
      const res = await t.send(tokenIssue.path, jsonPost(body), signal);
      const json = tokenEndpointJson(res);
      const last = lastIssued.get(key);
      const retryAfter =
        last === undefined
          ? TOKEN_ISSUE_INTERVAL_MS
          : Math.max(1000, last + TOKEN_ISSUE_INTERVAL_MS - clock.now());
      const failure = Transport.failure(res, json, undefined, retryAfter);
      if (failure !== undefined) throw failure;
      const j = json as Record<string, unknown>;
      const now = clock.now();
      const accessToken = j.access_token;
      if (typeof accessToken !== 'string' || accessToken === '') {
        throw new KisDecodeError('token response without access_token', {
          status: res.status,
          bodyText: '(redacted)',
          issues: [
            { path: 'access_token', field: 'access_token', label: '접근토큰', problem: 'missing' },
          ],
        });
      }
      registerSecret(accessToken);
      const fromText =
        typeof j.access_token_token_expired === 'string'
          ? parseKstDateTime(j.access_token_token_expired)
          : undefined;
      const fromSeconds = typeof j.expires_in === 'number' ? now + j.expires_in * 1000 : undefined;
      const expiresAt = fromText ?? fromSeconds;
      if (expiresAt === undefined) {
        throw new KisDecodeError('token response without a readable expiry', {
          status: res.status,
          bodyText: '(redacted)',
          issues: [
            {
              path: 'access_token_token_expired',
              field: 'access_token_token_expired',
              label: '접근토큰 유효기간',
              problem: 'missing or not "YYYY-MM-DD HH:mm:ss"',
            },
          ],
        });
      }
      lastIssued.set(key, now);
      return {
        accessToken,
        expiresAt,
        issuedAt: now,
        env: this.#o.env,
        baseURL: this.#o.baseURL,
        ...(this.secretHash === undefined ? {} : { secretHash: this.secretHash }),
      };
    });
  }
}

/**
 * {@link Transport.json} for the OAuth endpoints, whose bodies carry the token: a body cut off
 * mid-token keeps its (still retryable) decode error, but neither the text nor the parser's
 * message (V8 quotes the text) goes with it — the token is not registered as a secret yet.
 */
function tokenEndpointJson(res: RawResponse): unknown {
  try {
    return Transport.json(res);
  } catch (e) {
    if (!(e instanceof KisDecodeError)) throw e;
    throw new KisDecodeError(`token endpoint: HTTP ${res.status} with a body that is not JSON`, {
      status: res.status,
      bodyText: '(redacted)',
    });
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function jsonPost(body: Record<string, string>): HttpRequest {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}
