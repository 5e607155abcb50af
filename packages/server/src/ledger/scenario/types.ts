/**
 * The scenario format (JSON or YAML): a whole ledger in one document. `kisfo ledger export` writes it; the server README describes it.
 * Dates are YYYYMMDD; money, prices, rates are decimal strings; quantities are integers.
 */
import type {
  KisMasterFile,
  KisMasterRow,
  KrxMarginParameters,
  KrxProductRule,
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
  /**
   * Broker policy, overseas accounts: margin each price side alone (일방해소증거금) and charge the
   * larger when it exceeds the netted figure. Default false (standard exchange figures).
   */
  oneSideLiquidation?: boolean;
}

/**
 * A KIS master file in a scenario: its decoded lines in the file's layout, rows as parsed (what
 * an export writes), or (in a scenario file) `path`, a CP949 master file relative to it.
 */
export type ScenarioMaster =
  | { file: KisMasterFile; lines: string[] }
  | { file: KisMasterFile; rows: KisMasterRow[] }
  | { path: string };

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
  /**
   * Extra KRX product rules (checked before the built-in `KRX_PRODUCT_RULES`): a product a
   * master lists but no built-in rule covers resolves without code changes.
   */
  krxProductRules?: KrxProductRule[];
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
  /** Instrument masters (KIS master files): their products resolve and keep KIS's names. */
  masters?: ScenarioMaster[];
}
