import {
  type KisEnv,
  KisfoInputError,
  koreaDateTime,
  type ParamSpec,
  paramIssues,
  SpecError,
  tokenIssue,
  tokenRevoke,
} from '@kisfo/protocol';
import type { Context, Hono } from 'hono';
import type { AppRecord, KisBackOffice } from '../../contracts.js';
import { secureEqual } from '../../secure-compare.js';
import type { KisHonoEnv } from '../context.js';
import { jsonResponse, tokenError, tokenInputError } from '../respond.js';
import type { TokenRegistry } from './token-registry.js';

/** What the OAuth endpoints need. */
export interface OAuthDeps {
  env: KisEnv;
  backOffice: KisBackOffice;
  tokens: TokenRegistry;
}

const REVOKED_MESSAGE = '접근토큰 폐기에 성공하였습니다';

/** Parse the JSON body into string fields; `undefined` when it is not a JSON object. */
async function readBody(
  c: Context<KisHonoEnv>,
): Promise<Record<string, string | undefined> | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await c.req.text());
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const out: Record<string, string | undefined> = {};
  // A non-string value is treated as absent: KIS's fields are all strings.
  for (const [k, v] of Object.entries(parsed)) out[k] = typeof v === 'string' ? v : undefined;
  return out;
}

/**
 * Validate the body and authenticate the app: unknown key `EGW00103`, wrong secret `EGW00105`,
 * a paper key on the real host `EGW02004`; a real key is unknown to the paper host (`EGW00103`).
 */
async function authenticate(
  c: Context<KisHonoEnv>,
  deps: OAuthDeps,
  params: readonly ParamSpec[],
): Promise<{ app: AppRecord; body: Record<string, string | undefined> } | Response> {
  const body = await readBody(c);
  if (body === undefined)
    return tokenInputError(
      c,
      new KisfoInputError([{ path: 'body', message: 'is not a JSON object' }]),
    );
  const log = c.get('log');
  for (const v of [body.appkey, body.appsecret, body.token]) if (v) log.secrets.push(v);
  const issues = paramIssues(params, body);
  const keyIssue = issues.find((i) => i.field === 'appkey');
  if (keyIssue !== undefined) return tokenError(c, 'EGW00103');
  const app = deps.backOffice.findApp(body.appkey!);
  if (app === undefined) return tokenError(c, 'EGW00103');
  if (issues.some((i) => i.field === 'appsecret') || !secureEqual(body.appsecret, app.appSecret)) {
    return tokenError(c, 'EGW00105');
  }
  if (app.env !== deps.env) return tokenError(c, deps.env === 'real' ? 'EGW02004' : 'EGW00103');
  if (issues.length > 0) return tokenInputError(c, new SpecError(issues));
  return { app, body };
}

/**
 * `POST /oauth2/tokenP` and `POST /oauth2/revokeP`, answering like KIS (token bodies, not the
 * envelope; failures HTTP 403).
 *
 * @example
 * ```ts
 * registerOAuthRoutes(app, { env: 'real', backOffice, tokens });
 * ```
 */
export function registerOAuthRoutes(app: Hono<KisHonoEnv>, deps: OAuthDeps): void {
  app.post(tokenIssue.path, async (c) => {
    const auth = await authenticate(c, deps, tokenIssue.params);
    if (auth instanceof Response) return auth;
    const r = deps.tokens.issue(auth.app);
    if (!r.ok) return tokenError(c, r.msgCd);
    const now = deps.tokens.clock();
    return jsonResponse(
      {
        access_token: r.token.accessToken,
        access_token_token_expired: koreaDateTime(r.token.expiresAt),
        token_type: 'Bearer',
        // A reused token reports the time it has left, so a client's own expiry stays right.
        expires_in: Math.max(0, Math.floor((r.token.expiresAt - now) / 1000)),
      },
      200,
    );
  });

  app.post(tokenRevoke.path, async (c) => {
    const auth = await authenticate(c, deps, tokenRevoke.params);
    if (auth instanceof Response) return auth;
    const claims = deps.tokens.inspect(auth.body.token ?? '');
    const binding = deps.tokens.bindingOf(auth.app.appKey, auth.app.appSecret, auth.app.env);
    if (claims === undefined || !secureEqual(claims.app, binding)) return tokenError(c, 'EGW00121');
    deps.tokens.revoke(auth.body.token!);
    return jsonResponse({ code: 200, message: REVOKED_MESSAGE }, 200);
  });
}
