/**
 * Worker side of {@link PgBridge}: owns one PostgreSQL connection (node-postgres in pipeline
 * mode) and runs each batch of statements it is sent, pipelined, then wakes the waiting thread.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import pg from 'pg';
import type { BridgeReply, BridgeRequest, BridgeWorkerData } from './bridge-protocol.js';

const data = workerData as BridgeWorkerData;
const flag = new Int32Array(data.flag);
const port: MessagePort = data.port;

let client: pg.Client | undefined;
let connecting: Promise<pg.Client> | undefined;

function connect(): Promise<pg.Client> {
  connecting ??= (async () => {
    const c = new pg.Client({
      connectionString: data.url,
      pipeline: true,
      application_name: data.applicationName,
      statement_timeout: data.statementTimeoutMs,
      connectionTimeoutMillis: data.connectTimeoutMs,
    });
    // A dropped connection is reported to the next batch, which then reconnects.
    c.on('error', () => {
      if (client === c) client = undefined;
      connecting = undefined;
    });
    await c.connect();
    client = c;
    return c;
  })().catch((e: unknown) => {
    connecting = undefined;
    throw e;
  });
  return connecting;
}

function reply(message: BridgeReply): void {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

port.on('message', async (req: BridgeRequest) => {
  if (req.close === true) {
    try {
      await client?.end();
    } catch {
      // closing anyway
    }
    reply({ id: req.id, ok: true, results: [] });
    port.close();
    return;
  }
  try {
    const c = client ?? (await connect());
    const settled = await Promise.allSettled(
      req.stmts.map((s) =>
        c.query({
          text: s.text,
          values: s.values as unknown[],
          ...(s.name === undefined ? {} : { name: s.name }),
        }),
      ),
    );
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed !== undefined) {
      const e = failed.reason as Error & { code?: string; detail?: string; constraint?: string };
      reply({
        id: req.id,
        ok: false,
        error: {
          message: e.message,
          ...(e.code === undefined ? {} : { code: e.code }),
          ...(e.detail === undefined ? {} : { detail: e.detail }),
          ...(e.constraint === undefined ? {} : { constraint: e.constraint }),
        },
      });
      return;
    }
    reply({
      id: req.id,
      ok: true,
      results: settled.map((r) => (r as PromiseFulfilledResult<pg.QueryResult>).value.rows),
    });
  } catch (e) {
    const err = e as Error & { code?: string };
    reply({
      id: req.id,
      ok: false,
      error: { message: err.message, ...(err.code === undefined ? {} : { code: err.code }) },
    });
  }
});
