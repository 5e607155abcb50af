// The client most integration tests start from: the demo's real app key and accounts against a
// kisfo host on loopback, with a token store of its own (no token shared between tests).
import { KisClient, type KisClientOptions, MemoryTokenStore } from '../../src/index.js';
import { DEMO } from './server.js';

/**
 * A real-environment client of the demo app key for `baseURL`; `extra` goes on top.
 *
 * @example
 * ```ts
 * const client = demoRealClient(server.realUrl, { rateLimit: false });
 * ```
 */
export function demoRealClient(baseURL: string, extra: Partial<KisClientOptions> = {}): KisClient {
  return new KisClient({
    env: 'real',
    baseURL,
    ...DEMO.real,
    tokenStore: new MemoryTokenStore(),
    ...extra,
  });
}
