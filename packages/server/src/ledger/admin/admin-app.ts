import { KisfoInputError } from '@kisfo/protocol';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { inputErrorJson } from '../../input-error-answers.js';
import { advanceBusinessDay } from '../business-day.js';
import { type LedgerIssue, LedgerValidationError } from '../errors.js';
import {
  Checker,
  checkCurrencyMap,
  checkFill,
  checkOrder,
  checkPrice,
  checkUnderlying,
  type ItemContext,
} from '../scenario/checks.js';
import { exportScenario } from '../scenario/export.js';
import { importScenario } from '../scenario/import.js';
import type { DomesticCheckOptions } from '../services/back-office.js';
import type { AccountKind, LedgerAccount, LedgerStore } from '../store/types.js';
import { assertAnswerable as assertAnswerableWith } from './answerable.js';
import { checkLedger } from './ledger-check.js';
import {
  accountsReachedByFx,
  accountsReachedByMarketData,
  type MarketDataItem,
} from './market-data-reach.js';

/** Anything with the ledger's store (a back office from `createBackOffice`). */
export interface AdminServices {
  store?: LedgerStore;
  /**
   * Check, inside a write's transaction, that a domestic account still answers: its balance
   * computes and fits the inquiry's wire fields (a back office's kept balances, so a fill or a
   * price on a big account is not computed afresh); a fresh compute otherwise.
   */
  checkDomesticBalance?(account: LedgerAccount, options?: DomesticCheckOptions): void;
}

type Body = Record<string, unknown>;

/** The table's answer for an input error: 400 invalid input, 409 conflict; every issue listed. */
const refuse = (c: Context, e: KisfoInputError) => {
  const { status, body } = inputErrorJson(e);
  return c.json(body, status);
};
const bad = (c: Context, issues: readonly LedgerIssue[]) =>
  refuse(c, new LedgerValidationError(issues));

async function jsonBody(c: Context): Promise<Body | undefined> {
  try {
    const v = await c.req.json();
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Body) : undefined;
  } catch {
    return undefined;
  }
}

/** A list under `key`, or the body itself as a one-item list. */
function items(body: Body, key: string): { list: unknown[]; path: (i: number) => string } {
  if (Array.isArray(body[key]))
    return { list: body[key] as unknown[], path: (i) => `${key}[${i}]` };
  return { list: [body], path: () => '$' };
}

/**
 * The admin API over a ledger, as a Hono sub-app (mount it under `/kisfo/admin` behind the
 * admin token). JSON in and out; bad input answers 400 `{ error, issues: [{ path, message }] }`
 * listing every problem, and nothing is written. See the server README for the endpoints.
 *
 * @example
 * ```ts
 * const admin = createAdminApp(store);
 * const res = await admin.request('/accounts/80012345-03');
 * ```
 */
