import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import type {
  BridgeReply,
  BridgeRequest,
  BridgeWorkerData,
  SqlStatement,
} from './bridge-protocol.js';

export type { SqlStatement } from './bridge-protocol.js';

/** A PostgreSQL error passed through the bridge (`code` is the SQLSTATE, e.g. `23505`). */
export class PostgresError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly constraint: string | undefined;
  constructor(e: { message: string; code?: string; detail?: string; constraint?: string }) {
    super(e.message);
    this.name = 'PostgresError';
    this.code = e.code;
    this.detail = e.detail;
    this.constraint = e.constraint;
  }
}

/**
 * The built worker is `bridge-worker.js`; run from sources (tests through tsx) it is the `.ts`
 * file, loaded after registering tsx inside the worker (Node 20 workers do not inherit `--import`).
 */
function spawnWorker(data: BridgeWorkerData): Worker {
  const options = { workerData: data, transferList: [data.port] as MessagePort[] };
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./bridge-worker.js', import.meta.url), options);
  }
  const entry = new URL('./bridge-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** Never notified: waiting on it sleeps. */
const NAP = new Int32Array(new SharedArrayBuffer(4));

/** Options of {@link PgBridge}. */
export interface PgBridgeOptions {
  /** `application_name` of the connection (shows in `pg_stat_activity`). */
  applicationName?: string;
  /** Server-side limit per statement (default 10 s). */
  statementTimeoutMs?: number;
  /** Limit for opening the connection (default 10 s). */
  connectTimeoutMs?: number;
}

/**
 * One PostgreSQL connection used synchronously. The ledger's logic (import, settlement, the
 * services) is written against a synchronous store, as SQLite is; PostgreSQL is reached through a
 * worker thread that owns a node-postgres connection, while this thread waits on a shared flag
 * (`Atomics.wait`) for the reply. A batch of statements costs one round trip (pipelined).
 * Like better-sqlite3, a call holds this thread for its duration; instances scale out instead.
 *
 * @example
 * ```ts
 * const db = new PgBridge('postgres://kisfo@127.0.0.1:5432/kisfo');
 * db.query('SELECT 1 AS one'); // [{ one: 1 }]
 * db.close();
 * ```
 */
export class PgBridge {
  readonly #url: string;
  readonly #options: Required<PgBridgeOptions>;
  readonly #waitMs: number;
  #link: { worker: Worker; port: MessagePort; flag: Int32Array } | undefined;
  #nextId = 0;
  #closed = false;

  constructor(url: string, options: PgBridgeOptions = {}) {
    this.#url = url;
    this.#options = {
      applicationName: options.applicationName ?? 'kisfo',
      statementTimeoutMs: options.statementTimeoutMs ?? 10_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    };
    // The reply can take the statement's time plus a reconnect.
    this.#waitMs = this.#options.statementTimeoutMs + this.#options.connectTimeoutMs + 5_000;
    try {
      this.run([{ text: 'SELECT 1' }]);
    } catch (e) {
      this.close();
      throw e;
    }
  }

  // A worker that stopped answering is replaced on the next call (a new connection).
  #connect(): { worker: Worker; port: MessagePort; flag: Int32Array } {
    if (this.#link !== undefined) return this.#link;
    const { port1, port2 } = new MessageChannel();
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = spawnWorker({
      url: this.#url,
      flag: flag.buffer as SharedArrayBuffer,
      port: port2,
      ...this.#options,
    });
    worker.unref();
    port1.unref();
    this.#link = { worker, port: port1, flag };
    return this.#link;
  }

  /** Run statements pipelined in one round trip; the rows of each, or the first error thrown. */
  run(stmts: readonly SqlStatement[]): Record<string, unknown>[][] {
    if (stmts.length === 0) return [];
    return this.#call({ id: 0, stmts: [...stmts] });
  }

  /** Rows of one statement. */
  query<R = Record<string, unknown>>(
    text: string,
    values?: readonly unknown[],
    name?: string,
  ): R[] {
    const stmt: SqlStatement = { text };
    if (values !== undefined) stmt.values = values;
    if (name !== undefined) stmt.name = name;
    return this.run([stmt])[0] as R[];
  }

  #call(req: BridgeRequest): Record<string, unknown>[][] {
    if (this.#closed) throw new PostgresError({ message: 'the PostgreSQL connection is closed' });
    const link = this.#connect();
    const id = ++this.#nextId;
    Atomics.store(link.flag, 0, 0);
    link.port.postMessage({ ...req, id });
    const deadline = Date.now() + this.#waitMs;
    for (;;) {
      Atomics.wait(link.flag, 0, 0, Math.max(1, deadline - Date.now()));
      const got = receiveMessageOnPort(link.port);
      if (got !== undefined) {
        const reply = got.message as BridgeReply & { id: number };
        // A reply to an abandoned call cannot come (the worker is replaced), but never mix them up.
        if (reply.id !== id) continue;
        if (!reply.ok) throw new PostgresError(reply.error);
        return reply.results;
      }
      if (Date.now() >= deadline) break;
      // Woken before the message was visible on the port: sleep a millisecond and look again.
      Atomics.wait(NAP, 0, 0, 1);
    }
    this.#drop();
    throw new PostgresError({ message: `PostgreSQL did not answer within ${this.#waitMs} ms` });
  }

  #drop(): void {
    const link = this.#link;
    this.#link = undefined;
    if (link === undefined) return;
    link.port.close();
    void link.worker.terminate();
  }

  /** Close the connection and stop the worker. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    if (this.#link !== undefined) {
      try {
        this.#call({ id: 0, stmts: [], close: true });
      } catch {
        // stopping anyway
      }
    }
    this.#closed = true;
    this.#drop();
  }
}
