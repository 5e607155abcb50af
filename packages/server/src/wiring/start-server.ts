import { randomBytes } from 'node:crypto';
import type { KisEnv } from '@kisfo/protocol';
import type { KisBackOffice } from '../contracts.js';
import {
  type AdminMount,
  bindWarnings,
  createAdminHostApp,
  createKisApp,
  type EpochClock,
  kisMalformedRequestAnswer,
  type Listener,
  type LogSink,
  listen,
  stderrSink,
  type TlsOptions,
  TokenRegistry,
} from '../http/index.js';
import { createDashboardApp, DASHBOARD_PATH, type LedgerBackOffice } from '../ledger/index.js';
import { openLedgerBackOffice } from './open-ledger-back-office.js';
import type { SharedServerState } from './shared-state.js';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Scenario file to import into the ledger; the built-in demo scenario when not given. */
  scenario?: string;
  /**
   * The ledger: a SQLite file, or a `postgres://` URL shared by several instances (tokens, rate
   * limits and continuation keys then hold across them); in memory when not given.
   */
  db?: string;
  /**
   * Business date of a relative scenario (the demo, a generated one): `today` (the default: today's
   * KRX business day in Korea time) or `YYYYMMDD`. A scenario with a fixed date keeps it.
   */
  businessDate?: string;
  /** Interface to bind the two KIS hosts to (default `127.0.0.1`). */
  host?: string;
  /** Port of the real host (default 9443; 0 picks a free port). */
  port?: number;
  /** Port of the paper host (default 29443, or a free port when `port` is 0). */
  paperPort?: number;
  /** Serve HTTPS with this certificate and key (paths or PEM). */
  tls?: TlsOptions;
  /** Bearer token of the admin API; random when not given (returned in the result). */
  adminToken?: string;
  /**
   * Interface of the admin listener (default `127.0.0.1`). The admin API is never served on the
   * KIS hosts; only an explicit non-loopback address here opens it to other machines.
   */
  adminHost?: string;
  /** Port of the admin listener (default 9444, or a free port when `port` is 0; see `adminUrl`). */
  adminPort?: number;
  /**
   * More sub-apps served on the admin listener beside the ledger admin API, e.g.
   * `{ path: '/kisfo/dashboard', app }`.
   */
  adminApps?: readonly AdminMount[];
  rateLimits?: Partial<Record<KisEnv, number>>;
  logger?: LogSink;
  /** Serve this back office instead of opening a ledger (tests, benchmarks). */
  backOffice?: KisBackOffice;
  clock?: EpochClock;
  /**
   * Token signing secret (≥ 32 bytes). Random per process when not given, so a restart voids the
   * tokens it issued; give one (e.g. from `KISFO_TOKEN_SECRET`) to keep them across restarts.
   */
  tokenSecret?: string;
  /** Folder of the built dashboard (`@kisfo/dashboard`'s `dist`), served at `/kisfo/dashboard/`. */
  dashboardAssets?: string;
}

/** A running server: the two KIS hosts and the admin listener. */
export interface RunningServer {
  /** Base URL of the real host, e.g. `http://127.0.0.1:9443`. */
  realUrl: string;
  /** Base URL of the paper host, e.g. `http://127.0.0.1:29443`. */
  paperUrl: string;
  /** Base URL of the admin listener, e.g. `http://127.0.0.1:41234`; the API is under `/kisfo/admin`. */
  adminUrl: string;
  /** The admin API's bearer token (given or generated). */
  adminToken: string;
  /** Warnings about the bind addresses (KIS hosts beyond loopback, say); empty when all is local. */
  warnings: string[];
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
 * token registry and one back office, each answering as its own env, and an admin listener on
 * loopback with the ledger admin API (and any `adminApps`).
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
  const adminHost = options.adminHost ?? '127.0.0.1';
  const ledger =
    options.backOffice === undefined
      ? await openLedgerBackOffice({ ...options, ...(options.clock ? { now: options.clock } : {}) })
      : { backOffice: options.backOffice, adminApp: undefined, notes: [], close: () => {} };
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
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(limiter ? { limiter } : {}),
    });
  const listeners: Listener[] = [];
  try {
    const tls = options.tls ? { tls: options.tls } : {};
    // A request the KIS hosts cannot parse still gets a KIS envelope (OPSQ2001), not Node's bare 400.
    const kis = { ...tls, malformedRequest: kisMalformedRequestAnswer };
    listeners.push(await listen(make('real'), { host, port, ...kis }));
    listeners.push(await listen(make('paper'), { host, port: paperPort, ...kis }));
    hosts.real = listeners[0]!.url;
    hosts.paper = listeners[1]!.url;
    // The dashboard is served beside the admin API, on the admin listener, never on a KIS host.
    const mounts: AdminMount[] = [
      ...(dashboard ? [{ path: DASHBOARD_PATH, app: dashboard.app }] : []),
      ...(options.adminApps ?? []),
    ];
    const admin = createAdminHostApp({
      adminToken,
      ...(ledger.adminApp ? { ledgerAdmin: ledger.adminApp } : {}),
      mounts,
      businessDate: () => ledger.backOffice.businessDate(),
      logger: options.logger ?? stderrSink,
    });
    listeners.push(
      await listen(admin, {
        host: adminHost,
        port: options.adminPort ?? (port === 0 ? 0 : 9444),
        ...tls,
      }),
    );
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
    adminUrl: listeners[2]!.url,
    adminToken,
    warnings: [...ledger.notes, ...bindWarnings(host, adminHost)],
    backOffice: ledger.backOffice,
    dashboardUrl: () => (dashboard ? `${listeners[2]!.url}${dashboard.link()}` : undefined),
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
