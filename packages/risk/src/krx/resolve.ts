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

/**
 * Parsed codes per master (or none) and pivot year, shared by every index of the process: a
 * parse depends on these three inputs only and instruments are read-only, so each code is parsed
 * once per process, not once per market index (bounded, in case codes never repeat).
 */
const parsed = new WeakMap<object, Map<number, Map<string, KrxInstrument>>>();
const NO_MASTER = {};
const PARSED_PER_KEY = 100_000;

function parsedCode(
  code: string,
  pivotYear: number,
  master: KrxMarketData['master'],
): KrxInstrument {
  let byMaster = parsed.get(master ?? NO_MASTER);
  if (byMaster === undefined) {
    byMaster = new Map();
    parsed.set(master ?? NO_MASTER, byMaster);
  }
  // Keyed by year, then code: no key string built per look-up.
  let byYear = byMaster.get(pivotYear);
  if (byYear === undefined) {
    byYear = new Map();
    byMaster.set(pivotYear, byYear);
  }
  const hit = byYear.get(code);
  if (hit !== undefined) return hit;
  const ins = parseKrxCode(code, pivotYear, master);
  if (byYear.size < PARSED_PER_KEY) byYear.set(code, ins);
  return ins;
}

/**
 * A map over another one: reads fall through to the layer below unless the key is hidden here.
 * `withQuote` stacks one per derived index instead of copying every entry; a deep stack is
 * flattened into one map.
 */
class Layer<T> {
  private own = new Map<string, T>();
  private below: Layer<T> | undefined;
  private hidden: Set<string> | undefined;
  readonly depth: number;

  constructor(below?: Layer<T>, hide?: Iterable<string>) {
    this.depth = below === undefined ? 0 : below.depth + 1;
    if (below !== undefined && below.depth >= 16) {
      this.own = below.flat();
      for (const k of hide ?? []) this.own.delete(k);
      this.depth = 0;
      return;
    }
    this.below = below;
    if (below !== undefined) this.hidden = new Set(hide);
  }

  get(key: string): T | undefined {
    const v = this.own.get(key);
    if (v !== undefined || this.below === undefined || this.hidden!.has(key)) return v;
    return this.below.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: T): void {
    this.own.set(key, value);
  }

  /** Every entry seen from this layer, in one new map. */
  flat(): Map<string, T> {
    const out = this.below === undefined ? new Map<string, T>() : this.below.flat();
    for (const k of this.hidden ?? []) out.delete(k);
    for (const [k, v] of this.own) out.set(k, v);
    return out;
  }
}

/** Set by `withQuote` for the one constructor call it makes (the index it derives from). */
let deriving: KrxMarketIndex | undefined;

