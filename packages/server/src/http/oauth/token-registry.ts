import { createHmac, randomBytes } from 'node:crypto';
import type { KisEnv } from '@kisfo/protocol';
import type { AppRecord } from '../../contracts.js';
import { type EpochClock, systemEpochClock } from '../epoch-clock.js';
import { type AccessTokenClaims, signJwt, verifyJwt } from './jwt.js';
import { type IssuedRecord, MemoryTokenState, type TokenState } from './token-state.js';

/** Lifetime of an access token: 24 h, as KIS. */
export const TOKEN_TTL_SECONDS = 86_400;
/** Asking again within this window returns the same token. */
export const TOKEN_REUSE_MS = 6 * 60 * 60 * 1000;
/** At most one new issuance per app key in this window. */
export const TOKEN_THROTTLE_MS = 60 * 1000;

/** A token handed out by {@link TokenRegistry.issue}. */
export interface IssuedToken {
  accessToken: string;
  /** Epoch ms. */
  issuedAt: number;
  /** Epoch ms. */
  expiresAt: number;
  /** `true` when an earlier token was handed out again (asked within 6 h). */
  reused: boolean;
}

/** Result of checking a bearer token. */
export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; msgCd: 'EGW00121' | 'EGW00123' };

/** Options of {@link TokenRegistry}. */
export interface TokenRegistryOptions {
  clock?: EpochClock;
  /** Signing secret (≥ 32 bytes); random per process when not given, so restarts void tokens. */
  secret?: Buffer | string;
  /** Where current tokens and revocations live (default: this process's memory). */
  state?: TokenState;
}

const MEMO_SIZE = 4096;

/** Insert into a bounded memo, dropping the oldest entry when full. */
function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_SIZE) {
    const oldest = memo.keys().next().value;
    if (oldest !== undefined) memo.delete(oldest);
  }
  memo.set(key, value);
}

/**
 * Issues, verifies and revokes access tokens (HS512 JWTs). One registry is shared by the real and
 * the paper listener; each token is bound to its app key, app secret and environment.
 *
 * @example
 * ```ts
 * const tokens = new TokenRegistry({ clock: () => now });
 * const r = tokens.issue(app);
 * if (r.ok) tokens.verify(r.token.accessToken); // { ok: true, claims }
 * ```
 */
export class TokenRegistry {
  readonly #clock: EpochClock;
  readonly #secret: Buffer;
  readonly #state: TokenState;
  /**
   * Tokens whose signature was checked, so each call is not another HMAC-SHA512 (bounded). Only
   * the signature is remembered: expiry and revocation are checked on every call, and an entry is
   * dropped once its token expires or is revoked.
   */
  readonly #verified = new Map<string, AccessTokenClaims>();
  readonly #bindings = new Map<string, string>();

  constructor(options: TokenRegistryOptions = {}) {
    this.#clock = options.clock ?? systemEpochClock;
    const s = options.secret ?? randomBytes(64);
    this.#secret = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
    if (this.#secret.length < 32) throw new RangeError('token secret must be at least 32 bytes');
    this.#state = options.state ?? new MemoryTokenState();
  }

  /** The clock the registry runs on. */
  get clock(): EpochClock {
    return this.#clock;
  }

  /** A key for another purpose (paging keys), derived so the signing secret is never reused. */
  deriveKey(label: string): Buffer {
    return createHmac('sha256', this.#secret).update(`kisfo:${label}`).digest();
  }

  /** The binding claim for an app key, app secret and env. */
  bindingOf(appKey: string, appSecret: string, env: KisEnv): string {
    const key = `${env}\0${appKey}\0${appSecret}`;
    let binding = this.#bindings.get(key);
    if (binding === undefined) {
      binding = createHmac('sha256', this.#secret).update(key).digest('base64url').slice(0, 32);
      remember(this.#bindings, key, binding);
    }
    return binding;
  }

  /**
   * A token for the app: the current one when issued less than 6 h ago, else a new one unless a
   * token was issued for this app key in the last minute (`EGW00133`).
   */
  issue(app: AppRecord): { ok: true; token: IssuedToken } | { ok: false; msgCd: 'EGW00133' } {
    const now = this.#clock();
    const key = `${app.env}\0${app.appKey}`;
    const binding = this.bindingOf(app.appKey, app.appSecret, app.env);
    // The same token is signed again from its record: claims and secret determine it.
    const tokenOf = (r: IssuedRecord): string =>
      signJwt(
        {
          sub: 'token',
          iss: 'kisfo',
          aud: app.env,
          app: r.binding,
          jti: r.jti,
          iat: r.issuedAt / 1000,
          exp: r.expiresAt / 1000,
        },
        this.#secret,
      );
    type Result = { ok: true; token: IssuedToken } | { ok: false; msgCd: 'EGW00133' };
    return this.#state.issue<Result>(key, now, (cur, last) => {
      if (
        cur !== undefined &&
        cur.binding === binding &&
        now - cur.issuedAt < TOKEN_REUSE_MS &&
        now < cur.expiresAt &&
        !this.#state.isRevoked(cur.jti)
      ) {
        const { issuedAt, expiresAt } = cur;
        return {
          result: {
            ok: true,
            token: { accessToken: tokenOf(cur), issuedAt, expiresAt, reused: true },
          },
        };
      }
      if (last !== undefined && now - last < TOKEN_THROTTLE_MS)
        return { result: { ok: false, msgCd: 'EGW00133' } };
      const iat = Math.floor(now / 1000);
      const record: IssuedRecord = {
        jti: randomBytes(16).toString('base64url'),
        binding,
        issuedAt: iat * 1000,
        expiresAt: (iat + TOKEN_TTL_SECONDS) * 1000,
      };
      return {
        record,
        result: {
          ok: true,
          token: {
            accessToken: tokenOf(record),
            issuedAt: record.issuedAt,
            expiresAt: record.expiresAt,
            reused: false,
          },
        },
      };
    });
  }

  /** Check signature, expiry (`EGW00123`) and revocation; anything wrong is `EGW00121`. */
  verify(token: string): TokenCheck {
    let claims = this.#verified.get(token);
    if (claims === undefined) {
      claims = verifyJwt(token, this.#secret);
      if (claims !== undefined) remember(this.#verified, token, claims);
    }
    if (claims === undefined) return { ok: false, msgCd: 'EGW00121' };
    if (this.#state.isRevoked(claims.jti)) {
      this.#verified.delete(token);
      return { ok: false, msgCd: 'EGW00121' };
    }
    if (this.#clock() >= claims.exp * 1000) {
      this.#verified.delete(token);
      return { ok: false, msgCd: 'EGW00123' };
    }
    return { ok: true, claims };
  }

  /** The claims of a token signed here (expired or revoked included); `undefined` otherwise. */
  inspect(token: string): AccessTokenClaims | undefined {
    return verifyJwt(token, this.#secret);
  }

  /** Revoke a token signed here; `undefined` for anything else. Revoking twice is harmless. */
  revoke(token: string): AccessTokenClaims | undefined {
    const claims = verifyJwt(token, this.#secret);
    if (claims === undefined) return undefined;
    this.#state.revoke(claims.jti, claims.exp * 1000, this.#clock());
    this.#verified.delete(token);
    return claims;
  }
}
