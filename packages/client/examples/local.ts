// Shared by the examples: a client for KIS_BASE_URL (with KIS_* variables), or else for a kisfo
// server started in this process with its demo scenario (demo keys, loopback only).
import { KisClient, type KisClientOptions } from '@kisfo/client';

export async function exampleClient(
  extra: Partial<KisClientOptions> = {},
): Promise<{ client: KisClient; done: () => Promise<void> }> {
  if (process.env.KIS_BASE_URL !== undefined) {
    return { client: KisClient.fromEnv(extra), done: async () => {} };
  }
  const server = await import('@kisfo/server');
  const running = await server.startServer({ port: 0, paperPort: 0, logger: server.silentSink });
  const client = new KisClient({
    env: 'real',
    baseURL: running.realUrl,
    appKey: server.DEMO_REAL_APPKEY,
    appSecret: server.DEMO_REAL_APPSECRET,
    account: '80012345-03',
    tokenStore: 'memory',
    ...extra,
  });
  return { client, done: () => running.close() };
}