/** Resolves codes with a cache and looks up quotes by any of a series' codes. */
export class KrxMarketIndex {
  private readonly cache: Map<string, KrxInstrument> = new Map();
  /** Index in `market.quotes` of each parsed series' quote, by series key. */
  private quotes = new Layer<number>();
  private readonly underlyings = new Map<string, KrxUnderlyingQuote>();
  /** Quotes as `quote()` hands them out, parsed once per series (market data is immutable). */
  private quoted = new Layer<KrxQuotedSeries>();
  /** Quoted prior settlements, parsed once per series. */
  private priors = new Layer<Decimal>();
  private readonly tables = new Map<string, Map<string, unknown>>();
  /** Quote index by the code as given in the market data (not parsed yet). */
  private given = new Layer<number>();
  /** Whether every quote's code has been parsed into `quotes` (after a look-up missed). */
  private allParsed = false;
  /** 1 for each quote (by its index in `market.quotes`) whose code has been parsed. */
  private parsedQuotes: Uint8Array;
  /** Years to expiry per expiry date (few dates, many series). */
  private readonly expiries = new Map<string, number>();
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
    this.parsedQuotes = new Uint8Array(market.quotes.length);
    // Quotes are keyed by the code they were given under; a series is looked up by its standard
    // and short code, and each code is parsed only when a series is first looked up.
    const from = deriving;
    deriving = undefined;
    if (from !== undefined) {
      // withQuote: the same market but one quote; its checks were done, its maps are layered.
      this.cache = from.cache; // parses depend on asOf and the master only: shared
    } else
      market.quotes.forEach((q, i) => {
        if (typeof q.pdno !== 'string')
          throw new KrxInputError(`market.quotes[${i}].pdno`, 'KRX code must be a string');
        if (this.given.has(q.pdno))
          throw new KrxInputError(`market.quotes[${i}].pdno`, `duplicate quote for "${q.pdno}"`);
        this.given.set(q.pdno, i);
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
      ins = parsedCode(pdno, this.pivotYear, this.market.master);
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
    const i = this.quoteEntry(ins, key);
    if (i === undefined) throw new KrxInputError(path, `no market quote for "${key}"`);
    const qp = `market.quotes[${i}]`;
    // Copied field by field (a spread of an arbitrary object is many times slower here).
    const given = this.market.quotes[i]!;
    const copy: KrxQuote & { priceD: Decimal; path: string } = {
      pdno: given.pdno,
      price: given.price,
      priceD: decimalAt(given.price, `${qp}.price`),
      path: qp,
    };
    if (given.priorSettlement !== undefined) copy.priorSettlement = given.priorSettlement;
    if (given.vol !== undefined) copy.vol = given.vol;
    if (given.final !== undefined) copy.final = given.final;
    const quoted = Object.freeze(copy);
    this.quoted.set(key, quoted);
    return quoted;
  }

  /**
   * The index of this market with one series' quote replaced (or added when the series had
   * none): a new `market` object, everything else shared. Parsed codes carry over (they do not
   * depend on quotes), and so do the other series' parsed quotes; derived tables start empty.
   *
   * @example
   * ```ts
   * const next = index.withQuote({ pdno: '101S12', price: '308.10', priorSettlement: '309.10' });
   * next.market.quotes.length === index.market.quotes.length; // true: replaced, not added
   * ```
   */
  withQuote(quote: KrxQuote, path = 'quote'): KrxMarketIndex {
    const ins = this.resolve(quote.pdno, `${path}.pdno`);
    const key = instrumentKey(ins);
    const old = this.quoteEntry(ins, key);
    const quotes = [...this.market.quotes];
    const at = old === undefined ? quotes.length : old;
    const before = quotes[at];
    quotes[at] = quote;
    deriving = this;
    const next = new KrxMarketIndex({ ...this.market, quotes });
    const movedCode = before !== undefined && before.pdno !== quote.pdno ? [before.pdno] : [];
    const other = this.given.get(quote.pdno);
    if (other !== undefined && other !== at)
      throw new KrxInputError(`${path}.pdno: duplicate quote for "${quote.pdno}"`);
    // Layers over this index's maps, with the replaced series (and its old code) hidden.
    next.given = new Layer(this.given, movedCode);
    next.given.set(quote.pdno, at);
    next.quotes = new Layer(this.quotes, [key]);
    next.quoted = new Layer(this.quoted, [key]);
    next.priors = new Layer(this.priors, [key]);
    // Every code parsed here stays parsed there, but the replaced (or added) one.
    next.parsedQuotes = new Uint8Array(quotes.length);
    next.parsedQuotes.set(this.parsedQuotes);
    next.parsedQuotes[at] = 0;
    next.allParsed = this.allParsed;
    if (this.allParsed) next.parseQuote(at);
    return next;
  }

  /** The quote given for a series under either of its codes, parsing only what it must. */
  private quoteEntry(ins: KrxInstrument, key: string): number | undefined {
    const known = this.quotes.get(key);
    if (known !== undefined || this.allParsed) return known;
    const byStandard =
      ins.standardCode === undefined ? undefined : this.given.get(ins.standardCode);
    if (byStandard !== undefined) this.parseQuote(byStandard);
    const byShort = this.given.get(ins.shortCode);
    if (byShort !== undefined) this.parseQuote(byShort);
    const found = this.quotes.get(key);
    if (found !== undefined) return found;
    // Given under another spelling (e.g. a master's alias): parse them all, as a full check.
    for (let i = 0; i < this.market.quotes.length; i++) this.parseQuote(i);
    this.allParsed = true;
    return this.quotes.get(key);
  }

  private parseQuote(i: number): void {
    if (this.parsedQuotes[i] === 1) return;
    this.parsedQuotes[i] = 1;
    const q = this.market.quotes[i]!;
    const key = instrumentKey(this.resolve(q.pdno, `market.quotes[${i}].pdno`));
    const other = this.quotes.get(key);
    if (other !== undefined) {
      const later = Math.max(i, other);
      throw new KrxInputError(
        `market.quotes[${later}].pdno: duplicate quote for "${this.market.quotes[later]!.pdno}"`,
      );
    }
    this.quotes.set(key, i);
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
    let t = this.expiries.get(ins.expiry);
    if (t === undefined) {
      const ms = new Date(`${ins.expiry}T00:00:00Z`).getTime() - this.asOf.getTime();
      t = ms > 0 ? ms / (365 * 86_400_000) : 0;
      this.expiries.set(ins.expiry, t);
    }
    return t;
  }
}
