import type { OAuthSpec, ParamSpec } from '../spec-types.js';

const appCredentials = [
  {
    name: 'appkey',
    ko: '앱키',
    en: 'App key issued on the KIS portal',
    required: true,
    maxLength: 36,
    secret: true,
  },
  {
    name: 'appsecret',
    ko: '앱시크릿키',
    en: 'App secret issued on the KIS portal',
    required: true,
    maxLength: 180,
    secret: true,
  },
] as const satisfies readonly ParamSpec[];

/**
 * 접근토큰발급(P): `POST /oauth2/tokenP`. JSON body in, JSON body out (no `rt_cd` envelope).
 * The token lasts 24 h; asking again within 6 h returns the same token; at most one new
 * issuance per minute (HTTP 403 `EGW00133`, with the token error body).
 *
 * @example
 * ```ts
 * const body = { grant_type: 'client_credentials', appkey, appsecret };
 * await fetch(base + tokenIssue.path, { method: 'POST', body: JSON.stringify(body) });
 * ```
 */
export const tokenIssue = {
  kind: 'oauth',
  id: '접근토큰발급(P)',
  nameKo: '접근토큰발급(P)',
  nameEn: 'Issue access token',
  method: 'POST',
  path: '/oauth2/tokenP',
  params: [
    {
      name: 'grant_type',
      ko: '권한부여 Type',
      en: 'Always client_credentials',
      required: true,
      maxLength: 18,
      values: { client_credentials: 'client credentials grant' },
    },
    ...appCredentials,
  ],
  response: [
    {
      name: 'access_token',
      ko: '접근토큰',
      en: 'Bearer access token (JWT)',
      kind: 'text',
      length: 350,
    },
    {
      name: 'access_token_token_expired',
      ko: '접근토큰 유효기간',
      en: 'Expiry, Korea time (UTC+9) without zone: "YYYY-MM-DD HH:mm:ss"',
      kind: 'text',
      length: 19,
    },
    { name: 'token_type', ko: '접근토큰유형', en: 'Always "Bearer"', kind: 'text', length: 20 },
    {
      name: 'expires_in',
      ko: '접근토큰 유효기간(초)',
      en: 'Seconds until expiry (a JSON number)',
      kind: 'quantity',
      length: 10,
    },
  ],
} as const satisfies OAuthSpec;

/**
 * 접근토큰폐기(P): `POST /oauth2/revokeP` with `{ appkey, appsecret, token }`.
 *
 * @example
 * ```ts
 * // → { code: 200, message: '접근토큰 폐기에 성공하였습니다' }
 * ```
 */
export const tokenRevoke = {
  kind: 'oauth',
  id: '접근토큰폐기(P)',
  nameKo: '접근토큰폐기(P)',
  nameEn: 'Revoke access token',
  method: 'POST',
  path: '/oauth2/revokeP',
  params: [
    ...appCredentials,
    {
      name: 'token',
      ko: '접근토큰',
      en: 'The access token to revoke',
      required: true,
      maxLength: 350,
      secret: true,
    },
  ],
  response: [
    {
      name: 'code',
      ko: '응답코드',
      en: 'HTTP-like result code (200 on success), a JSON number',
      kind: 'quantity',
      length: 3,
    },
    { name: 'message', ko: '응답메세지', en: 'Result message', kind: 'text', length: 450 },
  ],
} as const satisfies OAuthSpec;

/** The body of a token endpoint failure (`EGW00133`, `EGW00103` …): not the `rt_cd` envelope. */
export interface TokenErrorBody {
  error_code: string;
  error_description: string;
}

/** Body of a successful token issuance. */
export interface TokenIssueResponse {
  access_token: string;
  access_token_token_expired: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** Body of a successful token revocation. */
export interface TokenRevokeResponse {
  code: number;
  message: string;
}

/** `true` when a parsed JSON body is a token-endpoint error. */
export function isTokenErrorBody(body: unknown): body is TokenErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<string, unknown>).error_code === 'string'
  );
}
