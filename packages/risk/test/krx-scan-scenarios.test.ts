import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  computeDomesticBalance,
  computeKrxMargin,
  domesticMarginPositions,
  type KrxMarginPosition,
  krxScanScenarios,
  parseKrxCode,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '../src/index.js';
import { accountArb, MARKET, SERIES } from './krx-helpers.js';

const ins = (code: string) => parseKrxCode(code, 2022);
const params = SAMPLE_KRX_MARGIN_PARAMETERS;
const positionsArb = fc.array(
  fc
    .record({ s: fc.constantFrom(...SERIES), q: fc.integer({ min: -30, max: 30 }) })
    .map(({ s, q }): KrxMarginPosition => ({ instrument: ins(s), qty: q })),
  { maxLength: 8 },
);

describe('krxScanScenarios', () => {
  it('one long future: 2 × pricePoints scenarios, P&L linear in the move, worst at the largest fall', () => {
    const [g] = krxScanScenarios({
      positions: [{ instrument: ins('101S12'), qty: 2 }],
      market: MARKET,
      parameters: params,
      level: 'initial',
    });
    assert.ok(g);
    assert.equal(g.scenarios.length, 2 * params.pricePoints);
    const range = Number(params.groups.find((x) => x.group === 'KOSPI200')!.initial.priceRange);
    assert.equal(g.scenarios[0]!.priceMove, -range);
    assert.equal(g.scenarios.at(-1)!.priceMove, range);
    for (const s of g.scenarios) {
      assert.ok(Math.abs(s.pnl - 2 * 250000 * 307.45 * s.priceMove) < 1e-3);
    }
    assert.equal(g.worst, 0);
    assert.equal(g.worstLoss.toString(), String(Math.ceil(2 * 307.45 * range * 250000)));
  });

  it("the worst scenario's loss is the margin's scan loss, for any book and both levels", () => {
    fc.assert(
      fc.property(positionsArb, fc.constantFrom('initial', 'maintenance'), (positions, level) => {
        const input = { positions, market: MARKET, parameters: params, level } as const;
        const m = computeKrxMargin(input);
        const scans = krxScanScenarios(input);
        assert.deepEqual(
          scans.map((s) => s.group),
          m.groups.map((g) => g.group),
        );
        scans.forEach((s, i) => {
          const g = m.groups[i]!;
          const worstPnl = Math.min(0, ...s.scenarios.map((x) => x.pnl));
          assert.equal(-worstPnl === 0 ? 0 : -worstPnl, g.scanLoss);
          assert.equal(s.scenarios[s.worst]!.pnl <= 0 || g.scanLoss === 0, true);
          // Item 1 is max(scan, option adjustment), both rounded once the same way.
          const floor = Math.max(g.scanLoss, g.optionAdjustment);
          if (g.scanLoss >= floor)
            assert.equal(s.worstLoss.toString(), g.priceVariation.toString());
        });
      }),
      { numRuns: 60 },
    );
  });

  it('domesticMarginPositions: scanning the balance book reproduces the balance margin', () => {
    fc.assert(
      fc.property(accountArb, (acct) => {
        const input = {
          account: {
            dnca_cash: '1000000000',
            frcr_dncl_amt: '0',
            dnca_sbst: '0',
            ...acct,
            orders: [],
          },
          market: MARKET,
          mgnaDvsn: '01' as const,
          exccStatCd: '1' as const,
        };
        const bal = computeDomesticBalance(input);
        const positions = domesticMarginPositions(input, bal.output1);
        const m = computeKrxMargin({
          positions,
          market: MARKET,
          parameters: params,
          level: 'initial',
        });
        // cash_mgna + sbst_mgna of the balance is the initial total (no long option orders here).
        assert.equal(m.total.toString(), bal.output2.mgna_tota.toString());
      }),
      { numRuns: 60 },
    );
  });
});
