import { Decimal, type DecimalLike, issueOfMessage, KisfoInputError } from '@kisfo/protocol';
import { type KrxInstrument, parseKrxCode } from './codes.js';
import type { KrxMarketData, KrxQuote, KrxUnderlyingQuote } from './types.js';

/**
 * Malformed input of a KRX engine: one issue, whose path (`fills[2].qty`) also starts the
 * message. Give the path and the problem apart, or one `path: problem` text.
 *
 * @example
 * ```ts
 * new KrxInputError('fills[2].qty', 'must be positive').path; // 'fills[2].qty'
 * new KrxInputError('fills[2].qty: must be positive').issues[0]; // { path: 'fills[2].qty', message: 'must be positive' }
 * ```
 */
export class KrxInputError extends KisfoInputError {
  override name = 'KrxInputError';
  constructor(pathOrText: string, message?: string) {
    const issue =
      message === undefined ? issueOfMessage(pathOrText) : { path: pathOrText, message };
    super([issue], message === undefined ? pathOrText : `${pathOrText}: ${message}`);
  }

  /** The path of the offending value (`fills[2].qty`; `$` for the input as a whole). */
  get path(): string {
    return this.issues[0]!.path;
  }
}

/** Parse a decimal input or throw naming where it came from. */
export function decimalAt(value: DecimalLike | undefined, path: string): Decimal {
  if (value === undefined || value === null) throw new KrxInputError(path, 'missing');
  try {
    return Decimal.from(value);
  } catch (e) {
    throw new KrxInputError(path, (e as Error).message);
  }
}

/** A positive safe-integer quantity (zero allowed when `allowZero`). */
export function qtyAt(value: unknown, path: string, allowZero = false): number {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    throw new KrxInputError(
      path,
      `quantity must be a ${allowZero ? 'non-negative' : 'positive'} integer (got ${JSON.stringify(value)})`,
    );
  }
  return value;
}

/** A fill's checked fields: what both settlement paths need before they do any arithmetic. */
export interface CheckedKrxFill {
  qty: number;
  price: Decimal;
  buy: boolean;
  open: boolean;
}

/**
 * Check one fill's side, open/close, quantity and price (not its instrument), throwing a
 * {@link KrxInputError} that names the field at `path`.
 */
export function checkKrxFill(
  f: { side: unknown; openClose: unknown; qty: unknown; price: DecimalLike | undefined },
  path: string,
): CheckedKrxFill {
  if (f.side !== 'buy' && f.side !== 'sell') {
    throw new KrxInputError(
      `${path}.side`,
      `must be "buy" or "sell" (got ${JSON.stringify(f.side)})`,
    );
  }
  if (f.openClose !== 'open' && f.openClose !== 'close') {
    throw new KrxInputError(
      `${path}.openClose`,
      `must be "open" or "close" (got ${JSON.stringify(f.openClose)})`,
    );
  }
  const qty = qtyAt(f.qty, `${path}.qty`);
  const price = decimalAt(f.price, `${path}.price`);
  if (price.isNegative()) {
    throw new KrxInputError(`${path}.price`, `must be ≥ 0 (got ${price.toString()})`);
  }
  return { qty, price, buy: f.side === 'buy', open: f.openClose === 'open' };
}

/** Canonical key of a series: its standard code, or the short code for weekly options. */
export function instrumentKey(ins: KrxInstrument): string {
  return ins.standardCode ?? ins.shortCode;
}

/** A series' quote with its price parsed and the path of the quote in the market data. */
export type KrxQuotedSeries = Readonly<KrxQuote & { priceD: Decimal; path: string }>;

/** Resolves codes with a cache and looks up quotes by any of a series' codes. */
export class KrxMarketIndex {
  private readonly cache = new Map<string, KrxInstrument>();
  private readonly quotes = new Map<string, { quote: KrxQuote; index: number }>();
  private readonly underlyings = new Map<string, KrxUnderlyingQuote>();
  /** Quotes as `quote()` hands them out, parsed once per series (market data is immutable). */
  private readonly quoted = new Map<string, KrxQuotedSeries>();
  /** Quoted prior settlements, parsed once per series. */
  private readonly priors = new Map<string, Decimal>();
  private readonly tables = new Map<string, Map<string, unknown>>();
  readonly pivotYear: number;
  readonly asOf: Date;

