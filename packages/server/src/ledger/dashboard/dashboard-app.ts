import { type KisEnv, KisfoInputError } from '@kisfo/protocol';
import { type Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { BackOfficeError } from '../../contracts.js';
import { inputErrorJson } from '../../input-error-answers.js';
import type { LedgerBackOffice } from '../services/back-office.js';
import {
  DashboardInputError,
  DashboardNotFoundError,
  dashboardInstruments,
  dashboardOverview,
  domesticQueryOf,
  domesticView,
  domesticWhatIfAnswer,
  overseasQueryOf,
  overseasView,
  overseasWhatIfAnswer,
} from './dashboard-data.js';
import { DashboardSessions } from './dashboard-sessions.js';
import { type LedgerChange, LedgerWatch, type LedgerWatchOptions } from './ledger-watch.js';
import { DASHBOARD_SECURITY_HEADERS, staticAsset } from './static-assets.js';

/** Where the dashboard is mounted (next to the admin API). */
export const DASHBOARD_PATH = '/kisfo/dashboard';

/** Options of {@link createDashboardApp}. */
export interface DashboardAppOptions {
  backOffice: LedgerBackOffice;
  /** The admin API's bearer token: it may read the API and mint link codes. */
  adminToken: string | undefined;
  /** Folder of the built dashboard (`index.html`, `assets/`); without it only the API answers. */
  assetsDir?: string;
  /** Base URLs of the hosts, shown by the page (filled once the listeners are up). */
  hosts?: () => Partial<Record<KisEnv, string>>;
  /** Ledger polling of the live stream. */
  watch?: LedgerWatchOptions;
  /** Keep-alive comment interval of the event stream (default 15 s). */
  keepAliveMs?: number;
}

/** The dashboard sub-app and what its host needs to drive it. */
export interface DashboardApp {
  /** Mount under {@link DASHBOARD_PATH} (paths below the prefix). */
  app: Hono;
  sessions: DashboardSessions;
  watch: LedgerWatch;
  /** The page URL path with a fresh one-time code in the fragment. */
  link(): string;
  /** End open event streams and stop watching. */
  close(): void;
}

const json = (c: Context, body: unknown, status: 200 | 201 | 400 | 401 | 404 | 409 = 200) =>
  c.json(body, status, DASHBOARD_SECURITY_HEADERS);

/**
 * The dashboard: static page and assets (no token needed: they hold no data) and a read-only
 * JSON API under `/api`, guarded by the admin token or a session token from a one-time link
 * code, plus a server-sent event stream of ledger changes. The `@kisfo/dashboard` README links its description.
 *
 * @example
 * ```ts
 * const d = createDashboardApp({ backOffice, adminToken: 't' });
 * const res = await d.app.request('/api/overview', { headers: { authorization: 'Bearer t' } });
 * ```
 */
export function createDashboardApp(options: DashboardAppOptions): DashboardApp {
  const bo = options.backOffice;
  const store = bo.store;
  const sessions = new DashboardSessions(options.adminToken);
  const watch = new LedgerWatch(store, options.watch);
  const streams = new Set<() => void>();
  const views = new BodyCache();
  const viewObjects = new ObjectCache<ReturnType<typeof domesticView>>();
  /** A cache key that changes with anything the view reads: the account's version and the date. */
  const viewKey = (c: Context) => {
    const id = c.req.param('id') ?? '';
    return `${c.req.url}|${store.accountVersion(id)}|${store.businessDate() ?? ''}`;
  };
  const app = new Hono();

  const guard = createMiddleware(async (c, next) => {
    if (!sessions.allows(c.req.header('authorization'))) {
      return c.json({ error: 'unauthorized' }, 401, {
        'WWW-Authenticate': 'Bearer',
        ...DASHBOARD_SECURITY_HEADERS,
      });
    }
    await next();
  });

  app.post('/api/session', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { code?: unknown } | undefined;
    const token = sessions.redeem(body?.code);
    if (token === undefined)
      return json(c, { error: 'unauthorized', message: 'link code unknown or already used' }, 401);
    return json(c, { token }, 201);
  });
  app.post('/api/links', (c) => {
    if (!sessions.isAdmin(c.req.header('authorization')))
      return json(c, { error: 'unauthorized', message: 'the admin token mints links' }, 401);
    const code = sessions.issueCode();
    return json(c, { code, path: `${DASHBOARD_PATH}/#code=${code}` }, 201);
  });

  app.use('/api/*', guard);
  app.get('/api/overview', (c) =>
    json(c, dashboardOverview(store, options.hosts?.() ?? {}, watch.changedAt)),
  );
  app.get('/api/instruments', (c) => json(c, { instruments: dashboardInstruments(store) }));
  app.get('/api/accounts/:id/domestic', (c) => {
    const id = c.req.param('id');
    const rows = c.req.query('rows');
    const first = rows === undefined ? undefined : Number(rows);
    if (first !== undefined && !(Number.isSafeInteger(first) && first >= 0))
      return json(
        c,
        {
          error: 'invalid input',
          issues: [{ path: 'rows', message: 'rows must be a whole number' }],
        },
        400,
      );
    const compute = () =>
      domesticView(
        bo,
        id,
        domesticQueryOf({
          mgnaDvsn: c.req.query('mgnaDvsn'),
          exccStatCd: c.req.query('exccStatCd'),
        }),
      );
    const key = `D|${id}|${c.req.query('mgnaDvsn')}|${c.req.query('exccStatCd')}|${store.accountVersion(id)}|${store.businessDate() ?? ''}`;
    if (first === undefined)
      return answer(c, () => viewObjects.get(key, compute), { cache: views, key });
    // The first rows only, without the engine input: a large book's first paint needs little.
    return answer(
      c,
      () => {
        const v = viewObjects.get(key, compute);
        const { input: _input, ...rest } = v;
        return { ...rest, output1: v.output1.slice(0, first), rowCount: v.output1.length };
      },
      { cache: views, key: `${key}|rows=${first}` },
    );
  });
  app.get('/api/accounts/:id/overseas', (c) =>
    answer(
      c,
      () =>
        overseasView(
          bo,
          c.req.param('id'),
          overseasQueryOf(store, { crcyCd: c.req.query('crcyCd'), inqrDt: c.req.query('inqrDt') }),
        ),
      { cache: views, key: viewKey(c) },
    ),
  );
  app.post('/api/accounts/:id/what-if', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    return answer(c, () => {
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new DashboardInputError('$', 'expected a JSON object');
      const id = c.req.param('id');
      const a = store.getAccount(id);
      if (a === undefined) throw new DashboardNotFoundError(`no account ${JSON.stringify(id)}`);
      const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
      return a.kind === 'domestic'
        ? domesticWhatIfAnswer(
            bo,
            id,
            domesticQueryOf({ mgnaDvsn: '01', exccStatCd: str('exccStatCd') }),
            body.positions,
          )
        : overseasWhatIfAnswer(
            bo,
            id,
            overseasQueryOf(store, { crcyCd: str('crcyCd'), inqrDt: str('inqrDt') }),
            body.positions,
          );
    });
  });

  app.get('/api/events', () => {
    const enc = new TextEncoder();
    let end = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: string, data: unknown) =>
          controller.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
        send('hello', { changedAt: watch.changedAt, businessDate: store.businessDate() ?? '' });
        const unsubscribe = watch.subscribe((change: LedgerChange) => send('ledger', change));
        const alive = setInterval(
          () => controller.enqueue(enc.encode(': keep-alive\n\n')),
          options.keepAliveMs ?? 15_000,
        );
        end = () => {
          clearInterval(alive);
          unsubscribe();
          streams.delete(end);
          try {
            controller.close();
          } catch {
            // already closed by the reader
          }
        };
        streams.add(end);
      },
      cancel() {
        end();
      },
    });
    return new Response(body, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        ...DASHBOARD_SECURITY_HEADERS,
      },
    });
  });
  app.all('/api/*', (c) => json(c, { error: 'not found' }, 404));

  app.get('*', async (c) => {
    const res =
      options.assetsDir === undefined
        ? undefined
        : await staticAsset(options.assetsDir, c.req.path);
    if (res !== undefined) return res;
    return c.text(
      options.assetsDir === undefined
        ? 'dashboard assets not configured (build @kisfo/dashboard and start with kisfo serve)'
        : 'not found',
      404,
      DASHBOARD_SECURITY_HEADERS,
    );
  });

  return {
    app,
    sessions,
    watch,
    link: () => `${DASHBOARD_PATH}/#code=${sessions.issueCode()}`,
    close: () => {
      for (const end of [...streams]) end();
      watch.stop();
    },
  };
}

