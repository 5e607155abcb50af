import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  compileOverseasProductClass,
  computeOverseasClassRisk,
  computeSpanClassFloat,
  type OverseasContractParams,
  type OverseasProductClass,
  spanIntraSpreads,
  spanLongOptionMinimum,
  spanNet,
  spanNetBook,
  spanNetOptionValue,
  spanNetQuantities,
  spanPrefersDense,
  spanScanRisk,
  spanShortOptionMinimum,
} from '../src/overseas/index.js';
import { spanBookFromQuantities } from './span-helpers.js';

const MONTHS = ['202506', '202507', '202508', '202509', '202510', '202511'];

// Fractional risk values and deltas, so any change in summation order would show in the bits.
const riskValue = fc.double({ min: -5000, max: 5000, noNaN: true, noDefaultInfinity: true });

const classArb = fc
  .record({
    months: fc.integer({ min: 1, max: MONTHS.length }),
    options: fc.integer({ min: 0, max: 400 }),
    arrays: fc.array(fc.array(riskValue, { minLength: 16, maxLength: 16 }), {
      minLength: 1,
      maxLength: 8,
    }),
    deltas: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
    spreads: fc.array(
      fc.record({
        legs: fc.array(
          fc.record({
            tier: fc.integer({ min: 1, max: MONTHS.length + 1 }),
            deltaPerSpread: fc.constantFrom(0.5, 1, 2),
            side: fc.constantFrom('A' as const, 'B' as const),
          }),
          { minLength: 2, maxLength: 3 },
        ),
        rate: fc.constantFrom('0', '12.5', '100', '250'),
      }),
      { maxLength: 6 },
    ),
    spot: fc.boolean(),
    som: fc.constantFrom('sum' as const, 'max' as const),
  })
  .map((g): OverseasProductClass => {
    const months = MONTHS.slice(0, g.months);
    const contracts: OverseasContractParams[] = months.map((m, k) => ({
      kind: 'future',
      contractMonth: m,
      settlementPrice: '100',
      compositeDelta: 1,
      riskArray: g.arrays[k % g.arrays.length],
    }));
    for (let o = 0; o < g.options; o++) {
      const m = months[o % months.length];
      contracts.push({
        kind: o % 2 ? 'call' : 'put',
        contractMonth: m,
        underlyingMonth: m,
        strike: String(1000 + o),
        settlementPrice: String((o % 17) + 0.25),
        compositeDelta: g.deltas[o % g.deltas.length],
        deltaScalingFactor: o % 3 ? 1 : 0.5,
        riskArray: g.arrays[o % g.arrays.length],
      });
    }
    return {
      exchange: 'PBT',
      classCode: 'XX',
      currency: 'USD',
      method: 'span',
      tickSize: '0.25',
      tickValue: '12.5',
      multiplier: '50',
      initialToMaintenance: '1.1',
      contracts,
      intraSpreads: g.spreads,
      spotCharges: g.spot ? [{ month: months[0], spreadRate: '3', outrightRate: '7' }] : [],
      shortOptionMinimum: { rate: '15', method: g.som },
    };
  });

/** A class plus positions in it: duplicates that net, zero entries, many contracts. */
const caseArb = classArb.chain((def) => {
  const n = def.contracts.length;
  const position = fc.record({
    contract: fc.oneof(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 3 % n })),
    quantity: fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constant(0), fc.constant(1_000_003)),
  });
  return fc
    .record({
      positions: fc.array(position, { maxLength: 300 }),
      // Offsetting pairs: a contract bought and sold back nets to zero.
      offsets: fc.array(position, { maxLength: 20 }),
    })
    .map(({ positions, offsets }) => {
      const all = [...positions];
      for (const p of offsets) all.push(p, { contract: p.contract, quantity: -p.quantity });
      return { def, positions: all };
    });
});

function arrays(positions: { contract: number; quantity: number }[]) {
  return {
    idx: Int32Array.from(positions, (p) => p.contract),
    qty: Float64Array.from(positions, (p) => p.quantity),
  };
}