  constructor(readonly market: KrxMarketData) {
    const asOf = new Date(`${market.asOf}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(market.asOf) || Number.isNaN(asOf.getTime())) {
      throw new KrxInputError(
        'market.asOf',
        `not a YYYY-MM-DD date: ${JSON.stringify(market.asOf)}`,
      );
    }
    this.asOf = asOf;
    this.pivotYear = asOf.getUTCFullYear();
    market.quotes.forEach((q, i) => {
      const ins = this.resolve(q.pdno, `market.quotes[${i}].pdno`);
      const key = instrumentKey(ins);
      if (this.quotes.has(key))
        throw new KrxInputError(`market.quotes[${i}].pdno`, `duplicate quote for "${q.pdno}"`);
      this.quotes.set(key, { quote: q, index: i });
    });
    market.underlyings.forEach((u, i) => {
      if (this.underlyings.has(u.group))
        throw new KrxInputError(`market.underlyings[${i}].group`, `duplicate "${u.group}"`);
      if (!(u.vol >= 0))
        throw new KrxInputError(`market.underlyings[${i}].vol`, `must be ≥ 0 (got ${u.vol})`);
      this.underlyings.set(u.group, u);
    });
  }

  /** The instrument of a code already resolved here, else `undefined` (no path string needed). */
  knownInstrument(pdno: unknown): KrxInstrument | undefined {
    return typeof pdno === 'string' ? this.cache.get(pdno) : undefined;
  }

  /** The quote of a series already looked up here, else `undefined`. */
  knownQuote(ins: KrxInstrument): KrxQuotedSeries | undefined {
    return this.quoted.get(instrumentKey(ins));
  }

  /** The quoted prior settlement of a series already looked up here, else `undefined`. */
  knownPrior(ins: KrxInstrument): Decimal | undefined {
    return this.priors.get(instrumentKey(ins));
  }

  /** Parse `pdno` (standard or short code) or throw `${path}: unknown KRX code "…"`. */
  resolve(pdno: unknown, path: string): KrxInstrument {
    if (typeof pdno !== 'string') throw new KrxInputError(path, 'KRX code must be a string');
    const hit = this.cache.get(pdno);
    if (hit !== undefined) return hit;
    let ins: KrxInstrument;
    try {
      ins = parseKrxCode(pdno, this.pivotYear, this.market.master);
    } catch (e) {
      throw new KrxInputError(path, `unknown KRX code "${pdno}" (${(e as Error).message})`);
    }
    this.cache.set(pdno, ins);
    return ins;
  }

  /**
   * The quote of a series or throw `${path}: no market quote for "…"`. The price is parsed once
   * per series and the same frozen object is handed out on every call (no copy per call).
   */
  quote(ins: KrxInstrument, path: string): KrxQuotedSeries {
    const key = instrumentKey(ins);
    const hit = this.quoted.get(key);
    if (hit !== undefined) return hit;
    const q = this.quotes.get(key);
    if (q === undefined) throw new KrxInputError(path, `no market quote for "${key}"`);
    const qp = `market.quotes[${q.index}]`;
    const quoted = Object.freeze({
      ...q.quote,
      priceD: decimalAt(q.quote.price, `${qp}.price`),
      path: qp,
    });
    this.quoted.set(key, quoted);
    return quoted;
  }

  /** Prior settlement of a series' quote, or throw naming both places it could have come from. */
  priorSettlement(ins: KrxInstrument, override: DecimalLike | undefined, path: string): Decimal {
    if (override !== undefined) return decimalAt(override, `${path}.priorSettlement`);
    const q = this.quote(ins, `${path}.pdno`);
    const key = instrumentKey(ins);
    const hit = this.priors.get(key);
    if (hit !== undefined) return hit;
    if (q.priorSettlement === undefined) {
      throw new KrxInputError(
        `${path}.priorSettlement`,
        `missing (and ${q.path}.priorSettlement is not given)`,
      );
    }
    const prior = decimalAt(q.priorSettlement, `${q.path}.priorSettlement`);
    this.priors.set(key, prior);
    return prior;
  }

  /**
   * A table of values derived from this market data alone, per `purpose` (which must name every
   * other input the values depend on): engines keep per-series results here, e.g. margin scans
   * per scan range, so a caller that keeps the index between computations (one fill after
   * another, same prices) gets them computed once. Entries live as long as the index.
   *
   * @example
   * ```ts
   * const scans = market.derivedTable<Float64Array>(`scan|${range}|${points}`);
   * ```
   */
  derivedTable<T>(purpose: string): Map<string, T> {
    let table = this.tables.get(purpose);
    if (table === undefined) {
      table = new Map();
      this.tables.set(purpose, table);
    }
    return table as Map<string, T>;
  }

  /** The underlying quote of a product group or throw. */
  underlying(group: string, path: string): KrxUnderlyingQuote {
    const u = this.underlyings.get(group);
    if (u === undefined)
      throw new KrxInputError(path, `no market.underlyings entry for group "${group}"`);
    return u;
  }

  /** Years from `asOf` to the series' last trading day (0 when past), ACT/365. */
  timeToExpiry(ins: KrxInstrument): number {
    const ms = new Date(`${ins.expiry}T00:00:00Z`).getTime() - this.asOf.getTime();
    return ms > 0 ? ms / (365 * 86_400_000) : 0;
  }
}
