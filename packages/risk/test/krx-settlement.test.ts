import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type KrxFill, type KrxPosition, settleKrxDay } from '../src/index.js';
import { accountArb, MARKET } from './krx-helpers.js';

/** The counterparty of every fill and position: same quantities, opposite sides. */
function mirror(
  positions: KrxPosition[],
  fills: KrxFill[],
): { positions: KrxPosition[]; fills: KrxFill[] } {
  return {
    positions: positions.map((p) => ({ ...p, side: p.side === 'long' ? 'short' : 'long' })),
    fills: fills.map((f) => ({ ...f, side: f.side === 'buy' ? 'sell' : 'buy' })),
  };
}

describe('settleKrxDay', () => {
  it('is zero-sum between two accounts whose fills are matched', () => {
    fc.assert(
      fc.property(accountArb, (a) => {
        const b = mirror(a.positions, a.fills);
        const sa = settleKrxDay({ ...a, market: MARKET });
        const sb = settleKrxDay({ ...b, market: MARKET });
        assert.equal(sa.thdt_dfpa.add(sb.thdt_dfpa).toString(), '0');
        assert.equal(sa.rnwl_dfpa.add(sb.rnwl_dfpa).toString(), '0');
        assert.equal(sa.opt_dfpa.add(sb.opt_dfpa).toString(), '0');
        assert.ok(sa.net_cash.add(sa.fee).add(sb.net_cash).add(sb.fee).isZero());
        assert.ok(sa.fee.gte(0));
      }),
      { numRuns: 200 },
    );
  });

  it('computes 당일차금, 갱신차금, 옵션차금 and FIFO realised P&L', () => {
    const day = settleKrxDay({
      positions: [
        { pdno: '101S12', side: 'long', qty: 2, avgPrice: '310.00', priorSettlement: '309.10' },
      ],
      fills: [
        { fillId: '1', pdno: '101S12', side: 'buy', openClose: 'open', qty: 1, price: '306.00' },
        { fillId: '2', pdno: '101S12', side: 'sell', openClose: 'close', qty: 2, price: '308.00' },
        { fillId: '3', pdno: '201S12350', side: 'sell', openClose: 'open', qty: 4, price: '0.50' },
        { fillId: '4', pdno: '301S12340', side: 'buy', openClose: 'open', qty: 1, price: '33.00' },
      ],
      market: MARKET,
    });
    // rnwl: 2 × (307.45 − 309.10) × 250,000; thdt: buy 1 × (307.45 − 306) + sell 2 × (308 − 307.45).
    assert.equal(day.rnwl_dfpa.toString(), '-825000');
    assert.equal(day.thdt_dfpa.toString(), String(1.45 * 250000 + 2 * 0.55 * 250000));
    assert.equal(day.opt_dfpa.toString(), String(4 * 0.5 * 250000 - 33 * 250000));
    const fut = day.legs.find((l) => l.instrument.shortCode === '101S12' && l.side === 'long')!;
    // FIFO: both carried lots close at 308 against 309.10 (settle) and 310 (cost).
    assert.equal(fut.realisedSettle.round(0, 'down').toString(), '-550000');
    assert.equal(fut.realisedCost.round(0, 'down').toString(), String(2 * -2 * 250000));
    assert.deepEqual(
      day.carried.map((c) => [c.pdno, c.side, c.qty, c.avgPrice, c.priorSettlement]),
      [
        ['KR4101SC0009', 'long', 1, '306.00000000', '307.45'],
        ['KR4201SC3507', 'short', 4, '0.50000000', '0.42'],
        ['KR4301SC3407', 'long', 1, '33.00000000', '33.15'],
      ],
    );
    // fees: 0.003 % on futures, 0.15 % on options, each truncated to the won.
    const fee =
      Math.floor(306 * 250000 * 0.00003) +
      Math.floor(2 * 308 * 250000 * 0.00003) +
      Math.floor(500000 * 0.0015) +
      Math.floor(33 * 250000 * 0.0015);
    assert.equal(day.fee.toString(), String(fee));
  });

  it('settles expiring series finally: futures at the final price, ITM options exercised', () => {
    const market = {
      asOf: '2022-12-08',
      quotes: [
        { pdno: '101S12', price: '300.00', priorSettlement: '302.00', final: true },
        { pdno: '201S12295', price: '5.00', priorSettlement: '6.00', final: true },
        { pdno: '301S12297', price: '0', priorSettlement: '0.1', final: true },
        { pdno: '175S12', price: '1300.0', priorSettlement: '1301.0', final: true },
      ],
      underlyings: [
        { group: 'KOSPI200', level: '300', vol: 0.2, finalLevel: '300.00' },
        { group: 'USD', level: '1300', vol: 0.1 },
      ],
    };
    const day = settleKrxDay({
      positions: [
        { pdno: '101S12', side: 'short', qty: 1, avgPrice: '305', priorSettlement: '302.00' },
        { pdno: '201S12295', side: 'long', qty: 2, avgPrice: '4', priorSettlement: '6.00' },
        { pdno: '301S12297', side: 'short', qty: 3, avgPrice: '1', priorSettlement: '0.1' },
        { pdno: '175S12', side: 'long', qty: 2, avgPrice: '1290', priorSettlement: '1301.0' },
      ],
      fills: [],
      market,
    });
    assert.equal(day.carried.length, 0);
    // Call 295 with index 300: 2 × 5 × 250,000 credited; put 297.5 OTM: nothing.
    assert.equal(day.final_settlement.toString(), '2500000');
    assert.deepEqual(
      day.deliveries.map((d) => [d.pdno, d.side, d.qty, d.amount.toString()]),
      [['KR4175SC0000', 'long', 2, '26000000']],
    );
    assert.ok(day.legs.every((l) => l.finallySettled && l.lots.length === 0));
  });
});
