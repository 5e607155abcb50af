import { Decimal } from '@kisfo/protocol';
import type { KrxPosition, OverseasPositionInput } from '@kisfo/risk';
import { overseasCode } from './csv.js';

/**
 * Trade into a domestic start-of-day book the way KRX nets a series: more on the same side
 * averages the price, the other side closes first and any excess opens the other way at `price`.
 * Returns a new book; the input is left alone.
 *
 * @example
 * ```ts
 * tradeDomestic([], { pdno: '101W06', side: 'long', qty: 2 }, '345.85');
 * ```
 */
export function tradeDomestic(
  book: readonly KrxPosition[],
  trade: { pdno: string; side: 'long' | 'short'; qty: number },
  price: string,
): KrxPosition[] {
  const out = [...book];
  const i = out.findIndex((p) => p.pdno.toUpperCase() === trade.pdno.toUpperCase());
  const held = i === -1 ? undefined : out[i]!;
  const fresh: KrxPosition = {
    pdno: trade.pdno,
    side: trade.side,
    qty: trade.qty,
    avgPrice: price,
    priorSettlement: price,
  };
  if (held === undefined) return [...out, fresh];
  if (held.side === trade.side) {
    const qty = held.qty + trade.qty;
    const cost = Decimal.from(held.avgPrice).mul(held.qty).add(Decimal.from(price).mul(trade.qty));
    out[i] = { ...held, qty, avgPrice: cost.div(qty, 8, 'half-up').toString() };
    return out;
  }
  const left = held.qty - trade.qty;
  if (left > 0) out[i] = { ...held, qty: left };
  else if (left === 0) out.splice(i, 1);
  else out[i] = { ...fresh, qty: -left };
  return out;
}

/**
 * Trade `quantity` (long > 0, short < 0) into an overseas net book; a series netted to zero
 * leaves the book. Returns a new book.
 *
 * @example
 * ```ts
 * tradeOverseas([], { exchange: 'CME', classCode: 'ES', contractMonth: '202506', quantity: '2' });
 * ```
 */
export function tradeOverseas(
  book: readonly OverseasPositionInput[],
  trade: OverseasPositionInput,
): OverseasPositionInput[] {
  const code = overseasCode(trade);
  const out = [...book];
  const i = out.findIndex((p) => overseasCode(p) === code);
  const q = BigInt(String(trade.quantity));
  if (i === -1) return q === 0n ? out : [...out, { ...trade, quantity: q.toString() }];
  const next = BigInt(String(out[i]!.quantity)) + q;
  if (next === 0n) out.splice(i, 1);
  else out[i] = { ...out[i]!, quantity: next.toString() };
  return out;
}
