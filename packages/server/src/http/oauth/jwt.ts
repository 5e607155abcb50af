import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims of a kisfo access token. */
export interface AccessTokenClaims {
  /** Always `token`, as in KIS's tokens. */
  sub: 'token';
  iss: 'kisfo';
  /** The environment the token was issued for. */
  aud: 'real' | 'paper';
  /** Binding to the app: an HMAC of the app key, app secret and env (the key itself is not shown). */
  app: string;
  jti: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

// KIS's own header, byte for byte: `{"typ":"JWT","alg":"HS512"}`, so a token starts as KIS's do
// (`eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.`).
const HEADER = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS512' })).toString('base64url');
// The header of tokens issued before (same claims, same algorithm): still verified, so a token
// kept with a fixed `tokenSecret` or in a shared PostgreSQL store lives out its 24 h.
const EARLIER_HEADER = Buffer.from(JSON.stringify({ alg: 'HS512', typ: 'JWT' })).toString(
  'base64url',
);

/**
 * Sign claims as a compact JWT (HS512).
 *
 * @example
 * ```ts
 * const jwt = signJwt(claims, secret); // 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.…'
 * ```
 */
export function signJwt(claims: AccessTokenClaims, secret: Buffer): string {
  const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const sig = createHmac('sha512', secret).update(body).digest('base64url');
  return `${body}.${sig}`;
}

function isClaims(v: unknown): v is AccessTokenClaims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    c.sub === 'token' &&
    c.iss === 'kisfo' &&
    (c.aud === 'real' || c.aud === 'paper') &&
    typeof c.app === 'string' &&
    typeof c.jti === 'string' &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number'
  );
}

/**
 * Verify a compact JWT's HS512 signature (constant time, on its canonical base64url text only) and
 * return its claims, or `undefined` for anything malformed, malleated, signed with another secret
 * or another algorithm. Expiry is the caller's.
 *
 * @example
 * ```ts
 * verifyJwt(jwt, secret)?.exp;
 * ```
 */
export function verifyJwt(token: string, secret: Buffer): AccessTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || (parts[0] !== HEADER && parts[0] !== EARLIER_HEADER)) return undefined;
  // The signature is compared as text in its one canonical encoding: decoding first would let
  // `==`, `!`, `+`/`/` or altered padding bits through as the same bytes.
  const expected = Buffer.from(
    createHmac('sha512', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url'),
  );
  const given = Buffer.from(parts[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    return isClaims(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}
