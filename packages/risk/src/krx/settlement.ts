import { Decimal } from '@kisfo/protocol';
import type { KrxInstrument } from './codes.js';
import {
  checkKrxFill,
  decimalAt,
  instrumentKey,
  KrxInputError,
  KrxMarketIndex,
  qtyAt,
} from './resolve.js';
import {
  type KrxSettlementParameters,
  SAMPLE_KRX_SETTLEMENT_PARAMETERS,
} from './settlement-params.js';
import type { KrxFill, KrxMarketData, KrxPosition, KrxPositionSide } from './types.js';

/** One FIFO lot: quantity with its 정산 basis (settlement price) and 본정산 basis (fill price). */
export interface KrxLot {
  qty: number;
  settleBasis: Decimal;
  costBasis: Decimal;
}

/** The day of one series and side in one account. */
export interface KrxSettledLeg {
  instrument: KrxInstrument;
  side: KrxPositionSide;
  /** Open lots at the end of the day (empty when closed or finally settled). */
  lots: KrxLot[];
  /** Quantity closed today (fills plus final settlement). */
  closedQty: number;
  /** Realised P&L of closed quantity against the settlement basis (exact, unrounded). */
  realisedSettle: Decimal;
  /** Realised P&L of closed quantity against the purchase price (exact, unrounded). */
  realisedCost: Decimal;
  /** Today's settlement price (or current price). */
  price: Decimal;
  /** Pending closing-order quantity is applied by the balance, not here. */
  finallySettled: boolean;
}

/** Physical delivery due after a final settlement (e.g. USD futures): KRW amount at the final price. */
export interface KrxDelivery {
  pdno: string;
  side: KrxPositionSide;
  qty: number;
  amount: Decimal;
}

/** Settlement of one account for one day. KRW sums are rounded once with `amountRounding`. */
export interface KrxDaySettlement {
  legs: KrxSettledLeg[];
  /** 당일차금: futures fills against today's settlement price. */
  thdt_dfpa: Decimal;
  /** 갱신차금: prior open interest from the previous to today's settlement price. */
  rnwl_dfpa: Decimal;
  /** 옵션차금: option sell premium − option buy premium. */
  opt_dfpa: Decimal;
  /** Exercise value of options finally settled today (long +, short −). */
  final_settlement: Decimal;
  fee: Decimal;
  /** 총체결금액: Σ qty × price × multiplier over today's fills. */
  tot_ccld_amt: Decimal;
  /** Net cash variation: thdt + rnwl + opt + final − fee. */
  net_cash: Decimal;
  deliveries: KrxDelivery[];
  /** Positions for tomorrow's input (prior settlement = today's price; average price kept). */
  carried: KrxPosition[];
}

/** Input of {@link settleKrxDay}. */
export interface KrxDaySettlementInput {
  positions: readonly KrxPosition[];
  fills: readonly KrxFill[];
  market: KrxMarketData | KrxMarketIndex;
  parameters?: KrxSettlementParameters;
  /** Prefix of error paths (e.g. `accounts[7].`). */
  pathPrefix?: string;
  /** `false` leaves `carried` empty (a caller that only reads the legs and figures). */
  carried?: boolean;
}

const sideSign = (side: KrxPositionSide): bigint => (side === 'long' ? 1n : -1n);

/** A plain decimal string or a Decimal as a Decimal; `undefined` for anything else. */
function decimalOrUndefined(value: unknown): Decimal | undefined {
  if (value instanceof Decimal) return value;
  if (typeof value !== 'string' || !Decimal.isDecimalString(value)) return undefined;
  return Decimal.parse(value);
}

/**
 * KRX daily settlement of one account (일일정산): 당일차금, 갱신차금, 옵션차금, fees, FIFO
 * realised P&L, final settlement of expiring series, and the positions carried to tomorrow.
 * All arithmetic is exact; each KRW sum is rounded once with `amountRounding`.
 *
 * @throws KrxInputError naming the path of a bad position or fill.
 * @example
 * const day = settleKrxDay({
 *   positions: [{ pdno: '101S12', side: 'long', qty: 3, avgPrice: '320.50', priorSettlement: '309.10' }],
 *   fills: [],
 *   market: { asOf: '2022-11-01', quotes: [{ pdno: '101S12', price: '307.45' }], underlyings: [] },
 * });
 * day.rnwl_dfpa.toString(); // '-1237500'
 */
export function settleKrxDay(input: KrxDaySettlementInput): KrxDaySettlement {
  const params = input.parameters ?? SAMPLE_KRX_SETTLEMENT_PARAMETERS;
  const day = settleKrxDayExact(input);
  const r = (d: Decimal) => d.round(0, params.amountRounding);
  const out = {
    thdt_dfpa: r(day.thdt),
    rnwl_dfpa: r(day.rnwl),
    opt_dfpa: r(day.opt),
    final_settlement: r(day.finalCash),
    fee: day.fee,
    tot_ccld_amt: r(day.traded),
  };
  return {
    legs: day.legs,
    ...out,
    net_cash: out.thdt_dfpa
      .add(out.rnwl_dfpa)
      .add(out.opt_dfpa)
      .add(out.final_settlement)
      .sub(out.fee),
    deliveries: day.deliveries,
    carried: day.carried,
  };
}