describe('SPAN sparse book = dense vector', () => {
  it('scan, deltas, spreads, minimums and class totals are bit-identical', () => {
    fc.assert(
      fc.property(caseArb, ({ def, positions }) => {
        const c = compileOverseasProductClass(def);
        const { idx, qty } = arrays(positions);
        const dense = spanNetQuantities(idx, qty, c.n);
        const book = spanNetBook(c, idx, qty);

        // The book is the dense vector's non-zero entries, ascending.
        assert.deepEqual(book, spanBookFromQuantities(dense));

        const d = computeSpanClassFloat(c, dense);
        const s = computeSpanClassFloat(c, book);
        assert.deepEqual(s, d);
        // spanNet picks a form by size; either way the figures are the same bits.
        const auto = spanNet(c, idx, qty);
        assert.equal(auto instanceof Float64Array, spanPrefersDense(c, idx.length));
        assert.deepEqual(computeSpanClassFloat(c, auto), d);
        assert.ok(Object.is(s.scan, spanScanRisk(dense, c.riskArrays, 16)));

        for (const f of [spanShortOptionMinimum, spanLongOptionMinimum, spanNetOptionValue]) {
          assert.equal(f(c, book).toString(), f(c, dense).toString());
        }
        for (const oneSide of [true, false]) {
          const rd = computeOverseasClassRisk(c, dense, 12.5, oneSide);
          const rs = computeOverseasClassRisk(c, book, 12.5, oneSide);
          assert.equal(rs.basis, rd.basis);
          for (const k of ['maintenance', 'initial'] as const) {
            for (const [field, v] of Object.entries(rd[k])) {
              assert.equal(String(rs[k][field as keyof typeof rs.maintenance]), String(v), field);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('intra charge matches spanIntraSpreads on the tier deltas', () => {
    fc.assert(
      fc.property(caseArb, ({ def, positions }) => {
        const c = compileOverseasProductClass({ ...def, spotCharges: [] });
        const { idx, qty } = arrays(positions);
        const dense = spanNetQuantities(idx, qty, c.n);
        const tierDelta = new Float64Array(c.tiers.length);
        for (let i = 0; i < c.n; i++) {
          if (dense[i] !== 0 && c.tierIndex[i] >= 0)
            tierDelta[c.tierIndex[i]] += dense[i] * c.delta[i];
        }
        const ref = spanIntraSpreads(tierDelta, c.tierNumbers, c.def.intraSpreads ?? []);
        const s = computeSpanClassFloat(c, spanNetBook(c, idx, qty));
        assert.ok(Object.is(s.intra, ref.charge));
      }),
      { numRuns: 200 },
    );
  });

  it('covers every ordering strategy: few, some and most contracts held', () => {
    fc.assert(
      fc.property(classArb, fc.integer({ min: 1, max: 1 << 30 }), (def, seed) => {
        const c = compileOverseasProductClass(def);
        for (const held of [3, 40, Math.ceil(c.n / 2), c.n]) {
          const idx = Int32Array.from({ length: held * 2 }, (_, p) => (seed + p * 7919) % c.n);
          const qty = Float64Array.from({ length: held * 2 }, (_, p) => (p % 5) - 2);
          const dense = spanNetQuantities(idx, qty, c.n);
          assert.deepEqual(spanNetBook(c, idx, qty), spanBookFromQuantities(dense));
          assert.deepEqual(
            computeSpanClassFloat(c, spanNetBook(c, idx, qty)),
            computeSpanClassFloat(c, dense),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a contract index outside the class and leaves the scratch clean', () => {
    const def = fc.sample(classArb, { numRuns: 1, seed: 7 })[0];
    const c = compileOverseasProductClass(def);
    assert.throws(
      () => spanNetBook(c, new Int32Array([0, c.n]), new Float64Array([1, 1])),
      RangeError,
    );
    assert.deepEqual(spanNetBook(c, new Int32Array([0]), new Float64Array([2])), {
      contract: [0],
      quantity: [2],
    });
  });
});
