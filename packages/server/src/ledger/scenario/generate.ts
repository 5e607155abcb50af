import { Decimal } from '@kisfo/protocol';
import { krxYearSymbol } from '@kisfo/risk';
import { DEMO_SCENARIO } from './demo.js';
import type { Scenario, ScenarioFill, ScenarioPosition, ScenarioPrice } from './types.js';

/** Options of {@link generateScenario}. */
export interface GenerateScenarioOptions {
  /** Domestic positions in total (default 1,000). */
  positions?: number;
  /** Domestic accounts to spread them over (default: as few as the series universe allows). */
  accounts?: number;
  /** Today's opening fills per account (default 10). */
  fillsPerAccount?: number;
  /** PRNG seed; the same seed gives the same scenario (default 1). */
  seed?: number;
  /** Business date YYYYMMDD (default the demo's, 20250320). */
  businessDate?: string;
}

// mulberry32: tiny, deterministic, good enough for synthetic books.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUTURES = ['101', '105'];
const OPTIONS = ['201', '301', '205', '305'];
const STRIKES = Array.from({ length: 120 }, (_, i) => 250 + i * 2.5);
const LEVEL = 345;

/** KRX series listed after the business date: 21 monthly expiries, futures and options. */
function seriesUniverse(businessDate: string): string[] {
  const y0 = Number(businessDate.slice(0, 4));
  const m0 = Number(businessDate.slice(4, 6));
  const out: string[] = [];
  for (let k = 1; k <= 21; k++) {
    const y = y0 + Math.floor((m0 - 1 + k) / 12);
    const m = ((m0 - 1 + k) % 12) + 1;
    const ym = `${krxYearSymbol(y)}${String(m).padStart(2, '0')}`;
    for (const p of FUTURES) out.push(`${p}${ym}`);
    for (const p of OPTIONS) for (const s of STRIKES) out.push(`${p}${ym}${Math.floor(s)}`);
  }
  return out;
}

function priceOf(code: string, rnd: () => number, months: number): Decimal {
  if (FUTURES.includes(code.slice(0, 3))) {
    const tick = code.startsWith('105') ? 0.02 : 0.05;
    return Decimal.fromFloat(Math.round((LEVEL + rnd() * 4 - 2) / tick) * tick, 2, 'half-up');
  }
  const strike = STRIKES.find((s) => Math.floor(s) === Number(code.slice(6))) ?? LEVEL;
  const call = code.startsWith('2');
  const intrinsic = Math.max(0, call ? LEVEL - strike : strike - LEVEL);
  // A rough time value: enough for valuation; the margin scan prices options itself.
  const tv =
    LEVEL * 0.18 * Math.sqrt(months / 12) * 0.4 * Math.exp(-((strike - LEVEL) ** 2) / 2000);
  return Decimal.fromFloat(Math.max(0.01, intrinsic + tv), 2, 'half-up');
}

/**
 * A synthetic domestic ledger for load tests and benchmarks: `positions` carried positions over
 * KOSPI200 and mini KOSPI200 futures and options (21 monthly expiries, 120 strikes), spread over
 * `accounts` accounts, with prices, underlyings, a few fills per account and an app (the demo's
 * real app key) that may read every account. Deterministic for a seed. Written relative to its
 * business date (`relativeDates: true`): a server started on it moves it to today's.
 *
 * @example
 * ```ts
 * importScenario(store, generateScenario({ positions: 10_000, accounts: 1, seed: 7 }));
 * ```
 */
export function generateScenario(options: GenerateScenarioOptions = {}): Scenario {
  const bd = options.businessDate ?? DEMO_SCENARIO.businessDate;
  const total = options.positions ?? 1000;
  const universe = seriesUniverse(bd);
  const accounts = Math.max(options.accounts ?? 1, Math.ceil(total / universe.length));
  const rnd = prng(options.seed ?? 1);
  const prices = new Map<string, ScenarioPrice>();
  const price = (code: string): ScenarioPrice => {
    let p = prices.get(code);
    if (p === undefined) {
      const months = 1 + universe.indexOf(code) / (universe.length / 21);
      const today = priceOf(code, rnd, months);
      const prior = Decimal.max(today.add(Decimal.fromFloat(rnd() * 2 - 1, 2, 'half-up')), '0.01');
      p = { instrument: code, price: today.toFixed(2), priorSettlement: prior.toFixed(2) };
      prices.set(code, p);
    }
    return p;
  };
  const ids: string[] = [];
  const positions: ScenarioPosition[] = [];
  const fills: ScenarioFill[] = [];
  for (let a = 0; a < accounts; a++) {
    const id = `${String(70000000 + a).padStart(8, '0')}-03`;
    ids.push(id);
    const n = Math.floor(total / accounts) + (a < total % accounts ? 1 : 0);
    // A partial Fisher–Yates shuffle picks n distinct series (KRX nets long and short).
    const pool = [...universe];
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(rnd() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
      const code = pool[i]!;
      const p = price(code);
      positions.push({
        account: id,
        instrument: code,
        side: rnd() < 0.5 ? 'long' : 'short',
        qty: 1 + Math.floor(rnd() * 20),
        avgPrice: p.priorSettlement!,
      });
    }
    const fillsPerAccount = Math.min(options.fillsPerAccount ?? 10, pool.length - n);
    for (let k = 0; k < fillsPerAccount; k++) {
      const code = pool[n + k]!;
      fills.push({
        id: `G-${a}-${k}`,
        account: id,
        instrument: code,
        side: rnd() < 0.5 ? 'buy' : 'sell',
        openClose: 'open',
        qty: 1 + Math.floor(rnd() * 5),
        price: price(code).price,
      });
    }
  }
  const demoApp = DEMO_SCENARIO.apps![0]!;
  return {
    version: 1,
    businessDate: bd,
    relativeDates: true,
    apps: [{ ...demoApp, accounts: ids }],
    accounts: ids.map((id) => ({
      id,
      kind: 'domestic',
      cash: { KRW: '10000000000' },
      substitutes: '2000000000',
    })),
    underlyings: [{ group: 'KOSPI200', level: String(LEVEL), vol: '0.18' }],
    prices: [...prices.values()].sort((x, y) => (x.instrument < y.instrument ? -1 : 1)),
    positions,
    fills,
    orders: [],
    risk: { krxMargin: 'sample', krxSettlement: 'sample' },
  };
}
