import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { kisMasterFileOf, loadPa2RiskParameters, parseKisMaster } from '@kisfo/risk';
import YAML from 'yaml';
import { LedgerValidationError } from '../errors.js';
import type { LedgerStore } from '../store/types.js';
import { Checker } from './checks.js';
import type { Scenario } from './types.js';
import { assertScenario, scenarioMasterRows } from './validate.js';

/** What {@link importScenario} wrote. */
export interface ImportSummary {
  accounts: number;
  apps: number;
  positions: number;
  fills: number;
  orders: number;
  prices: number;
  /** Master-file rows (instrument masters). */
  masters: number;
}

/** Options of {@link importScenario}. */
export interface ImportOptions {
  /** Called inside the transaction every `progressEvery` rows (tests use it to kill mid-way). */
  onProgress?: (rows: number) => void;
  progressEvery?: number;
}

/**
 * Validate a scenario (every error, by path) and then replace the whole ledger with it in one
 * transaction: all or nothing, even if the process dies half-way.
 *
 * @throws LedgerValidationError listing every problem; nothing is written then.
 * @example
 * ```ts
 * const store = openLedger();
 * importScenario(store, DEMO_SCENARIO); // { accounts: 3, … }
 * ```
 */
export function importScenario(
  store: LedgerStore,
  value: unknown,
  options: ImportOptions = {},
): ImportSummary {
  const s = assertScenario(value);
  const bd = s.businessDate;
  let rows = 0;
  const every = options.progressEvery ?? 1000;
  const tick = () => {
    rows++;
    if (options.onProgress !== undefined && rows % every === 0) options.onProgress(rows);
  };
  return store.transaction(() => {
    store.clear();
    store.setBusinessDate(bd);
    for (const a of s.accounts) {
      const [cano, acntPrdtCd] = a.id.split('-') as [string, string];
      store.putAccount({
        id: a.id,
        cano,
        acntPrdtCd,
        kind: a.kind,
        ...(a.name === undefined ? {} : { name: a.name }),
      });
      if (a.oneSideLiquidation !== undefined) {
        if (store.setAccountPolicy === undefined)
          throw new Error(`the ${store.backend} ledger does not store account policies`);
        store.setAccountPolicy({ accountId: a.id, oneSideLiquidation: a.oneSideLiquidation });
      }
      const cash = { ...(a.cash ?? {}) };
      // Substitutes sit on the KRW row, so a domestic account always has one.
      if (a.kind === 'domestic' && cash.KRW === undefined) cash.KRW = '0';
      for (const [currency, amount] of Object.entries(cash)) {
        store.putDeposit({
          accountId: a.id,
          currency,
          cash: amount,
          substitutes: currency === 'KRW' ? (a.substitutes ?? '0') : '0',
        });
      }
    }
    for (const app of s.apps ?? []) {
      store.putApp({
        appKey: app.appkey,
        appSecret: app.appsecret,
        env: app.env,
        custtype: app.custtype ?? 'P',
        ...(app.name === undefined ? {} : { name: app.name }),
        ...(app.rateLimitPerSecond === undefined
          ? {}
          : { rateLimitPerSecond: app.rateLimitPerSecond }),
        accounts: app.accounts.map((id) => {
          const [cano, acntPrdtCd] = id.split('-') as [string, string];
          return { cano, acntPrdtCd };
        }),
      });
    }
    for (const i of s.instruments ?? []) store.putInstrument(i);
    const masterRows = scenarioMasterRows(new Checker(), s.masters);
    // (validated above with the scenario's product rules)
    if (masterRows.length > 0) {
      if (store.putMasterRows === undefined)
        throw new Error(`the ${store.backend} ledger does not store instrument masters`);
      store.putMasterRows(masterRows);
    }
    for (const [date, rates] of Object.entries(s.fx ?? {})) {
      for (const [ccy, rate] of Object.entries(rates)) store.putFx(date, ccy, rate);
    }
    for (const p of s.prices ?? []) {
      store.putPrice({ ...p, date: p.date ?? bd });
      tick();
    }
    for (const u of s.underlyings ?? []) store.putUnderlying({ ...u, date: u.date ?? bd });
    for (const p of s.positions ?? []) {
      const { account, date, ...rest } = p;
      store.putPosition({ ...rest, accountId: account, businessDate: date ?? bd });
      tick();
    }
    for (const f of s.fills ?? []) {
      const { account, date, openClose, ...rest } = f;
      store.addFill({
        ...rest,
        accountId: account,
        businessDate: date ?? bd,
        openClose: openClose ?? 'open',
      });
      tick();
    }
    for (const o of s.orders ?? []) {
      const { account, date, openClose, status, ...rest } = o;
      store.putOrder({
        ...rest,
        accountId: account,
        businessDate: date ?? bd,
        openClose: openClose ?? 'open',
        status: status ?? 'open',
      });
      tick();
    }
    const risk = s.risk ?? {};
    if (risk.overseas !== undefined) store.setRiskParameters('overseas', risk.overseas);
    if (risk.krxMargin !== undefined) store.setRiskParameters('krx-margin', risk.krxMargin);
    if (risk.krxSettlement !== undefined)
      store.setRiskParameters('krx-settlement', risk.krxSettlement);
    if (risk.krxProductRules !== undefined)
      store.setRiskParameters('krx-product-rules', risk.krxProductRules);
    return {
      accounts: s.accounts.length,
      apps: s.apps?.length ?? 0,
      positions: s.positions?.length ?? 0,
      fills: s.fills?.length ?? 0,
      orders: s.orders?.length ?? 0,
      prices: s.prices?.length ?? 0,
      masters: masterRows.length,
    };
  });
}

