import { type KrxInstrument, parseKrxCode } from '@kisfo/risk';
import { isOverseasInstrument } from '../instrument-key.js';
import { ledgerKrxMaster } from '../services/masters.js';
import type { LedgerStore } from '../store/types.js';

/** One written row: a price (`instrument`) or an underlying (`group`), its date and its path. */
export type MarketDataItem =
  | { date: string; instrument: string; path: string }
  | { date: string; group: string; path: string };

/**
 * The accounts a write of prices and underlyings can change, for {@link assertAnswerable}: each
 * with the first item of the write that reaches it. Only the business date's market data enters
 * an answer checked there, so items of other dates reach no account.
 *
 * A domestic price reaches the domestic accounts with a position, a fill of the day or a working
 * order in its series (under either of its codes); an underlying reaches those holding any series
 * of its margin group. Precise rather than every domestic account: checking an account the write
 * cannot change would compute it afresh for nothing when its balance is not kept, and the
 * holders of a priced series cost one index look-up per code on SQLite
 * ({@link LedgerStore.heldInstruments}), not a read of a big account's rows (an underlying reads
 * the account's codes, to find their groups). A code that does not parse is not narrowed down:
 * it reaches every domestic account (or its account is checked). An overseas price reaches every
 * overseas account: it replaces a settlement price of the account's parameters, which value
 * options and orders across a class, and those accounts are computed afresh by the check anyway.
 *
 * @example
 * ```ts
 * accountsReachedByMarketData(store, [{ date: '20250320', instrument: '101W06', path: 'prices[0]' }]);
 * // [['50012345-01', 'prices[0]'], ['80012345-03', 'prices[0]']] (the demo's holders of 101W06)
 * ```
 */
export function accountsReachedByMarketData(
  store: LedgerStore,
  items: readonly MarketDataItem[],
): [accountId: string, path: string][] {
  const bd = store.businessDate() ?? '';
  const today = items.filter((i) => i.date === bd);
  if (today.length === 0) return [];
  const master = ledgerKrxMaster(store);
  const pivotYear = /^\d{8}$/.test(bd) ? Number(bd.slice(0, 4)) : undefined;
  const parsed = new Map<string, KrxInstrument | undefined>();
  const parse = (code: string): KrxInstrument | undefined => {
    if (!parsed.has(code)) {
      let ins: KrxInstrument | undefined;
      try {
        ins = parseKrxCode(code, pivotYear, master);
      } catch {
        ins = undefined;
      }
      parsed.set(code, ins);
    }
    return parsed.get(code);
  };
  /** What an item reaches: codes of a series (both forms), a margin group, or every account. */
  type Reach = { path: string } & (
    | { codes: Set<string>; every: boolean }
    | { group: string }
    | { overseas: true }
  );
  const reach = today.map((item): Reach => {
    if (!('instrument' in item)) return { path: item.path, group: item.group };
    if (isOverseasInstrument(item.instrument)) return { path: item.path, overseas: true };
    const ins = parse(item.instrument);
    const codes = new Set([item.instrument]);
    if (ins?.standardCode !== undefined) codes.add(ins.standardCode);
    if (ins !== undefined) codes.add(ins.shortCode);
    return { path: item.path, codes, every: ins === undefined };
  });
  const overseas = reach.find((r) => 'overseas' in r)?.path;
  const domestic = reach.filter((r): r is Exclude<Reach, { overseas: true }> => !('overseas' in r));
  const every = domestic.some((r) => 'codes' in r && r.every);
  const among = domestic.every((r) => 'codes' in r)
    ? domestic.flatMap((r) => ('codes' in r ? [...r.codes] : []))
    : undefined;
  const reached: [string, string][] = [];
  for (const a of store.listAccounts()) {
    if (a.kind !== 'domestic') {
      if (overseas !== undefined) reached.push([a.id, overseas]);
      continue;
    }
    if (domestic.length === 0) continue;
    // Only the priced codes are looked up unless an underlying needs the groups of all.
    const held = heldCodes(store, a.id, bd, among);
    if (held.size === 0 && !every) continue;
    let groups: Set<string> | undefined;
    const path = domestic.find((r) => {
      if ('codes' in r) return r.every || [...r.codes].some((c) => held.has(c));
      groups ??= new Set([...held].map((c) => parse(c)?.spec.group ?? ''));
      // A held code that does not parse could be in any group.
      return groups.has(r.group) || groups.has('');
    })?.path;
    if (path !== undefined) reached.push([a.id, path]);
  }
  return reached;
}

/**
 * The domestic codes of an account's positions and fills of `bd` and its working orders (only
 * those of `among`, when given and the store can look them up).
 */
function heldCodes(
  store: LedgerStore,
  accountId: string,
  bd: string,
  among?: readonly string[],
): Set<string> {
  let codes: Set<string>;
  if (store.heldInstruments !== undefined) {
    codes = new Set(store.heldInstruments(accountId, bd, among));
  } else {
    codes = new Set<string>();
    for (const p of store.positions(accountId, bd)) codes.add(p.instrument);
    for (const f of store.fills(accountId, bd)) codes.add(f.instrument);
    for (const o of store.orders(accountId, 'open')) codes.add(o.instrument);
  }
  for (const c of codes) if (isOverseasInstrument(c)) codes.delete(c);
  return codes;
}

/**
 * The accounts a write of FX rates for `date` can change, for {@link assertAnswerable}: none
 * unless `date` is the business date (only its rates enter an answer checked there); then every
 * overseas account (each currency view converts at the day's rates) and each domestic account
 * with a deposit in a written currency (its foreign deposits are valued at them), each with the
 * path of the first written currency that reaches it.
 *
 * @example
 * ```ts
 * accountsReachedByFx(store, '20250320', ['USD']);
 * // [['12345678-08', 'rates.USD'], ['12345678-09', 'rates.USD']] (the demo's overseas accounts)
 * ```
 */
export function accountsReachedByFx(
  store: LedgerStore,
  date: string,
  currencies: readonly string[],
): [accountId: string, path: string][] {
  if (currencies.length === 0 || date !== (store.businessDate() ?? '')) return [];
  const reached: [string, string][] = [];
  for (const a of store.listAccounts()) {
    if (a.kind !== 'domestic') {
      reached.push([a.id, `rates.${currencies[0]}`]);
      continue;
    }
    const held = new Set(store.deposits(a.id).map((d) => d.currency));
    const hit = currencies.find((c) => held.has(c));
    if (hit !== undefined) reached.push([a.id, `rates.${hit}`]);
  }
  return reached;
}
