import { Decimal } from '@kisfo/protocol';
import { buildKrxSettlementBatch, type KrxSettlementBatch } from './settlement-batch-build.js';
import { keepShape } from './settlement-batch-columns.js';
import { pow10Number, quotientRounder } from './settlement-batch-fixed.js';

/** The won figures of one account, exact (what `settleKrxDay` returns, as bigints). */
export interface KrxBatchAmounts {
  thdt_dfpa: bigint;
  rnwl_dfpa: bigint;
  opt_dfpa: bigint;
  final_settlement: bigint;
  fee: bigint;
  /** Next-day cash delta: thdt + rnwl + opt + final − fee (`settleKrxDay`'s `net_cash`). */
  net_cash: bigint;
}

/**
 * Result of {@link settleKrxBatch}: per-account figures in won (exact integers, rounded like
 * `settleKrxDay`: each sum once with `amountRounding`, each fill's fee with `feeRounding`) and
 * per-leg quantities (legs as in `batch.legStart` / `batch.legSeries`).
 *
 * A figure beyond ±(2^53 − 1) won cannot sit in a Float64Array exactly: it is NaN there and the
 * account's exact figures are in `wide` (read any account with {@link krxBatchAmounts}).
 */
export interface KrxBatchSettlement {
  readonly batch: KrxSettlementBatch;
  readonly thdt_dfpa: Float64Array;
  readonly rnwl_dfpa: Float64Array;
  readonly opt_dfpa: Float64Array;
  readonly final_settlement: Float64Array;
  readonly fee: Float64Array;
  readonly net_cash: Float64Array;
  /** Signed quantity carried to tomorrow per leg (long +); 0 when closed or finally settled. */
  readonly carriedQty: Float64Array;
  /** Signed quantity finally settled today per leg (expiring series; deliveries for physical). */
  readonly finalQty: Float64Array;
  readonly wide: ReadonlyMap<number, KrxBatchAmounts>;
}

/**
 * End-of-day settlement of a whole batch (from `buildKrxSettlementBatch`): 당일차금, 갱신차금,
 * 옵션차금, exercise value of expiring options, fees and the next-day cash delta per account,
 * exactly equal to `settleKrxDay` account by account, plus the quantities carried per leg.
 * No validation, parsing or allocation per account: fixed-point integers in float64 (the builder
 * proved every partial sum stays within 2^53 − 1) and bigints for the accounts it flagged.
 * FIFO lots, realised P&L and carried average prices are not computed here (use `settleKrxDay`).
 *
 * @example
 * const batch = buildKrxSettlementBatch(accounts, market);
 * const day = settleKrxBatch(batch);
 * day.net_cash[0]; // next-day cash delta of accounts[0], in won
 * krxBatchAmounts(day, 0).fee; // the same figures as bigints
 */
export function settleKrxBatch(batch: KrxSettlementBatch): KrxBatchSettlement {
  const n = batch.accountCount;
  const {
    positionStart,
    positionSeries,
    positionQty,
    positionPrior,
    fillStart,
    fillSeries,
    fillQty,
    fillPrice,
    fillLeg,
    legStart,
    legSeries,
    seriesFuture: fut,
    seriesMultiplier: mult,
    seriesPrice: price,
    seriesFeeRate: rate,
    seriesFinal: final,
    seriesFinalValue: finalValue,
    exactPath,
  } = batch;
  const thdtOut = new Float64Array(n);
  const rnwlOut = new Float64Array(n);
  const optOut = new Float64Array(n);
  const finalOut = new Float64Array(n);
  const feeOut = new Float64Array(n);
  const netOut = new Float64Array(n);
  const carried = new Float64Array(batch.legOpenQty);
  const finalQty = new Float64Array(carried.length);
  const wide = new Map<number, KrxBatchAmounts>();
  const roundAmount = quotientRounder(batch.amountRounding);
  const roundFee = quotientRounder(batch.feeRounding);
  const unit = pow10Number(batch.priceScale + batch.multiplierScale);
  const feeDiv = Float64Array.from(batch.seriesFeeScale, pow10Number);
  const anyFinal = final.includes(1);

  for (let a = 0; a < n; a++) {
    if (exactPath[a] === 1) {
      const x = settleExact(batch, a, carried, finalQty);
      thdtOut[a] = fit(x.thdt_dfpa);
      rnwlOut[a] = fit(x.rnwl_dfpa);
      optOut[a] = fit(x.opt_dfpa);
      finalOut[a] = fit(x.final_settlement);
      feeOut[a] = fit(x.fee);
      netOut[a] = fit(x.net_cash);
      if (Object.values(x).some((v) => Number.isNaN(fit(v)))) wide.set(a, x);
      continue;
    }
    let rnwl = 0;
    for (let p = positionStart[a]!, end = positionStart[a + 1]!; p < end; p++) {
      const s = positionSeries[p]!;
      if (fut[s] === 1) rnwl += (price[s]! - positionPrior[p]!) * mult[s]! * positionQty[p]!;
    }
    let thdt = 0;
    let opt = 0;
    let fee = 0;
    for (let f = fillStart[a]!, end = fillStart[a + 1]!; f < end; f++) {
      const s = fillSeries[f]!;
      const q = fillQty[f]!;
      const px = fillPrice[f]!;
      const m = mult[s]!;
      const amount = px * m * q;
      if (fut[s] === 1) thdt += (price[s]! - px) * m * q;
      else opt -= amount;
      fee += roundFee(Math.abs(amount) * rate[s]!, feeDiv[s]!);
      carried[fillLeg[f]!]! += q;
    }
    let fin = 0;
    if (anyFinal) {
      for (let l = legStart[a]!, end = legStart[a + 1]!; l < end; l++) {
        const s = legSeries[l]!;
        if (final[s] !== 1) continue;
        const q = carried[l]!;
        finalQty[l] = q;
        carried[l] = 0;
        fin += finalValue[s]! * mult[s]! * q;
      }
    }
    // `+ 0` turns a -0 from truncation into 0.
    const t = roundAmount(thdt, unit) + 0;
    const r = roundAmount(rnwl, unit) + 0;
    const o = roundAmount(opt, unit) + 0;
    const x = roundAmount(fin, unit) + 0;
    thdtOut[a] = t;
    rnwlOut[a] = r;
    optOut[a] = o;
    finalOut[a] = x;
    feeOut[a] = fee + 0;
    netOut[a] = t + r + o + x - fee + 0;
  }
  return {
    batch,
    thdt_dfpa: thdtOut,
    rnwl_dfpa: rnwlOut,
    opt_dfpa: optOut,
    final_settlement: finalOut,
    fee: feeOut,
    net_cash: netOut,
    carriedQty: carried,
    finalQty,
    wide,
  };
}

