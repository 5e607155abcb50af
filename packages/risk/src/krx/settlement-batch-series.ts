import { Decimal, type DecimalLike } from '@kisfo/protocol';
import type { KrxInstrument } from './codes.js';
import { decimalAt, instrumentKey, KrxInputError, type KrxMarketIndex } from './resolve.js';
import {
  type Fixed,
  grown,
  keepShape,
  newScale,
  type RowRef,
  rescale,
  type Scale,
  scanPlainDecimal,
  splitDecimal,
} from './settlement-batch-columns.js';
import type { KrxSettlementParameters } from './settlement-params.js';

// Read once: called per position, and an imported binding may be read through a getter.
const scanPlain = scanPlainDecimal;

/** What the batch keeps per series while reading accounts (each looked up once). */
interface SeriesRow {
  ins: KrxInstrument;
  key: string;
  price?: Decimal;
  /** The quote's prior settlement, once asked for (split into `quotePriorC` once used). */
  quotePrior?: Decimal;
  final: boolean;
  finalValue?: Decimal;
  rate?: Decimal;
  quotePath: string;
}

/** The series columns of a batch, at the batch's common scales. */
export interface SeriesColumns {
  seriesKey: string[];
  seriesInstrument: KrxInstrument[];
  seriesFuture: Uint8Array;
  seriesMultiplier: Float64Array;
  seriesPrice: Float64Array;
  seriesFeeRate: Float64Array;
  seriesFeeRateScale: Int32Array;
  seriesFinal: Uint8Array;
  seriesFinalValue: Float64Array;
}

/** `BatchSeries.ready` bit: today's price looked up (`needPrice`). */
export const SERIES_PRICED = 1;
/** `BatchSeries.ready` bit: fee rate looked up (`needRate`). */
export const SERIES_RATED = 2;
/** `BatchSeries.ready` bit: the quote's prior settlement split, in `quotePriorC` / `quotePriorS`. */
export const SERIES_QUOTE_PRIOR = 4;
/** `BatchSeries.ready` bit: the quote is `final` (set with `SERIES_PRICED`). */
export const SERIES_FINAL = 8;

/**
 * What the one-pass reader reads per row, kept apart from the class in a plain object (see
 * `BatchLegs` for why): series number by code as written in the rows, the `SERIES_…` bits of
 * each series and the split quote priors. The arrays grow as series are added, so a reader
 * reads them again after calling any `BatchSeries` method.
 */
export interface SeriesState {
  byCode: Map<string, number>;
  ready: Uint8Array;
  quotePriorC: Float64Array;
  quotePriorS: Int32Array;
  /** Some series quoted so far is `final` (its expiry day). */
  anyFinal: boolean;
  /** The batch's price scale so far (`BatchSeries.priceScale`). */
  priceScale: Scale;
}

function seriesState(priceScale: Scale): SeriesState {
  return {
    byCode: new Map(),
    ready: new Uint8Array(16),
    quotePriorC: new Float64Array(16),
    quotePriorS: new Int32Array(16),
    anyFinal: false,
    priceScale,
  };
}
keepShape(seriesState(newScale()));

/**
 * The series of a batch: every code resolved, quoted, given its prior settlement, fee rate and
 * (for expiring options) exercise value once, however many rows name it. Errors are those of
 * `settleKrxDay`, at the path of the first row that needed the value.
 * What the one-pass reader needs per row is in `state`.
 */
export class BatchSeries {
  readonly rows: SeriesRow[] = [];
  readonly #byKey = new Map<string, number>();
  readonly state: SeriesState;

  constructor(
    private readonly index: KrxMarketIndex,
    private readonly parameters: KrxSettlementParameters,
    /** Scale of every price in the batch (prices, priors, fill prices, exercise values). */
    readonly priceScale: Scale,
  ) {
    this.state = seriesState(priceScale);
  }

  /** Series number of a code (standard or short), resolving it on first sight. */
  of(pdno: unknown, at: RowRef): number {
    const hit = typeof pdno === 'string' ? this.state.byCode.get(pdno) : undefined;
    if (hit !== undefined) return hit;
    const ins = this.index.resolve(pdno, at.path('.pdno'));
    const key = instrumentKey(ins);
    let s = this.#byKey.get(key);
    if (s === undefined) {
      s = this.rows.length;
      // Every field from the start: one object shape for every row of every batch (a property
      // added later makes a shape that dies with the batch, and optimised code that checked it
      // is thrown away at the next GC).
      this.rows.push({
        ins,
        key,
        price: undefined,
        quotePrior: undefined,
        final: false,
        finalValue: undefined,
        rate: undefined,
        quotePath: '',
      });
      this.#byKey.set(key, s);
      if (s === this.state.ready.length) this.#grow();
    }
    this.state.byCode.set(pdno as string, s);
    return s;
  }

  /** Today's price: looked up where settleKrxDay opens a leg (same error when it is missing). */
  needPrice(s: number, at: RowRef): void {
    const row = this.rows[s]!;
    if (row.price !== undefined) return;
    const q = this.index.quote(row.ins, at.path('.pdno'));
    row.price = q.priceD;
    row.final = q.final === true;
    row.quotePath = q.path;
    if (row.final) this.state.anyFinal = true;
    this.state.ready[s]! |= row.final ? SERIES_PRICED | SERIES_FINAL : SERIES_PRICED;
  }

