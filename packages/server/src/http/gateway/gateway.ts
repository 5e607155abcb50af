import {
  DEFAULT_RATE_LIMITS,
  headerIssues,
  type InquirySpec,
  type KisEnv,
  SpecError,
} from '@kisfo/protocol';
import type { Context } from 'hono';
import type { AccountRef, AppRecord, KisBackOffice } from '../../contracts.js';
import { secureEqual } from '../../secure-compare.js';
import type { KisHonoEnv } from '../context.js';
import type { TokenRegistry } from '../oauth/token-registry.js';
import { kisError, kisInputError } from '../respond.js';
import type { AuthorizationMemo } from './authorization-memo.js';
import type { CallLimiter } from './call-limiter.js';

/** What the gateway needs. */
export interface GatewayDeps {
  env: KisEnv;
  backOffice: KisBackOffice;
  tokens: TokenRegistry;
  limiter: CallLimiter;
  /** Calls per second per app key by env (an app's own `rateLimitPerSecond` wins). */
  rateLimits: Readonly<Record<KisEnv, number>>;
}

/** A request that passed authentication, the env/TR rules and header validation. */
export interface Authorized {
  app: AppRecord;
  trId: string;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Which code answers `trId` on this host for this spec, or `undefined` when it is the right TR:
 * a TR of another path `MCA00124`; on paper a real TR or one KIS does not offer there `EGW02006`;
 * on real a paper TR `MCA00124` (the real host has no such service).
 *
 * @example
 * ```ts
 * trIdProblem(overseasMarginDetail, 'paper', 'OTFM3115R'); // 'EGW02006'
 * ```
 */
export function trIdProblem(
  spec: InquirySpec,
  env: KisEnv,
  trId: string,
): 'MCA00124' | 'EGW02006' | undefined {
  const { real, paper } = spec.trId;
  if (trId !== real && trId !== paper) return 'MCA00124';
  if (env === 'paper') return trId === paper ? undefined : 'EGW02006';
  return trId === real ? undefined : 'MCA00124';
}

/**
 * Steps 1–4 of the gateway, in KIS's order: the token (`EGW00121`/`EGW00123`); the `appkey` and
 * `appsecret` headers against the token's app (`EGW00103`, `EGW00121`, `EGW00105`); the app's env
 * against the host (`EGW02004`) and the `tr_id` against the path and host; the headers by the spec,
 * corporate ones when `custtype` is `B` (`OPSQ2001` naming the field).
 *
 * @example
 * ```ts
 * const auth = authorize(c, domesticInquireBalance, deps);
 * if (auth instanceof Response) return auth;
 * ```
 */
export function authorize(
  c: Context<KisHonoEnv>,
  spec: InquirySpec,
  deps: GatewayDeps,
  headers: Record<string, string> = c.req.header(),
): Authorized | Response {
  const log = c.get('log');
  const auth = headers.authorization ?? '';
  for (const v of [auth, headers.appkey, headers.appsecret, headers.personalseckey]) {
    if (v) log.secrets.push(v);
  }
  const trId = headers.tr_id ?? '';
  if (trId !== '') log.trId = trId.slice(0, 13);

  const bearer = BEARER.exec(auth)?.[1];
  if (bearer !== undefined) log.secrets.push(bearer);
  const check = bearer === undefined ? undefined : deps.tokens.verify(bearer);
  if (check === undefined) return kisError(c, 'EGW00121');
  if (!check.ok) return kisError(c, check.msgCd);

  const app = headers.appkey ? deps.backOffice.findApp(headers.appkey) : undefined;
  if (app === undefined) return kisError(c, 'EGW00103');
  const binding = deps.tokens.bindingOf(app.appKey, app.appSecret, app.env);
  if (!secureEqual(check.claims.app, binding) || check.claims.aud !== app.env) {
    return kisError(c, 'EGW00121');
  }
  if (!secureEqual(headers.appsecret, app.appSecret)) return kisError(c, 'EGW00105');

  if (app.env !== deps.env) return kisError(c, deps.env === 'real' ? 'EGW02004' : 'EGW00121');
  if (trId === '') {
    const missing = { path: 'tr_id', field: 'tr_id', label: '거래ID', problem: 'missing' };
    return kisInputError(c, new SpecError([missing]));
  }
  const trProblem = trIdProblem(spec, deps.env, trId);
  if (trProblem !== undefined) return kisError(c, trProblem);

  const corporate = headers.custtype === 'B' || app.custtype === 'B';
  const issues = headerIssues(spec.headers, headers, { corporate });
  if (issues.length > 0) return kisInputError(c, new SpecError(issues));
  return { app, trId, headers };
}

/**
 * {@link authorize} through a memo: a request whose checked header values were authorized at the
 * same ledger `revision` skips the ledger and the compares, but its token is verified again (a
 * revoked or expired token is refused at once). Without a revision it is plain `authorize`.
 *
 * @example
 * ```ts
 * const auth = authorizeMemoized(c, spec, deps, memo, deps.backOffice.revision?.());
 * ```
 */
export function authorizeMemoized(
  c: Context<KisHonoEnv>,
  spec: InquirySpec,
  deps: GatewayDeps,
  memo: AuthorizationMemo | undefined,
  revision: string | undefined,
): Authorized | Response {
  const headers = c.req.header();
  if (memo === undefined || revision === undefined) return authorize(c, spec, deps, headers);
  const key = memo.keyOf(spec, headers);
  const hit = memo.get(key, revision);
  if (hit !== undefined) {
    const bearer = BEARER.exec(headers.authorization ?? '')?.[1];
    if (bearer !== undefined && deps.tokens.verify(bearer).ok) {
      const log = c.get('log');
      for (const v of [headers.authorization, headers.appkey, headers.appsecret, bearer]) {
        if (v) log.secrets.push(v);
      }
      if (headers.personalseckey) log.secrets.push(headers.personalseckey);
      log.trId = hit.trId.slice(0, 13);
      return hit;
    }
  }
  const checked = authorize(c, spec, deps, headers);
  if (!(checked instanceof Response)) memo.set(key, revision, checked);
  return checked;
}

/**
 * Steps 5–6: the account must be one of the app's (`OPSQ2000`), then the app key's rate limit
 * (`EGW00201`).
 */
export function admit(
  c: Context<KisHonoEnv>,
  app: AppRecord,
  account: AccountRef,
  deps: GatewayDeps,
): Response | undefined {
  const owned = app.accounts.some(
    (a) => a.cano === account.cano && a.acntPrdtCd === account.acntPrdtCd,
  );
  if (!owned) return kisError(c, 'OPSQ2000');
  const perSecond =
    app.rateLimitPerSecond ?? deps.rateLimits[app.env] ?? DEFAULT_RATE_LIMITS[app.env];
  if (!deps.limiter.take(app.appKey, perSecond)) return kisError(c, 'EGW00201');
  return undefined;
}