/**
 * Computed view bodies by (path, query, ledger state): a 10,000-position book costs seconds to
 * compute and is read many times between changes.
 */
class BodyCache {
  private readonly map = new Map<string, string>();
  constructor(private readonly max = 8) {}
  get(key: string, make: () => unknown): string {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const body = JSON.stringify(make());
    this.map.set(key, body);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return body;
  }
}

/** The computed domestic views behind {@link BodyCache}'s variants (few: they are large). */
class ObjectCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max = 2) {}
  get(key: string, make: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit;
    const v = make();
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
    return v;
  }
}

function answer(
  c: Context,
  fn: () => unknown,
  cache?: { cache: BodyCache; key: string },
): Response {
  try {
    if (cache !== undefined) {
      const body = cache.cache.get(cache.key, fn);
      return c.body(body, 200, {
        'Content-Type': 'application/json; charset=utf-8',
        ...DASHBOARD_SECURITY_HEADERS,
      });
    }
    return json(c, fn());
  } catch (e) {
    if (e instanceof DashboardNotFoundError)
      return json(c, { error: 'not found', message: e.message }, 404);
    // The engines' and the dashboard's own refusals alike: every issue with its path.
    if (e instanceof KisfoInputError) {
      const { status, body } = inputErrorJson(e);
      return json(c, body, status);
    }
    if (e instanceof BackOfficeError)
      return json(
        c,
        { error: 'invalid input', issues: [{ path: e.msgCd, message: e.message }] },
        400,
      );
    throw e;
  }
}
