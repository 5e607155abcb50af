import { recordingFetch } from './cassette/recording-fetch.js';
import { systemClock } from './clock.js';
import type { Exchange } from './exchange.js';
import { type FetchLike, fetchExchange } from './fetch-exchange.js';
import type { InquiryContext } from './inquiry.js';
import { nodeExchange } from './node-exchange.js';
import {
  type KisClientOptions,
  optionsFromEnv,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { sharedRateLimiter } from './rate-limiter.js';
import { INSPECT, mask, REDACTED, registerSecret } from './redact.js';
import { DomesticFutureOption } from './resources/domestic-future-option.js';
import { OverseasFutureOption } from './resources/overseas-future-option.js';
import { DEFAULT_RETRY_POLICY } from './retry.js';
import { formatKstDateTime, TokenManager } from './token-manager.js';
import {
  fileTokenStore,
  hasFileSystem,
  MemoryTokenStore,
  sha256Prefix,
  type TokenStore,
} from './token-store.js';
import { Transport } from './transport.js';

/**
 * The global `fetch` as it was when this module loaded. A `fetch` put in its place later (a test's
 * stub, an instrumented `fetch`) is what the client then uses, as it did before Node's own HTTP
 * client became the default.
 */
const loadedFetch = (globalThis as { fetch?: unknown }).fetch;

/**
 * How the client's requests go out: the `fetch` given (recorded when asked), else Node's own
 * HTTP client where there is one (unless the global `fetch` was replaced), else the global
 * `fetch`.
 */
function exchangeOf(o: ResolvedOptions): Exchange {
  const viaGlobal: FetchLike = (input, init) => globalThis.fetch(input, init);
  if (o.record !== undefined) {
    const secrets = [o.appKey, o.appSecret, o.personalseckey];
    return fetchExchange(recordingFetch(o.fetch ?? viaGlobal, o.record, secrets));
  }
  if (o.fetch !== undefined) return fetchExchange(o.fetch);
  const global = fetchExchange(viaGlobal);
  const native = nodeExchange();
  if (native === undefined) return global;
  return (url, request) => (globalThis.fetch === loadedFetch ? native : global)(url, request);
}

function randomHex(bytes: number): string {
  const a = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The KIS Open API client for futures & options: 선물옵션 잔고현황 and 해외선물옵션 증거금상세,
 * with tokens, rate limits, retries, paging and typed errors handled.
 *
 * @example
 * ```ts
 * const client = new KisClient({ env: 'real', appKey, appSecret, account: '80012345-03' });
 * const { positions, summary } = await client.domesticFutureOption.inquireBalance();
 * const margin = await client.overseasFutureOption.marginDetail({ currency: 'TKR', date: new Date() });
 * ```
 */
export class KisClient {
  readonly env: 'real' | 'paper';
  readonly baseURL: string;
  readonly account: string | undefined;
  readonly custtype: 'P' | 'B';
  /** 국내선물옵션 inquiries. */
  readonly domesticFutureOption: DomesticFutureOption;
  /** 해외선물옵션 inquiries. */
  readonly overseasFutureOption: OverseasFutureOption;
  readonly #options: ResolvedOptions;
  readonly #tokens: TokenManager;
  readonly #transport: Transport;
  readonly #fixedHeaders: Readonly<Record<string, string>>;

  constructor(options: KisClientOptions) {
    const o = resolveOptions(options);
    this.#options = o;
    this.#fixedHeaders = fixedHeaders(o);
    this.env = o.env;
    this.baseURL = o.baseURL;
    this.account = o.account;
    this.custtype = o.custtype;
    for (const s of [o.appKey, o.appSecret, o.personalseckey]) registerSecret(s);
    const clock = o.clock ?? systemClock;
    this.#transport = new Transport({
      baseURL: o.baseURL,
      exchange: exchangeOf(o),
      timeout: o.timeout,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: o.maxRetries },
      clock,
      limiter:
        o.rateLimit === false ? undefined : sharedRateLimiter(o.env, o.appKey, o.rateLimit, clock),
      logger: o.logger,
    });
    this.#tokens = new TokenManager({
      env: o.env,
      appKey: o.appKey,
      appSecret: o.appSecret,
      baseURL: o.baseURL,
      store: pickStore(o.tokenStore),
      transport: this.#transport,
      refreshMarginMs: o.tokenRefreshMarginMs ?? 10 * 60_000,
      waitOnThrottle: o.waitOnTokenThrottle ?? false,
    });
    const ctx: InquiryContext = {
      env: o.env,
      transport: this.#transport,
      tokens: this.#tokens,
      headers: () => this.#headers(),
    };
    const account = () => this.account;
    this.domesticFutureOption = new DomesticFutureOption(ctx, account);
    this.overseasFutureOption = new OverseasFutureOption(ctx, account);
  }

  /**
   * A client from `KIS_ENV` (default `real`, see `DEFAULT_KIS_ENV`), `KIS_APP_KEY`,
   * `KIS_APP_SECRET`, `KIS_ACCOUNT`, `KIS_BASE_URL`, with `overrides` on top.
   *
   * @example
   * ```ts
   * const client = KisClient.fromEnv({ maxRetries: 3 });
   * ```
   */
  static fromEnv(overrides: Partial<KisClientOptions> = {}): KisClient {
    const env =
      (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
    return new KisClient({ ...optionsFromEnv(env), ...overrides });
  }

  /**
   * The current access token (issued or loaded when needed). Tokens are managed for you; this is
   * for tools that need the bearer token itself.
   */
  getAccessToken(options: { signal?: AbortSignal } = {}): Promise<string> {
    return this.#tokens.get(options.signal);
  }

  /**
   * Describe the current access token without revealing it: when it expires (Korea time, as KIS
   * writes it) and when it was issued. Issues or loads the token when needed.
   *
   * @example
   * ```ts
   * const { expiresAt } = await client.tokenInfo(); // '2025-03-21 09:00:00'
   * ```
   */
  async tokenInfo(options: { signal?: AbortSignal } = {}): Promise<TokenInfo> {
    const t = await this.#tokens.info(options.signal);
    return {
      masked: REDACTED,
      fingerprint: await sha256Prefix(t.accessToken),
      expiresAt: formatKstDateTime(t.expiresAt),
      issuedAt: formatKstDateTime(t.issuedAt),
      env: t.env,
      baseURL: t.baseURL,
    };
  }

  /**
   * Revoke the token at KIS (`/oauth2/revokeP`) and remove it from the store. Resolves `false`
   * when there was no token.
   *
   * @example
   * ```ts
   * await client.revokeToken();
   * ```
   */
  revokeToken(options: { signal?: AbortSignal } = {}): Promise<boolean> {
    return this.#tokens.revoke(options.signal);
  }

  /**
   * The headers every request of this client sends (the options are fixed at construction), plus
   * `gt_uid` when one is due. Only `gt_uid` can change per request; the rest is built once.
   */
  #headers(): Record<string, string> {
    const o = this.#options;
    const fixed = this.#fixedHeaders;
    // gt_uid identifies one transaction: a function gives a new one per request, and corporate
    // clients without one get a random id per request.
    const gt =
      typeof o.gtUid === 'function'
        ? o.gtUid()
        : (o.gtUid ?? (o.custtype === 'B' ? randomHex(16) : undefined));
    return gt === undefined ? fixed : { ...fixed, gt_uid: gt };
  }

  /** A redacted description: never the app key, secret, token or customer key. */
  toJSON(): Record<string, unknown> {
    const o = this.#options;
    return {
      env: this.env,
      baseURL: this.baseURL,
      account: this.account,
      custtype: this.custtype,
      appKey: mask(o.appKey),
      appSecret: mask(o.appSecret),
      personalseckey: mask(o.personalseckey),
      timeout: o.timeout,
      maxRetries: o.maxRetries,
      rateLimit: o.rateLimit,
    };
  }

  [INSPECT](): string {
    return `KisClient ${JSON.stringify(this.toJSON())}`;
  }
}