  /**
   * A position's prior settlement (its own, else the quote's): `undefined` when it was read into
   * `out` in one pass, else the Decimal for the caller to split once its other checks passed (as
   * `settleKrxDay` orders them). The scale is not noted here. `at` is the position.
   */
  prior(s: number, override: DecimalLike | undefined, at: RowRef, out: Fixed): Decimal | undefined {
    if (override !== undefined) {
      if (typeof override === 'string' && scanPlain(override, out)) return undefined;
      return decimalAt(override, at.path('.priorSettlement'));
    }
    const st = this.state;
    if ((st.ready[s]! & SERIES_QUOTE_PRIOR) !== 0) {
      out.c = st.quotePriorC[s]!;
      out.s = st.quotePriorS[s]!;
      return undefined;
    }
    const row = this.rows[s]!;
    row.quotePrior ??= this.index.priorSettlement(row.ins, undefined, at.path());
    return row.quotePrior;
  }

  /** Keep the quote's prior settlement once split, for the next positions of the series. */
  rememberQuotePrior(s: number, c: number, scale: number): void {
    const st = this.state;
    st.quotePriorC[s] = c;
    st.quotePriorS[s] = scale;
    st.ready[s]! |= SERIES_QUOTE_PRIOR;
  }

  #grow(): void {
    const st = this.state;
    const size = st.ready.length * 2;
    const ready = new Uint8Array(size);
    ready.set(st.ready);
    st.ready = ready;
    st.quotePriorC = grown(st.quotePriorC, new Float64Array(size));
    st.quotePriorS = grown(st.quotePriorS, new Int32Array(size));
  }

  /** The series' fee rate, from the parameters (once). */
  needRate(s: number, at: RowRef): void {
    const row = this.rows[s]!;
    if (row.rate !== undefined) return;
    const code = row.ins.spec.productCode;
    const listed = this.parameters.feeRates[code];
    const text = listed ?? this.parameters.feeRates.default;
    if (text === undefined)
      throw new KrxInputError(`${at.path()}: no fee rate for product ${code} and no default`);
    row.rate = decimalAt(text, `parameters.feeRates.${listed === undefined ? 'default' : code}`);
    this.state.ready[s]! |= SERIES_RATED;
  }

  /** Exercise value per unit of an expiring series still open (0 for futures). */
  needFinalValue(s: number): void {
    const row = this.rows[s]!;
    if (row.finalValue !== undefined) return;
    const { ins } = row;
    if (ins.spec.kind === 'future') {
      row.finalValue = Decimal.ZERO;
      return;
    }
    const u = this.index.underlying(ins.spec.group, `${row.quotePath}.final`);
    const level = decimalAt(u.finalLevel ?? u.level, `underlying "${ins.spec.group}".finalLevel`);
    const k = ins.strike!;
    row.finalValue = Decimal.max(0, ins.spec.kind === 'call' ? level.sub(k) : k.sub(level));
  }

  isFinal(s: number): boolean {
    return this.rows[s]!.final;
  }

  /**
   * The series columns at the batch's common scales. Call once every account row is read: the
   * series' own prices still count toward the price scale, then everything is rescaled to it.
   */
  columns(): SeriesColumns & { multiplierScale: Scale } {
    const S = this.rows.length;
    const priceScale = this.priceScale;
    const multScale = newScale();
    const priceC = new Float64Array(S);
    const priceS = new Int32Array(S);
    const finalC = new Float64Array(S);
    const finalS = new Int32Array(S);
    const multC = new Float64Array(S);
    const multS = new Int32Array(S);
    const rate = new Float64Array(S);
    const rateS = new Int32Array(S);
    const future = new Uint8Array(S);
    const final = new Uint8Array(S);
    const pricePath = (row: SeriesRow) => () => `${row.quotePath}.price`;
    const finalPath = (row: SeriesRow) => () => `underlying "${row.ins.spec.group}".finalLevel`;
    const multPath = (row: SeriesRow) => () => `product ${row.ins.spec.productCode} multiplier`;
    this.rows.forEach((row, s) => {
      future[s] = row.ins.spec.kind === 'future' ? 1 : 0;
      final[s] = row.final ? 1 : 0;
      if (row.price !== undefined)
        [priceC[s], priceS[s]] = splitDecimal(row.price, pricePath(row), priceScale);
      if (row.finalValue !== undefined)
        [finalC[s], finalS[s]] = splitDecimal(row.finalValue, finalPath(row), priceScale);
      [multC[s], multS[s]] = splitDecimal(row.ins.multiplier, multPath(row), multScale);
      if (row.rate !== undefined) {
        const code = row.ins.spec.productCode;
        [rate[s], rateS[s]] = splitDecimal(
          row.rate,
          () => `parameters.feeRates.${code}`,
          newScale(),
        );
      }
    });
    this.rows.forEach((row, s) => {
      priceC[s] = rescale(priceC[s]!, priceS[s]!, priceScale, pricePath(row));
      finalC[s] = rescale(finalC[s]!, finalS[s]!, priceScale, finalPath(row));
      multC[s] = rescale(multC[s]!, multS[s]!, multScale, multPath(row));
    });
    return {
      multiplierScale: multScale,
      seriesKey: this.rows.map((r) => r.key),
      seriesInstrument: this.rows.map((r) => r.ins),
      seriesFuture: future,
      seriesFinal: final,
      seriesFeeRate: rate,
      seriesFeeRateScale: rateS,
      seriesPrice: priceC,
      seriesFinalValue: finalC,
      seriesMultiplier: multC,
    };
  }
}
