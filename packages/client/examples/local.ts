// Shared by the examples: a client for KIS_BASE_URL (with KIS_* variables), or else for a kisfo
// server started in this process with its demo scenario (demo keys, loopback only).
import { KisClient, type KisClientOptions, koreaDate } from '@kisfo/client';

export async function exampleClient(
  extra: Partial<KisClientOptions> = {},
): Promise<{ client: KisClient; done: () => Promise<void> }> {
  if (process.env.KIS_BASE_URL !== undefined) {
    return { client: KisClient.fromEnv(extra), done: async () => {} };
  }
  const server = await import('@kisfo/server');
  // The demo's business date is today in Korea, weekends included, so that a call for "today"
  // (`date: new Date()`, as in the README) is answered whatever the day.
  const running = await server.startServer({
    port: 0,
    paperPort: 0,
    businessDate: koreaDate(new Date()),
    logger: server.silentSink,
  });
  let client: KisClient;
  try {
    client = new KisClient({
      env: 'real',
      baseURL: running.realUrl,
      appKey: server.DEMO_REAL_APPKEY,
      appSecret: server.DEMO_REAL_APPSECRET,
      account: '80012345-03',
      tokenStore: 'memory',
      ...extra,
    });
  } catch (e) {
    // Options refused (KisValidationError): the server must not outlive the failed call, or
    // it keeps the process running.
    await running.close();
    throw e;
  }
  return { client, done: () => running.close() };
}
