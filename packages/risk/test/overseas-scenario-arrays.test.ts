import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import fc from 'fast-check';
import {
  computeOverseasMarginDetailWithBreakdown,
  type OverseasMarginDetailInput,
  type OverseasPositionInput,
  overseasMinorUnits,
  overseasScenarioArrays,
  SAMPLE_OVERSEAS_FX_RATES,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
} from '../src/overseas/index.js';

const params = SAMPLE_OVERSEAS_RISK_PARAMETERS;
const held = params.classes
  .filter((c) => c.method !== 'general')
  .flatMap((c) =>
    c.contracts.map(
      (k): Omit<OverseasPositionInput, 'quantity'> => ({
        exchange: c.exchange,
        classCode: c.classCode,
        contractMonth: k.contractMonth,
        ...(k.kind === 'future' ? {} : { kind: k.kind, strike: k.strike! }),
      }),
    ),
  );
const bookArb = fc.uniqueArray(
  fc.record({ i: fc.nat({ max: held.length - 1 }), q: fc.integer({ min: -9, max: 9 }) }),
  { selector: (x) => x.i, minLength: 1, maxLength: 6 },
);
const inputOf = (book: { i: number; q: number }[]): OverseasMarginDetailInput => ({
  account: {
    cano: '12345678',
    acnt_prdt_cd: '08',
    balances: [{ currency: 'USD', equity: '1000000' }],
  },
  positions: book.filter((b) => b.q !== 0).map((b) => ({ ...held[b.i]!, quantity: b.q })),
  riskParameters: params,
  fxRates: SAMPLE_OVERSEAS_FX_RATES,
  inqrDt: '20250320',
  crcyCd: 'TUS',
  oneSideLiquidation: false,
});

describe('overseasScenarioArrays', () => {
  it('one long ES future: the array is the contract risk array, worst = its largest loss', () => {
    const es = params.classes.find((c) => c.classCode === 'ES')!;
    const fut = es.contracts.find((k) => k.kind === 'future')!;
    const [a] = overseasScenarioArrays(
      inputOf([{ i: held.findIndex((h) => h.classCode === 'ES' && h.kind === undefined), q: 2 }]),
    );
    assert.ok(a);
    assert.equal(a.losses.length, 16);
    assert.deepEqual(
      a.losses,
      fut.riskArray!.map((x) => 2 * x),
    );
    assert.equal(a.losses[a.worst], Math.max(...a.losses));
  });

  it("a SPAN class's worst loss, rounded, is its price-variation margin", () => {
    fc.assert(
      fc.property(bookArb, (book) => {
        const input = inputOf(book);
        const detail = computeOverseasMarginDetailWithBreakdown(input);
        for (const a of overseasScenarioArrays(input)) {
          const cls = detail.classes.find(
            (c) => c.exchange === a.exchange && c.classCode === a.classCode,
          )!;
          if (a.method === 'eurex') {
            assert.equal(a.losses.length, 29);
            continue;
          }
          assert.equal(a.losses.length, 16);
          const worst = a.worst === -1 ? 0 : a.losses[a.worst]!;
          assert.equal(
            Decimal.fromFloat(worst, overseasMinorUnits(a.currency), 'half-up').toString(),
            cls.risk!.maintenance.priceVariation.toString(),
          );
        }
      }),
      { numRuns: 80 },
    );
  });
});
