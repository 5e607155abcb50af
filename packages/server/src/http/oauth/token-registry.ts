import { createHmac, randomBytes } from 'node:crypto';
import type { KisEnv } from '@kisfo/protocol';
import type { AppRecord } from '../../contracts.js';
import { type Clock, systemClock } from '../clock.js';
import { type AccessTokenClaims, signJwt, verifyJwt } from './jwt.js';

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
  clock?: Clock;
  /** Signing secret (≥ 32 bytes); random per process when not given, so restarts void tokens. */
  secret?: Buffer | string;
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

interface Current {
  token: string;
  jti: string;
  binding: string;
  issuedAt: number;
  expiresAt: number;
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
  readonly #clock: Clock;
  readonly #secret: Buffer;
  readonly #current = new Map<string, Current>();
  readonly #lastIssue = new Map<string, number>();
  /** jti → expiry (epoch ms), pruned once expired since an expired token fails anyway. */
  readonly #revoked = new Map<string, number>();
  /**
   * Tokens whose signature was checked, so each call is not another HMAC-SHA512 (bounded). Only
   * the signature is remembered: expiry and revocation are checked on every call, and an entry is
   * dropped once its token expires or is revoked.
   */
  readonly #verified = new Map<string, AccessTokenClaims>();
  readonly #bindings = new Map<string, string>();

  constructor(options: TokenRegistryOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    const s = options.secret ?? randomBytes(64);
    this.#secret = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
    if (this.#secret.length < 32) throw new RangeError('token secret must be at least 32 bytes');
  }

  /** The clock the registry runs on. */
  get clock(): Clock {
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
    const cur = this.#current.get(key);
    if (
      cur !== undefined &&
      cur.binding === binding &&
      now - cur.issuedAt < TOKEN_REUSE_MS &&
      now < cur.expiresAt &&
      !this.#revoked.has(cur.jti)
    ) {
      const { token, issuedAt, expiresAt } = cur;
      return { ok: true, token: { accessToken: token, issuedAt, expiresAt, reused: true } };
    }
    const last = this.#lastIssue.get(key);
    if (last !== undefined && now - last < TOKEN_THROTTLE_MS)
      return { ok: false, msgCd: 'EGW00133' };
    const iat = Math.floor(now / 1000);
    const claims: AccessTokenClaims = {
      sub: 'token',
      iss: 'kisfo',
      aud: app.env,
      app: binding,
      jti: randomBytes(16).toString('base64url'),
      iat,
      exp: iat + TOKEN_TTL_SECONDS,
    };
    const token = signJwt(claims, this.#secret);
    const issued = {
      token,
      jti: claims.jti,
      binding,
      issuedAt: iat * 1000,
      expiresAt: claims.exp * 1000,
    };
    this.#current.set(key, issued);
    this.#lastIssue.set(key, now);
    return {
      ok: true,
      token: {
        accessToken: token,
        issuedAt: issued.issuedAt,
        expiresAt: issued.expiresAt,
        reused: false,
      },
    };
  }

  /** Check signature, expiry (`EGW00123`) and revocation; anything wrong is `EGW00121`. */
  verify(token: string): TokenCheck {
    let claims = this.#verified.get(token);
    if (claims === undefined) {
      claims = verifyJwt(token, this.#secret);
      if (claims !== undefined) remember(this.#verified, token, claims);
    }
    if (claims === undefined) return { ok: false, msgCd: 'EGW00121' };
    if (this.#revoked.has(claims.jti)) {
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
    const now = this.#clock();
    for (const [jti, exp] of this.#revoked) if (exp <= now) this.#revoked.delete(jti);
    if (claims.exp * 1000 > now) this.#revoked.set(claims.jti, claims.exp * 1000);
    this.#verified.delete(token);
    for (const [key, cur] of this.#current) if (cur.jti === claims.jti) this.#current.delete(key);
    return claims;
  }
}
