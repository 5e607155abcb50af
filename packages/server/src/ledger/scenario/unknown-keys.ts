import type { LedgerIssue } from '../errors.js';

/** The keys each list item of a scenario may have (the scenario format's own list). */
const ITEM_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  apps: new Set([
    'name',
    'env',
    'appkey',
    'appsecret',
    'custtype',
    'rateLimitPerSecond',
    'accounts',
  ]),
  accounts: new Set(['id', 'kind', 'name', 'cash', 'substitutes', 'oneSideLiquidation']),
  instruments: new Set(['instrument', 'name']),
  prices: new Set(['instrument', 'date', 'price', 'priorSettlement', 'vol', 'final']),
  underlyings: new Set(['group', 'date', 'level', 'vol', 'finalLevel']),
  positions: new Set([
    'account',
    'instrument',
    'date',
    'side',
    'qty',
    'avgPrice',
    'priorSettlement',
  ]),
  fills: new Set(['id', 'account', 'instrument', 'date', 'side', 'openClose', 'qty', 'price']),
  orders: new Set([
    'id',
    'account',
    'instrument',
    'date',
    'side',
    'openClose',
    'qty',
    'price',
    'status',
  ]),
};
const RISK_KEYS = new Set(['overseas', 'krxMargin', 'krxSettlement', 'krxProductRules']);

/**
 * Every key of a scenario's list items (and of `risk`) that the format does not know, by path
 * (`positions[2].avgprice: unknown key`): a misspelt key is an error, never silently ignored.
 *
 * @example
 * ```ts
 * unknownKeyIssues({ positions: [{ account: 'A', qtty: 1 }] }); // [{ path: 'positions[0].qtty', … }]
 * ```
 */
export function unknownKeyIssues(scenario: Record<string, unknown>): LedgerIssue[] {
  const out: LedgerIssue[] = [];
  const check = (v: unknown, known: ReadonlySet<string>, path: string) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
    for (const k of Object.keys(v)) {
      if (!known.has(k)) out.push({ path: `${path}.${k}`, message: 'unknown key' });
    }
  };
  for (const [list, known] of Object.entries(ITEM_KEYS)) {
    const items = scenario[list];
    if (!Array.isArray(items)) continue;
    for (const [i, v] of items.entries()) check(v, known, `${list}[${i}]`);
  }
  check(scenario.risk, RISK_KEYS, 'risk');
  return out;
}