/**
 * Read a scenario file (`.json`, `.yaml`/`.yml`), reading `risk.overseas.pa2` (a CME pa2 file,
 * relative to the scenario) into inline parameters and each `masters[i].path` (a CP949 KIS
 * master file, relative to the scenario) into its rows. The result is validated.
 *
 * @throws LedgerValidationError for a malformed document (YAML/JSON syntax errors included).
 * @example
 * ```ts
 * importScenario(store, await loadScenarioFile('scenario.yaml'));
 * ```
 */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  const text = await readFile(path, 'utf8');
  let doc: unknown;
  try {
    doc = /\.ya?ml$/i.test(path) ? YAML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw new LedgerValidationError([
      { path: '$', message: `cannot parse ${path}: ${(e as Error).message}` },
    ]);
  }
  const risk = (doc as { risk?: { overseas?: unknown } } | null)?.risk;
  const o = risk?.overseas as { pa2?: unknown } | undefined;
  if (typeof o === 'object' && o !== null && typeof o.pa2 === 'string') {
    const file = resolve(dirname(path), o.pa2);
    try {
      (risk as { overseas: unknown }).overseas = await loadPa2RiskParameters(
        createReadStream(file, { encoding: 'latin1' }),
      );
    } catch (e) {
      throw new LedgerValidationError([
        { path: 'risk.overseas.pa2', message: `cannot read ${o.pa2}: ${(e as Error).message}` },
      ]);
    }
  }
  const masters = (doc as { masters?: unknown } | null)?.masters;
  if (Array.isArray(masters)) {
    for (const [i, m] of masters.entries()) {
      if (typeof m !== 'object' || m === null || typeof (m as { path?: unknown }).path !== 'string')
        continue;
      const rel = (m as { path: string }).path;
      try {
        const file = kisMasterFileOf(rel);
        const rows = [];
        for await (const r of parseKisMaster(file, createReadStream(resolve(dirname(path), rel))))
          rows.push(r);
        masters[i] = { file, rows };
      } catch (e) {
        throw new LedgerValidationError([
          { path: `masters[${i}].path`, message: `cannot read ${rel}: ${(e as Error).message}` },
        ]);
      }
    }
  }
  return assertScenario(doc);
}
