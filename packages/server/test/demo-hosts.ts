// The demo ledger behind its two in-process hosts, for tests that write through the admin API and
// read through KIS's inquiries: one back office, the admin app (`app.request`), and the real KIS
// host with a token already issued. Time moves one second per inquiry, so the 20/s limit never
// answers in place of the ledger.

import { marginDetailCurrencies } from '@kisfo/protocol';
import {
  createAdminApp,
  createBackOffice,
  createKisApp,
  DEMO_SCENARIO,
  importScenario,
  type LedgerStore,
  type Scenario,
  TokenRegistry,
} from '../src/index.js';
import { balanceQuery, issueToken, kisHeaders, marginQuery, T0 } from './http-harness.js';

/** An admin API answer: its status and parsed JSON body. */
export type AdminAnswer = { status: number; body: Record<string, unknown> };

/**
 * `scenario` (the demo by default) imported into `store`, with its hosts. `adminChecks: 'fresh'`
 * gives the admin API no back office, so its answerable checks compute afresh instead of on the
 * kept balances.
 *
 * @example
 * ```ts
 * const { ask, call } = await demoHosts(openLedger());
 * await call('PUT', '/fx', { rates: { USD: '1400.00' } });
 * const res = await ask(balanceQuery('80012345', '03'), 'CTFO6118R');
 * ```
 */
export async function demoHosts(
  store: LedgerStore,
  options: { scenario?: Scenario; adminChecks?: 'kept' | 'fresh' } = {},
) {
  importScenario(store, options.scenario ?? DEMO_SCENARIO);
  const bo = createBackOffice(store);
  const admin = createAdminApp(store, options.adminChecks === 'fresh' ? undefined : bo);
  let now = T0;
  const kis = createKisApp({
    env: 'real',
    backOffice: bo,
    tokens: new TokenRegistry({ clock: () => now }),
    clock: () => now,
    logger: () => {},
  });
  const app = store.listApps().find((a) => a.env === 'real')!;
  const token = await issueToken((p, i) => Promise.resolve(kis.request(p, i)), app);
  /** One KIS inquiry, a second after the one before. */
  const ask = (path: string, trId: string): Promise<Response> => {
    now += 1000;
    return Promise.resolve(kis.request(path, { headers: kisHeaders(app, token, trId) }));
  };
  /** One admin API call with a JSON body. */
  const call = async (method: string, path: string, body?: unknown): Promise<AdminAnswer> => {
    const res = await admin.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /**
   * Every answer of `ids` (default: every account) as the bytes a client receives, one line per
   * inquiry (`id status tr_cont body`): a domestic account's balance, each currency view of an
   * overseas account's margin detail on the business date.
   */
  const answers = async (ids = store.listAccounts().map((a) => a.id)): Promise<string[]> => {
    const out: string[] = [];
    const bd = store.businessDate() ?? '';
    for (const id of ids) {
      const [cano, acnt] = id.split('-') as [string, string];
      const asks =
        store.getAccount(id)?.kind === 'domestic'
          ? [[balanceQuery(cano, acnt), 'CTFO6118R'] as const]
          : VIEWS.map((v) => [marginQuery(cano, acnt, v, bd), 'OTFM3115R'] as const);
      for (const [path, trId] of asks) {
        const res = await ask(path, trId);
        out.push(`${id} ${res.status} ${res.headers.get('tr_cont')} ${await res.text()}`);
      }
    }
    return out;
  };
  return { bo, ask, call, answers };
}

const VIEWS = Object.keys(marginDetailCurrencies);