export function createAdminApp(store: LedgerStore, services?: AdminServices): Hono {
  const app = new Hono();
  const check = services?.checkDomesticBalance?.bind(services);
  const assertAnswerable = (
    s: LedgerStore,
    touched: readonly (readonly [accountId: string, path: string])[],
    options?: DomesticCheckOptions,
  ) => assertAnswerableWith(s, touched, check && ((a) => check(a, options)));
  const ctx = (): ItemContext => ({
    accounts: new Map<string, AccountKind>(store.listAccounts().map((a) => [a.id, a.kind])),
    businessDate: store.businessDate() ?? '',
  });
  const guard = async (c: Context, fn: (body: Body) => Response | Promise<Response>) => {
    const body = await jsonBody(c);
    if (body === undefined) return bad(c, [{ path: '$', message: 'expected a JSON object' }]);
    try {
      return await fn(body);
    } catch (e) {
      if (e instanceof KisfoInputError) return refuse(c, e);
      throw e;
    }
  };

  app.get('/business-day', (c) => c.json({ businessDate: store.businessDate() ?? null }));
  app.post('/business-day/advance', (c) =>
    guard(c, (body) => {
      const issues = new Checker();
      issues.date(body.nextDate, 'nextDate', true);
      if (issues.issues.length > 0) return bad(c, issues.issues);
      return c.json(advanceBusinessDay(store, body.nextDate as string | undefined));
    }),
  );

  app.get('/accounts', (c) =>
    c.json({
      accounts: store
        .listAccounts()
        .map((a) => ({ ...a, version: store.accountVersion(a.id).toString() })),
    }),
  );
  app.get('/accounts/:id', (c) => {
    const id = c.req.param('id');
    const a = store.getAccount(id);
    if (a === undefined) return c.json({ error: 'not found', path: 'id' }, 404);
    const bd = store.businessDate() ?? '';
    return c.json({
      account: a,
      version: store.accountVersion(id).toString(),
      businessDate: bd,
      deposits: store.deposits(id),
      positions: store.positions(id, bd),
      fills: store.fills(id, bd),
      orders: store.orders(id, 'open'),
      policy: store.accountPolicy?.(id) ?? { accountId: id, oneSideLiquidation: false },
    });
  });
  // Broker policy of an overseas account: one-side liquidation (일방해소), off by default.
  app.put('/accounts/:id/policy', (c) =>
    guard(c, (body) => {
      const id = c.req.param('id');
      const a = store.getAccount(id);
      if (a === undefined) return c.json({ error: 'not found', path: 'id' }, 404);
      const k = new Checker();
      if (typeof body.oneSideLiquidation !== 'boolean')
        k.add('oneSideLiquidation', 'expected true or false');
      else if (a.kind !== 'overseas')
        k.add('oneSideLiquidation', 'a policy of overseas accounts only');
      if (store.setAccountPolicy === undefined)
        k.add('$', `the ${store.backend} ledger does not store account policies`);
      if (k.issues.length > 0) return bad(c, k.issues);
      store.setAccountPolicy!({
        accountId: id,
        oneSideLiquidation: body.oneSideLiquidation as boolean,
      });
      return c.json({ policy: store.accountPolicy?.(id) });
    }),
  );
  // Every account that would not answer now, and why (reads only).
  app.get('/check', (c) => c.json(checkLedger(store)));
  app.get('/export', (c) => c.json(exportScenario(store)));
  app.post('/import', (c) => guard(c, (body) => c.json(importScenario(store, body))));

  app.post('/fills', (c) =>
    guard(c, (body) => {
      const k = new Checker();
      const x = ctx();
      const { list, path } = items(body, 'fills');
      list.forEach((f, i) => {
        checkFill(k, f, path(i), x);
      });
      if (k.issues.length > 0) return bad(c, k.issues);
      const results = store.transaction(() => {
        const written = (list as Body[]).map((f) => ({
          id: f.id as string,
          status: store.addFill({
            id: f.id as string,
            accountId: f.account as string,
            businessDate: (f.date as string | undefined) ?? x.businessDate,
            instrument: f.instrument as string,
            side: f.side as 'buy' | 'sell',
            openClose: (f.openClose as 'open' | 'close' | undefined) ?? 'open',
            qty: f.qty as number,
            price: f.price as string,
          }),
        }));
        assertAnswerable(
          store,
          (list as Body[]).map((f, i) => [f.account as string, path(i)]),
        );
        return written;
      });
      return c.json({ results }, 201);
    }),
  );

  app.post('/orders', (c) =>
    guard(c, (body) => {
      const k = new Checker();
      const x = ctx();
      const { list, path } = items(body, 'orders');
      list.forEach((o, i) => {
        checkOrder(k, o, path(i), x);
        const id = (o as Body)?.id;
        if (typeof id === 'string' && store.getOrder(id) !== undefined)
          k.add(`${path(i)}.id`, 'order id already exists');
      });
      if (k.issues.length > 0) return bad(c, k.issues);
      store.transaction(() => {
        for (const o of list as Body[]) {
          store.putOrder({
            id: o.id as string,
            accountId: o.account as string,
            businessDate: (o.date as string | undefined) ?? x.businessDate,
            instrument: o.instrument as string,
            side: o.side as 'buy' | 'sell',
            openClose: (o.openClose as 'open' | 'close' | undefined) ?? 'open',
            qty: o.qty as number,
            status: (o.status as 'open' | undefined) ?? 'open',
            ...(o.price === undefined ? {} : { price: o.price as string }),
          });
        }
        assertAnswerable(
          store,
          (list as Body[]).map((o, i) => [o.account as string, path(i)]),
        );
      });
      return c.json({ orders: list.map((o) => store.getOrder((o as Body).id as string)) }, 201);
    }),
  );
  app.post('/orders/:id/cancel', (c) => {
    const o = store.getOrder(c.req.param('id'));
    if (o === undefined) return c.json({ error: 'not found', path: 'id' }, 404);
    if (o.status !== 'open')
      return c.json(
        { error: 'conflict', issues: [{ path: 'status', message: `order is ${o.status}` }] },
        409,
      );
    store.putOrder({ ...o, status: 'cancelled' });
    return c.json({ order: store.getOrder(o.id) });
  });

  app.put('/deposits', (c) =>
    guard(c, (body) => {
      const k = new Checker();
      const x = ctx();
      const { list, path } = items(body, 'deposits');
      list.forEach((d, i) => {
        const p = path(i);
        if (!k.object(d, p)) return;
        if (k.string(d.account, `${p}.account`) && !x.accounts.has(d.account))
          k.add(`${p}.account`, `unknown account ${JSON.stringify(d.account)}`);
        if (k.string(d.currency, `${p}.currency`) && !/^[A-Z]{3}$/.test(d.currency))
          k.add(`${p}.currency`, 'expected a 3-letter currency code');
        k.decimal(d.cash, `${p}.cash`);
        k.decimal(d.substitutes, `${p}.substitutes`, { optional: true, min: 'nonneg' });
      });
      if (k.issues.length > 0) return bad(c, k.issues);
      store.transaction(() => {
        for (const d of list as Body[]) {
          const old = store.deposits(d.account as string).find((r) => r.currency === d.currency);
          store.putDeposit({
            accountId: d.account as string,
            currency: d.currency as string,
            cash: d.cash as string,
            substitutes: (d.substitutes as string | undefined) ?? old?.substitutes ?? '0',
          });
        }
        assertAnswerable(
          store,
          (list as Body[]).map((d, i) => [d.account as string, path(i)]),
        );
      });
      return c.json({
        deposits: [...new Set((list as Body[]).map((d) => d.account as string))].flatMap((id) =>
          store.deposits(id),
        ),
      });
    }),
  );

  app.put('/prices', (c) =>
    guard(c, (body) => {
      const k = new Checker();
      const bd = store.businessDate() ?? '';
      const prices = Array.isArray(body.prices) ? (body.prices as unknown[]) : [];
      const unds = Array.isArray(body.underlyings) ? (body.underlyings as unknown[]) : [];
      if (!Array.isArray(body.prices) && !Array.isArray(body.underlyings))
        k.add('$', 'expected prices and/or underlyings arrays');
      prices.forEach((p, i) => {
        checkPrice(k, p, `prices[${i}]`);
      });
      unds.forEach((u, i) => {
        checkUnderlying(k, u, `underlyings[${i}]`);
      });
      if (k.issues.length > 0) return bad(c, k.issues);
      const written: MarketDataItem[] = [];
      store.transaction(() => {
        for (const [i, p] of (prices as Body[]).entries()) {
          const date = (p.date as string | undefined) ?? bd;
          written.push({ date, instrument: p.instrument as string, path: `prices[${i}]` });
          store.putPrice({
            date,
            instrument: p.instrument as string,
            price: p.price as string,
            ...(p.priorSettlement === undefined
              ? {}
              : { priorSettlement: p.priorSettlement as string }),
            ...(p.vol === undefined ? {} : { vol: p.vol as string }),
            ...(p.final === true ? { final: true } : {}),
          });
        }
        for (const [i, u] of (unds as Body[]).entries()) {
          const date = (u.date as string | undefined) ?? bd;
          written.push({ date, group: u.group as string, path: `underlyings[${i}]` });
          store.putUnderlying({
            date,
            group: u.group as string,
            level: u.level as string,
            vol: u.vol as string,
            ...(u.finalLevel === undefined ? {} : { finalLevel: u.finalLevel as string }),
          });
        }
        // Every account holding a priced series or one on a changed underlying, on the day: on
        // its kept book if it has one, else afresh (a price may reach many; none gets a book).
        assertAnswerable(store, accountsReachedByMarketData(store, written), { keep: false });
      });
      return c.json({ prices: prices.length, underlyings: unds.length });
    }),
  );

  app.put('/fx', (c) =>
    guard(c, (body) => {
      const k = new Checker();
      k.date(body.date, 'date', true);
      checkCurrencyMap(k, body.rates, 'rates', 'positive');
      if (k.issues.length > 0) return bad(c, k.issues);
      const date = (body.date as string | undefined) ?? store.businessDate() ?? '';
      const rates = Object.entries(body.rates as Record<string, string>);
      store.transaction(() => {
        for (const [ccy, rate] of rates) store.putFx(date, ccy, rate);
        // The overseas accounts (every currency view) and the domestic ones with a deposit in a
        // written currency, on the business date; refused whole if one would not answer.
        assertAnswerable(
          store,
          accountsReachedByFx(
            store,
            date,
            rates.map(([ccy]) => ccy),
          ),
          { keep: false },
        );
      });
      return c.json({ date, rates: store.fxRates(date) });
    }),
  );
  return app;
}