/** A bigint figure as a float when exact, else NaN (the account then goes to `wide`). */
const fit = (v: bigint): number => {
  const x = Number(v);
  return Number.isSafeInteger(x) ? x : Number.NaN;
};

/** The bigint twin of the fast loop, for accounts the builder flagged in `exactPath`. */
function settleExact(
  b: KrxSettlementBatch,
  a: number,
  carried: Float64Array,
  finalQty: Float64Array,
): KrxBatchAmounts {
  const B = BigInt;
  const scale = b.priceScale + b.multiplierScale;
  let rnwl = 0n;
  for (let p = b.positionStart[a]!; p < b.positionStart[a + 1]!; p++) {
    const s = b.positionSeries[p]!;
    if (b.seriesFuture[s] === 1)
      rnwl +=
        (B(b.seriesPrice[s]!) - B(b.positionPrior[p]!)) *
        B(b.seriesMultiplier[s]!) *
        B(b.positionQty[p]!);
  }
  let thdt = 0n;
  let opt = 0n;
  let fee = 0n;
  for (let f = b.fillStart[a]!; f < b.fillStart[a + 1]!; f++) {
    const s = b.fillSeries[f]!;
    const q = B(b.fillQty[f]!);
    const px = B(b.fillPrice[f]!);
    const m = B(b.seriesMultiplier[s]!);
    const amount = px * m * q;
    if (b.seriesFuture[s] === 1) thdt += (B(b.seriesPrice[s]!) - px) * m * q;
    else opt -= amount;
    const x = (amount < 0n ? -amount : amount) * B(b.seriesFeeRate[s]!);
    fee += Decimal.of(x, b.seriesFeeScale[s]!).round(0, b.feeRounding).coefficient;
    carried[b.fillLeg[f]!]! += b.fillQty[f]!;
  }
  let fin = 0n;
  for (let l = b.legStart[a]!; l < b.legStart[a + 1]!; l++) {
    const s = b.legSeries[l]!;
    if (b.seriesFinal[s] !== 1) continue;
    finalQty[l] = carried[l]!;
    fin += B(b.seriesFinalValue[s]!) * B(b.seriesMultiplier[s]!) * B(carried[l]!);
    carried[l] = 0;
  }
  const r = (v: bigint) => Decimal.of(v, scale).round(0, b.amountRounding).coefficient;
  const out = {
    thdt_dfpa: r(thdt),
    rnwl_dfpa: r(rnwl),
    opt_dfpa: r(opt),
    final_settlement: r(fin),
    fee,
  };
  return {
    ...out,
    net_cash: out.thdt_dfpa + out.rnwl_dfpa + out.opt_dfpa + out.final_settlement - fee,
  };
}

/**
 * One account's figures from a batch result as exact bigints (also for `wide` accounts).
 *
 * @example
 * const { net_cash } = krxBatchAmounts(settleKrxBatch(batch), 0);
 */
export function krxBatchAmounts(result: KrxBatchSettlement, account: number): KrxBatchAmounts {
  const w = result.wide.get(account);
  if (w !== undefined) return w;
  if (!Number.isInteger(account) || account < 0 || account >= result.batch.accountCount)
    throw new RangeError(`account ${account} is not in the batch`);
  return {
    thdt_dfpa: BigInt(result.thdt_dfpa[account]!),
    rnwl_dfpa: BigInt(result.rnwl_dfpa[account]!),
    opt_dfpa: BigInt(result.opt_dfpa[account]!),
    final_settlement: BigInt(result.final_settlement[account]!),
    fee: BigInt(result.fee[account]!),
    net_cash: BigInt(result.net_cash[account]!),
  };
}

// One batch and one result kept, so their shapes outlive every build (see `keepShape`).
keepShape(
  settleKrxBatch(buildKrxSettlementBatch([], { asOf: '2000-01-03', quotes: [], underlyings: [] })),
);
