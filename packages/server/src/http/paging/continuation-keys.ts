import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a pair of continuation keys is bound to. */
export interface PageScope {
  appKey: string;
  cano: string;
  acntPrdtCd: string;
  /** The other query values in spec order (`MGNA_DVSN`, `EXCC_STAT_CD`). */
  query: readonly string[];
}

/** An opened `ctx_area_nk200`. */
export interface NextKey {
  offset: number;
  /** Digest of the account version page 1 was computed at. */
  versionDigest: string;
}

const PREFIX = 'K1';

/**
 * `ctx_area_fk200` before padding: the search condition, as in KIS's example `80012345^03^01^1^`.
 *
 * @example
 * ```ts
 * searchConditionKey({ appKey, cano: '80012345', acntPrdtCd: '03', query: ['01', '1'] });
 * // '80012345^03^01^1^'
 * ```
 */
export function searchConditionKey(scope: PageScope): string {
  return `${[scope.cano, scope.acntPrdtCd, ...scope.query].join('^')}^`;
}

/** A short digest of an account version (versions may be long; the key has 200 characters). */
export function versionDigest(version: string): string {
  return createHash('sha256').update(version).digest('base64url').slice(0, 16);
}

function mac(secret: Buffer, scope: PageScope, offset: number, digest: string): Buffer {
  const text = [scope.appKey, scope.cano, scope.acntPrdtCd, ...scope.query, offset, digest].join(
    '\0',
  );
  return createHmac('sha256', secret).update(text).digest();
}

/**
 * `ctx_area_nk200` before padding: the next row offset and the version, sealed with an HMAC over the
 * app, account and query so it cannot be replayed elsewhere or edited.
 *
 * @example
 * ```ts
 * const nk = sealNextKey(secret, scope, 20, result.version); // 'K1.20.<digest>.<mac>'
 * ```
 */
export function sealNextKey(
  secret: Buffer,
  scope: PageScope,
  offset: number,
  version: string,
): string {
  const digest = versionDigest(version);
  return [PREFIX, offset, digest, mac(secret, scope, offset, digest).toString('base64url')].join(
    '.',
  );
}

/**
 * Open a `ctx_area_nk200` sent back (padding trimmed): `undefined` when malformed, edited, or sealed
 * for another app, account or query.
 */
export function openNextKey(secret: Buffer, scope: PageScope, key: string): NextKey | undefined {
  const parts = key.trim().split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX || !/^\d{1,9}$/.test(parts[1]!)) return undefined;
  const offset = Number(parts[1]);
  const digest = parts[2]!;
  const given = Buffer.from(parts[3]!, 'base64url');
  const expected = mac(secret, scope, offset, digest);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { offset, versionDigest: digest };
}
