import type {
  DomesticBalanceInput,
  KrxGroupScan,
  OverseasClassScenarioArray,
  OverseasMarginDetailInput,
} from '@kisfo/risk';

/** Decimal fields arrive as exact decimal strings. */
export type Wire<T> = { [K in keyof T]: T[K] extends { toString(): string } ? string : T[K] };

/** `GET /api/overview`. */
export interface Overview {
  businessDate: string;
  backend: string;
  hosts: { real?: string; paper?: string };
  changedAt: string;
  accounts: {
    id: string;
    cano: string;
    acntPrdtCd: string;
    kind: 'domestic' | 'overseas';
    name: string;
    envs: ('real' | 'paper')[];
    version: string;
  }[];
}

/** `GET /api/accounts/:id/domestic`. */
export interface DomesticData {
  account: { id: string; name?: string };
  businessDate: string;
  version: string;
  query: { mgnaDvsn: '01' | '02'; exccStatCd: '1' | '2' };
  output1: Record<string, string>[];
  output2: Record<string, string>;
  /** The ledger book's initial, maintenance, orderable and margin call, as the inquiry has them. */
  figures: Record<'initial' | 'maintenance' | 'orderable' | 'marginCall', string>;
  scan: (Omit<KrxGroupScan, 'worstLoss'> & { worstLoss: string })[];
  input: DomesticBalanceInput;
}

/** A risk breakdown (exact strings). */
export interface Breakdown {
  priceVariation: string;
  spread: string;
  optionMinimum: string;
  optionValue: string;
  optionPrice: string;
  total: string;
}

/** One class of `GET /api/accounts/:id/overseas`. */
export interface OverseasClass {
  exchange: string;
  classCode: string;
  currency: string;
  method: 'span' | 'eurex' | 'general';
  inView: boolean;
  risk: { maintenance: Breakdown; initial: Breakdown } | null;
  viewRisk: { maintenance: Breakdown; initial: Breakdown } | null;
  general: Record<string, string> | null;
  viewGeneral: { initial: string | null; maintenance: string | null } | null;
  orders: Record<string, string>;
  viewOrders: Record<string, string | null> | null;
}

/** `GET /api/accounts/:id/overseas`. */
export interface OverseasData {
  account: { id: string; name?: string };
  businessDate: string;
  query: { crcyCd: string; inqrDt: string };
  currencyDecimals: number;
  output: Record<string, string | boolean>;
  equity: string;
  classes: OverseasClass[];
  scenarios: OverseasClassScenarioArray[];
  input: OverseasMarginDetailInput;
}

/** `GET /api/instruments`. */
export interface Instrument {
  kind: 'domestic' | 'overseas';
  code: string;
  name: string;
  price: string;
}
