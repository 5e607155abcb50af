import { Decimal } from '@kisfo/protocol';
import {
  type OverseasBalanceInput,
  type OverseasCurrency,
  type OverseasMarginDetailInput,
  type OverseasOrderInput,
  type OverseasPositionInput,
  type OverseasRiskParameters,
  type OverseasViewCurrency,
  overseasContractKey,
  overseasProductsFromFfcode,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
  withFfcodeProducts,
} from '@kisfo/risk';
import { isOverseasInstrument, parseOverseasInstrument } from '../instrument-key.js';
import type { LedgerAccount, LedgerStore } from '../store/types.js';

/** The stored overseas parameters (`"sample"` → the built-in samples), or `undefined`. */
export function overseasRiskParametersOf(store: LedgerStore): OverseasRiskParameters | undefined {
  const v = store.riskParameters('overseas');
  if (v === undefined) return undefined;
  return v === 'sample' ? SAMPLE_OVERSEAS_RISK_PARAMETERS : (v as OverseasRiskParameters);
}

const ffcodeOf = new WeakMap<object, ReturnType<typeof overseasProductsFromFfcode>>();

/** Tick size, tick value and multiplier from the ledger's `ffcode.mst` rows, when loaded. */
function withLedgerFfcode(
  params: OverseasRiskParameters,
  store: LedgerStore,
): OverseasRiskParameters {
  const rows = store.masterRows?.();
  if (rows === undefined || rows.length === 0) return params;
  let products = ffcodeOf.get(rows);
  if (products === undefined) {
    products = overseasProductsFromFfcode(rows);
    ffcodeOf.set(rows, products);
  }
  return withFfcodeProducts(params, products);
}

/**
 * Ledger prices of `date` override the parameters' settlement prices (option value, order
 * premium); risk arrays stay as the parameter file gives them.
 */
function withPrices(
  params: OverseasRiskParameters,
  store: LedgerStore,
  date: string,
): OverseasRiskParameters {
  const prices = new Map<string, string>();
  for (const p of store.prices(date)) {
    if (!isOverseasInstrument(p.instrument)) continue;
    const ref = parseOverseasInstrument(p.instrument);
    if (ref === undefined) continue;
    const strike = ref.strike === undefined ? undefined : Decimal.parse(String(ref.strike));
    const key = `${ref.exchange}:${ref.classCode}|${overseasContractKey(ref.kind ?? 'future', ref.contractMonth, strike)}`;
    prices.set(key, p.price);
  }
  if (prices.size === 0) return params;
  return {
    ...params,
    classes: params.classes.map((c) => ({
      ...c,
      contracts: c.contracts.map((k) => {
        const strike = k.strike === undefined ? undefined : Decimal.parse(k.strike);
        const p = prices.get(
          `${c.exchange}:${c.classCode}|${overseasContractKey(k.kind, k.contractMonth, strike)}`,
        );
        return p === undefined ? k : { ...k, settlementPrice: p };
      }),
    })),
  };
}

/**
 * Net positions of an overseas account at the end of `date`: start-of-day positions plus that
 * day's fills (long > 0, short < 0), closed-out series left out.
 */
export function overseasPositionsOf(
  store: LedgerStore,
  accountId: string,
  date: string,
): OverseasPositionInput[] {
  const net = new Map<string, bigint>();
  const add = (instrument: string, q: bigint) =>
    net.set(instrument, (net.get(instrument) ?? 0n) + q);
  for (const p of store.positions(accountId, date)) {
    add(p.instrument, p.side === 'long' ? BigInt(p.qty) : -BigInt(p.qty));
  }
  for (const f of store.fills(accountId, date)) {
    add(f.instrument, f.side === 'buy' ? BigInt(f.qty) : -BigInt(f.qty));
  }
  const out: OverseasPositionInput[] = [];
  for (const [instrument, q] of net) {
    if (q === 0n) continue;
    const ref = parseOverseasInstrument(instrument);
    if (ref === undefined) throw new Error(`account ${accountId}: bad instrument ${instrument}`);
    out.push({ ...ref, quantity: q.toString() });
  }
  return out;
}

/**
 * Map the ledger rows of an overseas account into the margin-detail engine's input for one
 * date and view. Orders count only on the business date (they are day orders).
 *
 * @example
 * ```ts
 * computeOverseasMarginDetail(overseasMarginInput(store, account, { crcyCd: 'TKR', inqrDt: '20250320' }));
 * ```
 */
export function overseasMarginInput(
  store: LedgerStore,
  account: LedgerAccount,
  query: { crcyCd: OverseasViewCurrency; inqrDt: string },
): OverseasMarginDetailInput {
  const bd = store.businessDate() ?? '';
  const params = overseasRiskParametersOf(store) ?? { classes: [] };
  const balances: OverseasBalanceInput[] = store.deposits(account.id).map((d) => ({
    currency: d.currency as OverseasCurrency | 'KRW',
    equity: d.cash,
  }));
  const orders: OverseasOrderInput[] =
    query.inqrDt !== bd
      ? []
      : store.orders(account.id, 'open').map((o) => {
          const ref = parseOverseasInstrument(o.instrument);
          if (ref === undefined) throw new Error(`order ${o.id}: bad instrument ${o.instrument}`);
          const order: OverseasOrderInput = {
            ...ref,
            side: o.side,
            quantity: o.qty,
            priceType: o.price === undefined ? 'market' : 'limit',
            openClose: o.openClose,
          };
          if (o.price !== undefined) order.price = o.price;
          return order;
        });
  return {
    account: { cano: account.cano, acnt_prdt_cd: account.acntPrdtCd, balances },
    positions: overseasPositionsOf(store, account.id, query.inqrDt),
    orders,
    riskParameters: withPrices(withLedgerFfcode(params, store), store, query.inqrDt),
    fxRates: store.fxRates(query.inqrDt),
    inqrDt: query.inqrDt,
    crcyCd: query.crcyCd,
    // A broker policy per account (off by default): standard SPAN / EUREX figures unless asked.
    oneSideLiquidation: store.accountPolicy?.(account.id)?.oneSideLiquidation ?? false,
  };
}
