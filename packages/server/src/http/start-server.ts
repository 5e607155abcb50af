import { randomBytes } from 'node:crypto';
import type { KisEnv } from '@kisfo/protocol';
import type { KisBackOffice } from '../contracts.js';
import { createDashboardApp } from '../ledger/dashboard/dashboard-app.js';
import type { LedgerBackOffice } from '../ledger/services/back-office.js';
import { createKisApp, type FetchHandler } from './app.js';
import type { Clock } from './clock.js';
import { openLedgerBackOffice } from './ledger-wiring.js';
import { type Listener, listen, type TlsOptions } from './listen.js';
import type { LogSink } from './log.js';
import { TokenRegistry } from './oauth/token-registry.js';
import type { SharedServerState } from './shared/shared-state.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Scenario file to import into the ledger; the built-in demo scenario when not given. */
  scenario?: string;
  /**
   * The ledger: a SQLite file, or a `postgres://` URL shared by several instances (tokens, rate
   * limits and continuation keys then hold across them); in memory when not given.
   */
  db?: string;
  /** Interface to bind both listeners to (default `127.0.0.1`). */
  host?: string;
  /** Port of the real host (default 9443; 0 picks a free port). */
  port?: number;
  /** Port of the paper host (default 29443, or a free port when `port` is 0). */
  paperPort?: number;
  /** Serve HTTPS with this certificate and key (paths or PEM). */
  tls?: TlsOptions;
  /** Bearer token of the admin API; random when not given (returned in the result). */
  adminToken?: string;
  rateLimits?: Partial<Record<KisEnv, number>>;
  logger?: LogSink;
  /** Serve this back office instead of opening a ledger (tests, benchmarks). */
  backOffice?: KisBackOffice;
  clock?: Clock;
  /**
   * Token signing secret (≥ 32 bytes). Random per process when not given, so a restart voids the
   * tokens it issued; give one (e.g. from `KISFO_TOKEN_SECRET`) to keep them across restarts.
   */
  tokenSecret?: string;
  /** Folder of the built dashboard (`@kisfo/dashboard`'s `dist`), served at `/kisfo/dashboard/`. */
  dashboardAssets?: string;
}

/** A running server. */
export interface RunningServer {
  /** Base URL of the real host, e.g. `http://127.0.0.1:9443`. */
  realUrl: string;
  /** Base URL of the paper host, e.g. `http://127.0.0.1:29443`. */
  paperUrl: string;
  /** The admin API's bearer token (given or generated). */
  adminToken: string;
  backOffice: KisBackOffice;
  /**
   * A dashboard page URL with a fresh one-time link code in its fragment (a new code per call);
   * `undefined` when the back office is not a ledger.
   */
  dashboardUrl(): string | undefined;
  /** Stop both listeners, then close the ledger. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Start the KIS-compatible server: a real and a paper listener like KIS's two hosts, sharing one
 * token registry and one back office, each answering as its own env.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 0 });
 * // point a KIS client's host URL at server.realUrl or server.paperUrl
 * process.once('SIGINT', () => server.close());
 * ```
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 9443;
  const paperPort = options.paperPort ?? (port === 0 ? 0 : 29443);
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const ledger =
    options.backOffice === undefined
      ? await openLedgerBackOffice(options)
      : { backOffice: options.backOffice, adminApp: undefined, close: () => {} };
  const { shared } = ledger as { shared?: SharedServerState };
  const secret = options.tokenSecret ?? shared?.tokenSecret;
  const tokens = new TokenRegistry({
    ...(options.clock ? { clock: options.clock } : {}),
    ...(secret ? { secret } : {}),
    ...(shared ? { state: shared.tokenState } : {}),
  });
  const limiter = shared?.limiter(options.clock ?? tokens.clock);
  const hosts: Partial<Record<KisEnv, string>> = {};
  const dashboard = isLedgerBackOffice(ledger.backOffice)
    ? createDashboardApp({
        backOffice: ledger.backOffice,
        adminToken,
        hosts: () => hosts,
        ...(options.dashboardAssets === undefined ? {} : { assetsDir: options.dashboardAssets }),
      })
    : undefined;
  const make = (env: KisEnv) =>
    createKisApp({
      env,
      backOffice: ledger.backOffice,
      tokens,
      adminToken,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(ledger.adminApp ? { adminApp: ledger.adminApp as FetchHandler } : {}),
      ...(limiter ? { limiter } : {}),
      ...(dashboard ? { dashboardApp: dashboard.app } : {}),
    });
  const listeners: Listener[] = [];
  try {
    const tls = options.tls ? { tls: options.tls } : {};
    listeners.push(await listen(make('real'), { host, port, ...tls }));
    listeners.push(await listen(make('paper'), { host, port: paperPort, ...tls }));
    hosts.real = listeners[0]!.url;
    hosts.paper = listeners[1]!.url;
  } catch (e) {
    dashboard?.close();
    await Promise.all(listeners.map((l) => l.close()));
    ledger.close();
    throw e;
  }
  let closing: Promise<void> | undefined;
  return {
    realUrl: listeners[0]!.url,
    paperUrl: listeners[1]!.url,
    adminToken,
    backOffice: ledger.backOffice,
    dashboardUrl: () => (dashboard ? `${listeners[0]!.url}${dashboard.link()}` : undefined),
    close: () => {
      dashboard?.close();
      closing ??= Promise.all(listeners.map((l) => l.close())).then(() => ledger.close());
      return closing;
    },
  };
}

function isLedgerBackOffice(bo: KisBackOffice): bo is LedgerBackOffice {
  return typeof (bo as Partial<LedgerBackOffice>).store?.listAccounts === 'function';
}
