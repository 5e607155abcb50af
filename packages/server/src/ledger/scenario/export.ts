import type { LedgerStore } from '../store/types.js';
import type {
  Scenario,
  ScenarioAccount,
  ScenarioFill,
  ScenarioMaster,
  ScenarioOrder,
  ScenarioPosition,
  ScenarioPrice,
  ScenarioRisk,
  ScenarioUnderlying,
} from './types.js';

/**
 * Export the whole ledger in the scenario format, so `importScenario(exportScenario(store))`
 * rebuilds the same ledger. Dates equal to the business date are left out.
 *
 * @example
 * ```ts
 * writeFileSync('ledger.json', JSON.stringify(exportScenario(store), null, 2));
 * ```
 */
export function exportScenario(store: LedgerStore): Scenario {
  const bd = store.businessDate() ?? '';
  const dated = <T extends object>(row: T, date: string): T =>
    date === bd ? row : { ...row, date };
  const accounts: ScenarioAccount[] = [];
  const positions: ScenarioPosition[] = [];
  const fills: ScenarioFill[] = [];
  const orders: ScenarioOrder[] = [];
  for (const a of store.listAccounts()) {
    const out: ScenarioAccount = { id: a.id, kind: a.kind };
    if (a.name !== undefined) out.name = a.name;
    const cash: Record<string, string> = {};
    for (const d of store.deposits(a.id)) {
      cash[d.currency] = d.cash;
      if (d.currency === 'KRW' && a.kind === 'domestic') out.substitutes = d.substitutes;
    }
    out.cash = cash;
    const policy = store.accountPolicy?.(a.id);
    if (policy !== undefined) out.oneSideLiquidation = policy.oneSideLiquidation;
    accounts.push(out);
    for (const date of store.positionDates(a.id)) {
      for (const p of store.positions(a.id, date)) {
        const row: ScenarioPosition = {
          account: a.id,
          instrument: p.instrument,
          side: p.side,
          qty: p.qty,
          avgPrice: p.avgPrice,
        };
        if (p.priorSettlement !== undefined) row.priorSettlement = p.priorSettlement;
        positions.push(dated(row, date));
      }
    }
    for (const f of store.fills(a.id)) {
      fills.push(
        dated(
          {
            id: f.id,
            account: a.id,
            instrument: f.instrument,
            side: f.side,
            openClose: f.openClose,
            qty: f.qty,
            price: f.price,
          },
          f.businessDate,
        ),
      );
    }
    for (const o of store.orders(a.id)) {
      const row: ScenarioOrder = {
        id: o.id,
        account: a.id,
        instrument: o.instrument,
        side: o.side,
        openClose: o.openClose,
        qty: o.qty,
        status: o.status,
      };
      if (o.price !== undefined) row.price = o.price;
      orders.push(dated(row, o.businessDate));
    }
  }
  const fx: Record<string, Record<string, string>> = {};
  for (const d of store.fxDates()) fx[d] = store.fxRates(d);
  const prices: ScenarioPrice[] = [];
  const underlyings: ScenarioUnderlying[] = [];
  for (const d of store.priceDates()) {
    for (const p of store.prices(d)) {
      const { date, ...rest } = p;
      prices.push(dated(rest, date));
    }
    for (const u of store.underlyings(d)) {
      const { date, ...rest } = u;
      underlyings.push(dated(rest, date));
    }
  }
  const risk: ScenarioRisk = {};
  const o = store.riskParameters('overseas');
  if (o !== undefined) risk.overseas = o as ScenarioRisk['overseas'];
  const m = store.riskParameters('krx-margin');
  if (m !== undefined) risk.krxMargin = m as ScenarioRisk['krxMargin'];
  const st = store.riskParameters('krx-settlement');
  if (st !== undefined) risk.krxSettlement = st as ScenarioRisk['krxSettlement'];
  const pr = store.riskParameters('krx-product-rules');
  if (pr !== undefined) risk.krxProductRules = pr as ScenarioRisk['krxProductRules'];
  const masters: ScenarioMaster[] = [];
  for (const r of store.masterRows?.() ?? []) {
    const last = masters[masters.length - 1];
    if (last !== undefined && 'rows' in last && last.file === r.file) last.rows.push(r);
    else masters.push({ file: r.file, rows: [r] });
  }
  return {
    version: 1,
    businessDate: bd,
    apps: store.listApps().map((a) => ({
      ...(a.name === undefined ? {} : { name: a.name }),
      env: a.env,
      appkey: a.appKey,
      appsecret: a.appSecret,
      custtype: a.custtype,
      ...(a.rateLimitPerSecond === undefined ? {} : { rateLimitPerSecond: a.rateLimitPerSecond }),
      accounts: a.accounts.map((r) => `${r.cano}-${r.acntPrdtCd}`),
    })),
    accounts,
    instruments: store.instruments(),
    fx,
    prices,
    underlyings,
    positions,
    fills,
    orders,
    risk,
    ...(masters.length === 0 ? {} : { masters }),
  };
}
