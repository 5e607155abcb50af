import { KisClient } from '@kisfo/client';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET } from '@kisfo/server';

/**
 * The environment that points `kisfo` at `baseUrl` (a kisfo server's or replay's real host) as
 * the demo real app, with `account` as KIS_ACCOUNT when given.
 *
 * @example
 * ```ts
 * const env = isolatedEnv(demoRealConnection(server.realUrl, '80012345-03'));
 * ```
 */
export function demoRealConnection(baseUrl: string, account?: string): Record<string, string> {
  return {
    KIS_ENV: 'real',
    KIS_BASE_URL: baseUrl,
    KIS_APP_KEY: DEMO_REAL_APPKEY,
    KIS_APP_SECRET: DEMO_REAL_APPSECRET,
    ...(account === undefined ? {} : { KIS_ACCOUNT: account }),
  };
}

/**
 * An SDK client of the demo real app against `baseUrl` that records every exchange to the
 * cassette `cassette` (token kept in memory).
 *
 * @example
 * ```ts
 * await recordingDemoClient(server.realUrl, cassette).domesticFutureOption.inquireBalance({ account });
 * ```
 */
export function recordingDemoClient(baseUrl: string, cassette: string): KisClient {
  return new KisClient({
    env: 'real',
    baseURL: baseUrl,
    appKey: DEMO_REAL_APPKEY,
    appSecret: DEMO_REAL_APPSECRET,
    tokenStore: 'memory',
    record: { path: cassette },
  });
}
