import {
  DEFAULT_RATE_LIMITS,
  domesticInquireBalance,
  headerIssues,
  KIS_HOSTS,
  type KisEnv,
} from '@kisfo/protocol';
import type { RecordOptions } from './cassette/recording-fetch.js';
import type { Clock } from './clock.js';
import { KisValidationError } from './errors.js';
import { type RateLimitOptions, rateLimitProblem } from './rate-limiter.js';
import type { TokenStore } from './token-store.js';
import type { FetchLike, KisLogger } from './transport.js';

/**
 * Options of {@link KisClient}.
 *
 * @example
 * ```ts
 * new KisClient({ env: 'real', appKey, appSecret, account: '80012345-03', maxRetries: 3 });
 * ```
 */
export interface KisClientOptions {
  /** `real` (실전투자) or `paper` (모의투자). App keys are issued per environment. */
  env: KisEnv;
  appKey: string;
  appSecret: string;
  /** Default account for every call, `"80012345-03"`. */
  account?: string;
  /** Host, default KIS's host for `env` (e.g. a local kisfo server: `http://127.0.0.1:8080`). */
  baseURL?: string;
  /** `P` personal (default) or `B` corporate (then the next four are required). */
  custtype?: 'P' | 'B';
  /** 고객식별키 (corporate). */
  personalseckey?: string;
  /** 일련번호 (corporate, e.g. `"001"`). */
  seqNo?: string;
  /** 핸드폰번호, digits only (corporate). */
  phoneNumber?: string;
  /** 접속 단말 공인 IP (corporate). */
  ipAddr?: string;
  /** Global UID: a fixed value, or a function called per request (corporate: unique per transaction). */
  gtUid?: string | (() => string);
  /** 맥주소. */
  macAddress?: string;
  /**
   * Where tokens persist: a {@link TokenStore}, `'memory'`, or `'file'` (default where a file system
   * exists: `~/.cache/kisfo/tokens`, or `$KISFO_TOKEN_DIR`).
   */
  tokenStore?: TokenStore | 'file' | 'memory';
  /** Refresh tokens this long before their expiry (default 10 minutes). */
  tokenRefreshMarginMs?: number;
  /** On `EGW00133` wait out the minute and ask again (default `false`: throw). */
  waitOnTokenThrottle?: boolean;
  /** Per-app-key limit shared in the process (default real 20/s, paper 2/s), or `false` for none. */
  rateLimit?: RateLimitOptions | false;
  /** Per-attempt timeout in ms, body included (default 15,000). */
  timeout?: number;
  /** Retries of transient failures (default 2). */
  maxRetries?: number;
  /**
   * The `fetch` to use. Default: on Node, Node's own `http`/`https` clients (a keep-alive agent
   * per scheme; the same answers for about half the CPU per request), or the global `fetch`
   * once something has replaced it (a test's stub); elsewhere `globalThis.fetch`. Give one to
   * go through a proxy (undici's dispatcher), to instrument or to fake the network; `record`
   * goes through `fetch` too.
   */
  fetch?: FetchLike;
  /** Receives retry and restart notices, already redacted. */
  logger?: KisLogger;
  /** Time source, for tests. */
  clock?: Clock;
  /**
   * Append every exchange to a cassette (kisfo's format, secrets redacted before writing):
   * `{ path }` (Node: appended with `node:fs`, loaded lazily) or `{ sink }` (any runtime).
   * Replay it with `kisfo serve --replay` or {@link replayFetch}.
   */
  record?: RecordOptions;
}

/** Options after defaults and checks. */
export interface ResolvedOptions extends KisClientOptions {
  baseURL: string;
  custtype: 'P' | 'B';
  timeout: number;
  maxRetries: number;
  rateLimit: RateLimitOptions | false;
}

function bad(field: string, problem: string, allowed?: string): never {
  throw new KisValidationError([
    allowed === undefined
      ? { path: field, field, label: '', problem }
      : { path: field, field, label: '', problem, allowed },
  ]);
}

