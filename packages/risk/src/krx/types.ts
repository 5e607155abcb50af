import type {
  DecimalLike,
  DecodedRecord,
  domesticBalancePositionFields,
  domesticBalanceSummaryFields,
} from '@kisfo/protocol';

/**
 * Input and output types of the domestic (KRX) balance, settlement and margin engines.
 *
 * Inputs are plain JSON-friendly objects: amounts and prices are decimal strings (or Decimals,
 * or safe integers), quantities are non-negative integers, instruments are referenced by their
 * KRX standard code (`KR4101SC0009`) or KIS short code (`101S12`) in `pdno`.
 */

/** Which side of the book a position is on. */
export type KrxPositionSide = 'long' | 'short';
/** Side of a fill or order. */
export type KrxTradeSide = 'buy' | 'sell';
/** Whether a fill/order opens (신규) or closes (청산/전매·환매) a position. */
export type KrxOpenClose = 'open' | 'close';

/** A position held at the start of the day (carried from the previous trading day). */
export interface KrxPosition {
  /** Standard or short code. */
  pdno: string;
  side: KrxPositionSide;
  qty: number;
  /** Average fill price of the open quantity (ccld_avg_unpr1; 본정산 basis). */
  avgPrice: DecimalLike;
  /** Previous settlement price (정산 basis); defaults to the market quote's `priorSettlement`. */
  priorSettlement?: DecimalLike;
}

/** One fill of today. Fills are applied in array order (FIFO). */
export interface KrxFill {
  fillId: string;
  pdno: string;
  side: KrxTradeSide;
  openClose: KrxOpenClose;
  qty: number;
  price: DecimalLike;
}

/** One working (unfilled) order. */
export interface KrxOpenOrder {
  orderId: string;
  pdno: string;
  side: KrxTradeSide;
  openClose: KrxOpenClose;
  /** Unfilled quantity. */
  qty: number;
  /** Limit price; market orders leave it out and are margined at the quote price. */
  price?: DecimalLike;
}

/** Today's market data for one series. */
export interface KrxQuote {
  pdno: string;
  /** Today's settlement price (or the current price intraday): `idx_clpr`. */
  price: DecimalLike;
  /** Previous trading day's settlement price. Required for carried positions. */
  priorSettlement?: DecimalLike;
  /** Implied volatility for the margin scan (0.2 = 20 %); defaults to the underlying's. */
  vol?: number;
  /** True on the last trading day: positions are finally settled at `price`. */
  final?: boolean;
}

/** Level and volatility of one product group's underlying (e.g. the KOSPI200 index). */
export interface KrxUnderlyingQuote {
  group: string;
  level: DecimalLike;
  vol: number;
  /** Final settlement level of the underlying for options expiring today (defaults to `level`). */
  finalLevel?: DecimalLike;
}

/** Market data of one day. */
export interface KrxMarketData {
  /** Trading date YYYY-MM-DD (time to expiry for option pricing is measured from it). */
  asOf: string;
  quotes: KrxQuote[];
  underlyings: KrxUnderlyingQuote[];
}

/** What the account holds at the start of the day plus today's activity. */
export interface DomesticAccountState {
  cano?: string;
  acntPrdtCd?: string;
  /** 예수금현금: KRW cash. */
  dnca_cash: DecimalLike;
  /** 외화예수금액: foreign cash at its KRW value. */
  frcr_dncl_amt: DecimalLike;
  /** 예수금대용: substitute securities value. */
  dnca_sbst: DecimalLike;
  positions: KrxPosition[];
  fills: KrxFill[];
  orders: KrxOpenOrder[];
}

/** Margin figures supplied from outside (e.g. a broker statement) instead of computed. */
export interface KrxMarginOverride {
  cash_mgna: DecimalLike;
  sbst_mgna: DecimalLike;
}

/** Input of `computeDomesticBalance`. */
export interface DomesticBalanceInput {
  account: DomesticAccountState;
  market: KrxMarketData;
  /**
   * `new KrxMarketIndex(market)`, kept by the caller between computations on the same market
   * (a fill, an order, another account): its resolved codes, parsed quotes and margin scans are
   * reused instead of rebuilt. Must be the index of this very `market` object.
   */
  marketIndex?: import('./resolve.js').KrxMarketIndex;
  /** Margin parameters; defaults to `SAMPLE_KRX_MARGIN_PARAMETERS`. */
  marginParameters?: import('./margin-params.js').KrxMarginParameters;
  /** Fee and rounding parameters; defaults to `SAMPLE_KRX_SETTLEMENT_PARAMETERS`. */
  settlementParameters?: import('./settlement-params.js').KrxSettlementParameters;
  /** MGNA_DVSN: `01` initial (개시), `02` maintenance (유지). */
  mgnaDvsn: '01' | '02';
  /** EXCC_STAT_CD: `1` 정산 (settlement-price basis), `2` 본정산 (purchase-price basis). */
  exccStatCd: '1' | '2';
  /** Use these margins for the chosen MGNA_DVSN instead of computing them. */
  marginOverride?: KrxMarginOverride;
}

/**
 * One `output1` row under its wire names, typed from the protocol's field table (so it cannot
 * drift from it): amounts are integer Decimals, prices keep 8 decimals, codes and text are strings.
 * Every field is present, the KIS-example extras (`sll_buy_dvsn_cd`, `trad_dvsn_name`) included.
 */
export type DomesticBalanceRow = Required<DecodedRecord<typeof domesticBalancePositionFields>>;

/**
 * The `output2` summary under its wire names, typed from the protocol's field table: all KRW
 * integers except `mtnc_rt` (8 decimals). Every field is present, extras included.
 */
export type DomesticBalanceSummary = Required<DecodedRecord<typeof domesticBalanceSummaryFields>>;

/** Result of `computeDomesticBalance`: every row (sorted by pdno, then long before short). */
export interface DomesticBalance {
  output1: DomesticBalanceRow[];
  output2: DomesticBalanceSummary;
}