/** appkey, appsecret, custtype and the corporate headers: the same on every request. */
function fixedHeaders(o: ResolvedOptions): Readonly<Record<string, string>> {
  const h: Record<string, string> = {
    appkey: o.appKey,
    appsecret: o.appSecret,
    custtype: o.custtype,
  };
  if (o.macAddress !== undefined) h.mac_address = o.macAddress;
  if (o.custtype === 'B') {
    h.personalseckey = o.personalseckey ?? '';
    h.seq_no = o.seqNo ?? '';
    h.phone_number = o.phoneNumber ?? '';
    h.ip_addr = o.ipAddr ?? '';
  }
  return Object.freeze(h);
}

function pickStore(choice: TokenStore | 'file' | 'memory' | undefined): TokenStore {
  if (typeof choice === 'object') return choice;
  if (choice === 'memory') return new MemoryTokenStore();
  if (choice === 'file' || hasFileSystem()) return fileTokenStore();
  return new MemoryTokenStore();
}

/** What {@link KisClient.tokenInfo} tells about the token — never the token itself. */
export interface TokenInfo {
  /** Always `[REDACTED]`: the token is a secret. */
  masked: string;
  /**
   * First 16 hex digits of SHA-256 of the token: tells two tokens apart (did a restart or a
   * refresh issue a new one?) without revealing either.
   */
  fingerprint: string;
  /** Expiry in Korea time, `YYYY-MM-DD HH:mm:ss` (KIS's own format). */
  expiresAt: string;
  /** When it was issued (or first received), Korea time. */
  issuedAt: string;
  env: 'real' | 'paper';
  baseURL: string;
}