/** Check options and fill defaults; every problem is a {@link KisValidationError} before any request. */
export function resolveOptions(o: KisClientOptions): ResolvedOptions {
  if (o.env !== 'real' && o.env !== 'paper')
    bad('env', `${JSON.stringify(o.env)} is not an environment`, 'real, paper');
  if (typeof o.appKey !== 'string' || o.appKey.trim() === '') bad('appKey', 'missing');
  if (typeof o.appSecret !== 'string' || o.appSecret.trim() === '') bad('appSecret', 'missing');
  const custtype = o.custtype ?? 'P';
  if (custtype !== 'P' && custtype !== 'B') bad('custtype', 'not allowed', 'P, B');
  const baseURL = (o.baseURL ?? KIS_HOSTS[o.env]).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(baseURL)) bad('baseURL', 'not an http(s) URL');
  const timeout = o.timeout ?? 15_000;
  // setTimeout takes at most 2^31 − 1 ms and fires at once beyond it: Infinity would time out
  // every attempt after 1 ms.
  if (!(timeout > 0) || timeout > MAX_TIMER_MS)
    bad('timeout', `must be between 1 and ${MAX_TIMER_MS} ms (got ${timeout})`);
  if (
    o.tokenRefreshMarginMs !== undefined &&
    !(Number.isFinite(o.tokenRefreshMarginMs) && o.tokenRefreshMarginMs >= 0)
  ) {
    // NaN would make every token look stale: a new issuance per call, and EGW00133 at KIS.
    bad('tokenRefreshMarginMs', `must be a number of ms ≥ 0 (got ${o.tokenRefreshMarginMs})`);
  }
  const maxRetries = o.maxRetries ?? 2;
  if (!Number.isInteger(maxRetries) || maxRetries < 0)
    bad('maxRetries', 'must be a whole number ≥ 0');
  const rateLimit =
    o.rateLimit === false ? false : { perSecond: DEFAULT_RATE_LIMITS[o.env], ...o.rateLimit };
  if (rateLimit !== false) {
    const problem = rateLimitProblem(rateLimit);
    if (problem !== undefined) bad(`rateLimit.${problem.field}`, problem.problem);
  }
  if (o.record !== undefined) {
    const r = o.record as { path?: unknown; sink?: unknown };
    if ((typeof r.path !== 'string' || r.path === '') && typeof r.sink !== 'function')
      bad('record', 'needs a file path (record.path) or a function (record.sink)');
  }
  const gtUid = typeof o.gtUid === 'string' ? o.gtUid : undefined;
  // The header table says which headers corporate customers must send; check them now.
  const issues = headerIssues(
    domesticInquireBalance.headers.filter((h) => PERSON_HEADERS.has(h.name)),
    {
      custtype,
      personalseckey: o.personalseckey,
      seq_no: o.seqNo,
      phone_number: o.phoneNumber,
      ip_addr: o.ipAddr,
      gt_uid: gtUid,
      mac_address: o.macAddress,
    },
    { corporate: custtype === 'B' },
  );
  if (issues.length > 0) {
    throw new KisValidationError(
      issues.map((i) => ({
        ...i,
        path: OPTION_NAME[i.field] ?? i.field,
        field: OPTION_NAME[i.field] ?? i.field,
      })),
    );
  }
  return { ...o, baseURL, custtype, timeout, maxRetries, rateLimit };
}

/**
 * The longest `timeout` a client takes: the longest delay `setTimeout` keeps (2^31 − 1 ms, about
 * 24.8 days); a longer one would fire at once and time out every attempt.
 *
 * @example
 * ```ts
 * new KisClient({ ...options, timeout: MAX_TIMER_MS }); // the longest wait there is
 * ```
 */
export const MAX_TIMER_MS = 2_147_483_647;

const PERSON_HEADERS = new Set([
  'custtype',
  'personalseckey',
  'seq_no',
  'phone_number',
  'ip_addr',
  'gt_uid',
  'mac_address',
]);
/** Header name → the option that sets it, so errors name what the caller wrote. */
const OPTION_NAME: Record<string, string> = {
  personalseckey: 'personalseckey',
  seq_no: 'seqNo',
  phone_number: 'phoneNumber',
  ip_addr: 'ipAddr',
  gt_uid: 'gtUid',
  mac_address: 'macAddress',
  custtype: 'custtype',
};

/**
 * The environment when none is named: `real`, as in KIS's official samples (`svr="prod"`) and
 * the `kisfo` CLI. One default for `KisClient.fromEnv()` and the CLI, so the same environment
 * variables reach the same host from both.
 */
export const DEFAULT_KIS_ENV = 'real' as const;

/** Read `KIS_ENV` (default {@link DEFAULT_KIS_ENV}), `KIS_APP_KEY`, `KIS_APP_SECRET`, `KIS_ACCOUNT`, `KIS_BASE_URL`. */
export function optionsFromEnv(env: Record<string, string | undefined>): KisClientOptions {
  const kisEnv = env.KIS_ENV ?? DEFAULT_KIS_ENV;
  if (kisEnv !== 'real' && kisEnv !== 'paper')
    bad('KIS_ENV', `${JSON.stringify(kisEnv)} is not an environment`, 'real, paper');
  const appKey = env.KIS_APP_KEY;
  const appSecret = env.KIS_APP_SECRET;
  if (appKey === undefined || appKey === '') bad('KIS_APP_KEY', 'not set');
  if (appSecret === undefined || appSecret === '') bad('KIS_APP_SECRET', 'not set');
  const out: KisClientOptions = { env: kisEnv, appKey, appSecret };
  if (env.KIS_ACCOUNT) out.account = env.KIS_ACCOUNT;
  if (env.KIS_BASE_URL) out.baseURL = env.KIS_BASE_URL;
  return out;
}