/**
 * The day's legs and its sums exact, before their one rounding: what {@link settleKrxDay}
 * rounds. Every sum adds up per series (fees are rounded per fill), so a caller that keeps one
 * series' part and replaces it (the balance book) gets the same total as a fresh day.
 */
export interface KrxExactDay {
  legs: KrxSettledLeg[];
  thdt: Decimal;
  rnwl: Decimal;
  opt: Decimal;
  finalCash: Decimal;
  /** Σ fees, each rounded per fill with `feeRounding`. */
  fee: Decimal;
  traded: Decimal;
  deliveries: KrxDelivery[];
  carried: KrxPosition[];
}

/** {@link settleKrxDay} before the sums are rounded (see {@link KrxExactDay}). */
export function settleKrxDayExact(input: KrxDaySettlementInput): KrxExactDay {
  const params = input.parameters ?? SAMPLE_KRX_SETTLEMENT_PARAMETERS;
  const market =
    input.market instanceof KrxMarketIndex ? input.market : new KrxMarketIndex(input.market);
  const pre = input.pathPrefix ?? '';
  // Legs by canonical code, then side (no key string per row); `all` keeps them in order.
  const legs = new Map<string, { long?: KrxSettledLeg; short?: KrxSettledLeg }>();
  const all: KrxSettledLeg[] = [];
  const leg = (ins: KrxInstrument, side: KrxPositionSide, path: () => string): KrxSettledLeg => {
    const key = instrumentKey(ins);
    let sides = legs.get(key);
    if (sides === undefined) {
      sides = {};
      legs.set(key, sides);
    }
    let l = sides[side];
    if (l === undefined) {
      const price = (market.knownQuote(ins) ?? market.quote(ins, path())).priceD;
      l = {
        instrument: ins,
        side,
        lots: [],
        closedQty: 0,
        realisedSettle: Decimal.ZERO,
        realisedCost: Decimal.ZERO,
        price,
        finallySettled: false,
      };
      sides[side] = l;
      all.push(l);
    }
    return l;
  };
  const legOf = (ins: KrxInstrument, side: KrxPositionSide) => legs.get(instrumentKey(ins))?.[side];
  const opposite = (ins: KrxInstrument, side: KrxPositionSide) =>
    legOf(ins, side === 'long' ? 'short' : 'long');
  const openQty = (l: KrxSettledLeg | undefined) => {
    if (l === undefined) return 0;
    let q = 0;
    for (const x of l.lots) q += x.qty;
    return q;
  };
  // Paths are built only for an error (a day can have tens of thousands of rows).
  const posPath = (i: number) => `${pre}positions[${i}]`;

  let rnwl = Decimal.ZERO;
  let thdt = Decimal.ZERO;
  let opt = Decimal.ZERO;
  let fee = Decimal.ZERO;
  let traded = Decimal.ZERO;

  const positions = input.positions;
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    const ins = market.knownInstrument(p.pdno) ?? market.resolve(p.pdno, `${posPath(i)}.pdno`);
    if (p.side !== 'long' && p.side !== 'short')
      throw new KrxInputError(
        `${posPath(i)}.side: must be "long" or "short" (got ${JSON.stringify(p.side)})`,
      );
    const qty =
      typeof p.qty === 'number' && p.qty > 0 && Number.isSafeInteger(p.qty)
        ? p.qty
        : qtyAt(p.qty, `${posPath(i)}.qty`);
    const avg = decimalOrUndefined(p.avgPrice) ?? decimalAt(p.avgPrice, `${posPath(i)}.avgPrice`);
    const prior =
      p.priorSettlement === undefined
        ? (market.knownPrior(ins) ?? market.priorSettlement(ins, undefined, posPath(i)))
        : (decimalOrUndefined(p.priorSettlement) ??
          market.priorSettlement(ins, p.priorSettlement, posPath(i)));
    if (openQty(opposite(ins, p.side)) > 0) {
      throw new KrxInputError(
        `${posPath(i)}: ${p.side} and the opposite side of "${p.pdno}" are both open (KRX nets positions)`,
      );
    }
    const l = leg(ins, p.side, () => `${posPath(i)}.pdno`);
    l.lots.push({ qty, settleBasis: prior, costBasis: avg });
    if (ins.spec.kind === 'future') {
      rnwl = rnwl.add(
        l.price
          .sub(prior)
          .mul(ins.multiplier)
          .mul(BigInt(qty) * sideSign(p.side)),
      );
    }
  }

  input.fills.forEach((f, i) => {
    const path = `${pre}fills[${i}]`;
    const ins = market.resolve(f.pdno, `${path}.pdno`);
    const { qty, price, buy, open } = checkKrxFill(f, path);
    const q = BigInt(qty);
    const amount = price.mul(ins.multiplier).mul(q);
    traded = traded.add(amount);
    const rate = params.feeRates[ins.spec.productCode] ?? params.feeRates.default;
    if (rate === undefined)
      throw new KrxInputError(
        `${path}: no fee rate for product ${ins.spec.productCode} and no default`,
      );
    fee = fee.add(amount.mul(Decimal.parse(rate)).round(0, params.feeRounding));
    // Read the price from the market, not through `leg()`: a closing fill must not open an empty
    // leg on its own side (it would show as a phantom closed-out row in the balance).
    const settlePrice = market.quote(ins, `${path}.pdno`).priceD;
    if (ins.spec.kind === 'future') {
      const v = settlePrice.sub(price).mul(ins.multiplier).mul(q);
      thdt = thdt.add(buy ? v : v.neg());
    } else {
      opt = buy ? opt.sub(amount) : opt.add(amount);
    }
    if (open) {
      const side: KrxPositionSide = buy ? 'long' : 'short';
      const opp = openQty(opposite(ins, side));
      if (opp > 0) {
        throw new KrxInputError(
          `${path}: opening ${f.side} of "${f.pdno}" while ${opp} ${side === 'long' ? 'short' : 'long'} are open (KRX nets positions; use openClose "close")`,
        );
      }
      leg(ins, side, () => `${path}.pdno`).lots.push({ qty, settleBasis: price, costBasis: price });
      return;
    }
    const side: KrxPositionSide = buy ? 'short' : 'long';
    const l = legOf(ins, side);
    const have = openQty(l);
    if (l === undefined || have < qty) {
      throw new KrxInputError(
        `${path}.qty: closing ${qty} of "${f.pdno}" but only ${have} ${side} open`,
      );
    }
    closeFifo(l, qty, price);
  });

  let finalCash = Decimal.ZERO;
  const deliveries: KrxDelivery[] = [];
  const carried: KrxPosition[] = [];
  const ordered = all.sort(compareLegs);
  for (const l of ordered) {
    const qty = openQty(l);
    if (qty === 0) continue;
    const ins = l.instrument;
    const q = market.quote(ins, `${instrumentKey(ins)}`);
    if (q.final === true) {
      let exitPrice = l.price;
      if (ins.spec.kind !== 'future') {
        const u = market.underlying(ins.spec.group, `${q.path}.final`);
        const level = decimalAt(
          u.finalLevel ?? u.level,
          `underlying "${ins.spec.group}".finalLevel`,
        );
        const k = ins.strike!;
        const intrinsic = Decimal.max(0, ins.spec.kind === 'call' ? level.sub(k) : k.sub(level));
        exitPrice = intrinsic;
        finalCash = finalCash.add(
          intrinsic.mul(ins.multiplier).mul(BigInt(qty) * sideSign(l.side)),
        );
      } else if (ins.spec.settlement === 'physical') {
        deliveries.push({
          pdno: instrumentKey(ins),
          side: l.side,
          qty,
          amount: l.price.mul(ins.multiplier).mul(BigInt(qty)).round(0, params.amountRounding),
        });
      }
      closeFifo(l, qty, exitPrice);
      l.finallySettled = true;
      continue;
    }
    if (input.carried === false) continue;
    // One lot: (cost × qty) ÷ qty is the cost itself, rounded the same way.
    const only = l.lots.length === 1 ? l.lots[0]! : undefined;
    const avgPrice =
      only !== undefined
        ? only.costBasis.round(8, 'half-up')
        : Decimal.sum(l.lots.map((x) => x.costBasis.mul(x.qty))).div(qty, 8, 'half-up');
    carried.push({
      pdno: instrumentKey(ins),
      side: l.side,
      qty,
      avgPrice: avgPrice.toString(),
      priorSettlement: l.price.toString(),
    });
  }

  return {
    legs: ordered,
    thdt,
    rnwl,
    opt,
    finalCash,
    fee,
    traded,
    deliveries,
    carried,
  };
}

/** Close `qty` of a leg at `price`, oldest lots first, booking realised P&L on both bases. */
function closeFifo(l: KrxSettledLeg, qty: number, price: Decimal): void {
  const sign = sideSign(l.side);
  const mult = l.instrument.multiplier;
  let left = qty;
  while (left > 0) {
    const lot = l.lots[0]!;
    const take = Math.min(left, lot.qty);
    const q = BigInt(take) * sign;
    l.realisedSettle = l.realisedSettle.add(price.sub(lot.settleBasis).mul(mult).mul(q));
    l.realisedCost = l.realisedCost.add(price.sub(lot.costBasis).mul(mult).mul(q));
    lot.qty -= take;
    left -= take;
    if (lot.qty === 0) l.lots.shift();
  }
  l.closedQty += qty;
}

/** Deterministic row order: canonical code, then long before short. */
export function compareLegs(
  a: { instrument: KrxInstrument; side: KrxPositionSide },
  b: typeof a,
): number {
  const ka = instrumentKey(a.instrument);
  const kb = instrumentKey(b.instrument);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.side === b.side ? 0 : a.side === 'long' ? -1 : 1;
}
