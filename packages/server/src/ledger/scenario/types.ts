/**
 * The scenario format (JSON or YAML): a whole ledger in one document. See docs/scenario-format.md.
 * Dates are YYYYMMDD; money, prices, rates are decimal strings; quantities are integers.
 */
import type {
  KrxMarginParameters,
  KrxSettlementParameters,
  OverseasRiskParameters,
} from '@kisfo/risk';

/** An app key and the accounts it may read. */
export interface ScenarioApp {
  name?: string;
  env: 'real' | 'paper';
  appkey: string;
  appsecret: string;
  custtype?: 'P' | 'B';
  rateLimitPerSecond?: number;
  /** Account ids (`80012345-03`). */
  accounts: string[];
}

/** An account with its cash by currency (and KRW substitutes for domestic accounts). */
export interface ScenarioAccount {
  /** `CANO-ACNT_PRDT_CD`, e.g. `80012345-03`. */
  id: string;
  kind: 'domestic' | 'overseas';
  name?: string;
  /** Cash per currency: `{ KRW: '100000000' }`, `{ USD: '250000.00', EUR: '80000.00' }`. */
  cash?: Record<string, string>;
  /** Substitute securities value in KRW (domestic `dnca_sbst`). */
  substitutes?: string;
}

/** A price of one instrument on `date` (default: the business date). */
export interface ScenarioPrice {
  instrument: string;
  date?: string;
  price: string;
  priorSettlement?: string;
  vol?: string;
  final?: boolean;
}

/** A domestic underlying (product group) level and volatility on `date`. */
export interface ScenarioUnderlying {
  group: string;
  date?: string;
  level: string;
  vol: string;
  finalLevel?: string;
}

/** A start-of-day position on `date` (default: the business date). */
export interface ScenarioPosition {
  account: string;
  instrument: string;
  date?: string;
  side: 'long' | 'short';
  qty: number;
  avgPrice: string;
  priorSettlement?: string;
}

/** A fill on `date` (default: the business date). */
export interface ScenarioFill {
  id: string;
  account: string;
  instrument: string;
  date?: string;
  side: 'buy' | 'sell';
  /** Default `open`. */
  openClose?: 'open' | 'close';
  qty: number;
  price: string;
}

/** A working order; `price` left out means a market order. */
export interface ScenarioOrder {
  id: string;
  account: string;
  instrument: string;
  date?: string;
  side: 'buy' | 'sell';
  openClose?: 'open' | 'close';
  qty: number;
  price?: string;
  /** Default `open`. */
  status?: 'open' | 'cancelled' | 'expired' | 'filled';
}

/** Risk parameters: inline, `"sample"` for kisfo's built-in samples, or a CME pa2 file. */
export interface ScenarioRisk {
  overseas?: 'sample' | OverseasRiskParameters | { pa2: string };
  krxMargin?: 'sample' | KrxMarginParameters;
  krxSettlement?: 'sample' | KrxSettlementParameters;
}

/** A whole ledger. */
export interface Scenario {
  /** Format version; 1. */
  version?: 1;
  businessDate: string;
  /**
   * `true`: the scenario is written relative to `businessDate` (like the demo and
   * `kisfo scenario generate`), and a server started on it moves every date and contract month to
   * today's KRX business day or the one `--business-date` names. Absent or `false`: the dates are
   * fixed and kept.
   */
  relativeDates?: boolean;
  apps?: ScenarioApp[];
  accounts: ScenarioAccount[];
  instruments?: { instrument: string; name?: string }[];
  /** FX rates by date: KRW per one unit (`{ "20250320": { "USD": "1370.00" } }`). */
  fx?: Record<string, Record<string, string>>;
  prices?: ScenarioPrice[];
  underlyings?: ScenarioUnderlying[];
  positions?: ScenarioPosition[];
  fills?: ScenarioFill[];
  orders?: ScenarioOrder[];
  risk?: ScenarioRisk;
}
