// SPAN margin against an exact reference: every one of the 16 scenarios summed in Decimal from
// the published risk-array values (no float search), tier spreads, spot charges and
// inter-commodity credits in Decimal, then the KIS roll-up, the conversion into the view and
// initial = round(ratio × maintenance). Zero difference in every currency view.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import fc from 'fast-check';
import {
  compileOverseasProductClass,
  computeOverseasMarginDetailWithBreakdown,
  convertOverseasAmount,
  type OverseasCompiledClass,
  type OverseasMarginDetailInput,
  type OverseasPositionInput,
  SAMPLE_OVERSEAS_FX_RATES,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
} from '../src/overseas/index.js';

const P = SAMPLE_OVERSEAS_RISK_PARAMETERS;
const SPAN = P.classes.filter((c) => c.method === 'span');
const COMPILED = new Map(
  SPAN.map((c) => [`${c.exchange}:${c.classCode}`, compileOverseasProductClass(c)]),
);
const ALL = SPAN.flatMap((c) => c.contracts.map((k, i) => ({ c, k, i })));
const D = (x: number) => Decimal.parse(String(x).includes('e') ? x.toFixed(20) : String(x));
const DIV = 20;
const units = (ccy: string) => (ccy === 'JPY' || ccy === 'KRW' || ccy === 'VND' ? 0 : 2);

interface Exact {
  scan: Decimal;
  intra: Decimal;
  spot: Decimal;
  netDelta: Decimal;
  rem: Decimal;
}

function referenceClass(c: OverseasCompiledClass, net: Map<number, number>): Exact {
  const def = c.def;
  let scan = Decimal.ZERO;
  for (let j = 0; j < 16; j++) {
    let s = Decimal.ZERO;
    for (const [i, q] of net) s = s.add(D(def.contracts[i]!.riskArray![j]!).mul(q));
    if (s.gt(scan)) scan = s;
  }
  const tierOf = (month: string) =>
    c.tiers.findIndex((t) => t.startMonth <= month && month <= t.endMonth);
  const fm = (i: number) => def.contracts[i]!.underlyingMonth ?? def.contracts[i]!.contractMonth;
  const delta = (i: number) =>
    D(def.contracts[i]!.compositeDelta ?? 1).mul(D(def.contracts[i]!.deltaScalingFactor ?? 1));
  const tierDelta = c.tiers.map(() => Decimal.ZERO);
  let netDelta = Decimal.ZERO;
  for (const [i, q] of net) {
    const d = delta(i).mul(q);
    netDelta = netDelta.add(d);
    const t = tierOf(fm(i));
    if (t >= 0) tierDelta[t] = tierDelta[t]!.add(d);
  }
  const rem = [...tierDelta];
  let intra = Decimal.ZERO;
  for (const s of def.intraSpreads ?? []) {
    const [a, b] = s.legs.map((l) => c.tiers.findIndex((t) => t.tier === l.tier));
    if (a! < 0 || b! < 0) continue;
    const da = rem[a!]!;
    const db = rem[b!]!;
    if (da.isZero() || db.isZero() || da.sign() === db.sign()) continue;
    const n = Decimal.min(da.abs().div(1, DIV, 'half-even'), db.abs().div(1, DIV, 'half-even'));
    intra = intra.add(n.mul(s.rate));
    rem[a!] = da.sub(n.mul(da.sign()));
    rem[b!] = db.sub(n.mul(db.sign()));
  }
  let spot = Decimal.ZERO;
  for (const s of def.spotCharges ?? []) {
    let md = Decimal.ZERO;
    let t = -1;
    for (const [i, q] of net) {
      if (fm(i) !== s.month) continue;
      md = md.add(delta(i).mul(q));
      t = tierOf(fm(i));
    }
    const abs = md.abs();
    if (abs.isZero()) continue;
    let used = Decimal.ZERO;
    if (t >= 0 && !tierDelta[t]!.isZero()) {
      const frac = Decimal.ONE.sub(rem[t]!.abs().div(tierDelta[t]!.abs(), DIV, 'half-even'));
      used = Decimal.min(abs, abs.mul(Decimal.max(frac, 0)));
    }
    spot = spot.add(used.mul(s.spreadRate)).add(abs.sub(used).mul(s.outrightRate));
  }
  return { scan, intra, spot, netDelta, rem: Decimal.sum(rem) };
}

function reference(input: OverseasMarginDetailInput) {
  const nets = new Map<string, Map<number, number>>();
  for (const p of input.positions) {
    const key = `${p.exchange}:${p.classCode}`;
    const c = COMPILED.get(key)!;
    const i = c.def.contracts.findIndex(
      (k) =>
        k.contractMonth === p.contractMonth &&
        k.kind === (p.kind ?? 'future') &&
        (k.strike === undefined || k.strike === p.strike),
    );
    const m = nets.get(key) ?? new Map<number, number>();
    m.set(i, (m.get(i) ?? 0) + Number(p.quantity));
    if (m.get(i) === 0) m.delete(i);
    nets.set(key, m);
  }
  const exact = new Map<string, Exact>();
  for (const [key, net] of nets)
    if (net.size > 0) exact.set(key, referenceClass(COMPILED.get(key)!, net));
  // Inter-commodity: ES/NQ 1:1 (A/B opposite signs), WPR = scan ÷ |net delta|.
  const credit = new Map<string, Decimal>();
  for (const s of P.interSpreads ?? []) {
    const legs = s.legs.map((l) => exact.get(`${l.exchange}:${l.classCode}`));
    if (legs.some((l) => !l)) continue;
    const [x, y] = legs as [Exact, Exact];
    if (x.rem.isZero() || y.rem.isZero() || x.rem.sign() === y.rem.sign()) continue;
    const n = Decimal.min(x.rem.abs(), y.rem.abs());
    s.legs.forEach((l, k) => {
      const e = legs[k]!;
      const wpr = e.netDelta.isZero()
        ? Decimal.ZERO
        : e.scan.div(e.netDelta.abs(), DIV, 'half-even');
      credit.set(`${l.exchange}:${l.classCode}`, n.mul(wpr).mul(s.creditRate));
      e.rem = e.rem.sub(n.mul(e.rem.sign()));
    });
  }
  const view = input.crcyCd;
  const viewCcy = view === 'TKR' ? 'KRW' : view === 'TUS' ? 'USD' : view;
  let mntn = Decimal.ZERO;
  let initialExact = Decimal.ZERO;
  const perClass = new Map<string, { pv: Decimal; total: Decimal }>();
  for (const [key, e] of exact) {
    const c = COMPILED.get(key)!;
    const ccy = c.def.currency;
    const r = (d: Decimal) => d.round(units(ccy), 'half-up');
    const net = nets.get(key)!;
    let som = Decimal.ZERO;
    let longs = 0;
    let nov = Decimal.ZERO;
    for (const [i, q] of net) {
      const k = c.def.contracts[i]!;
      if (k.kind === 'future') continue;
      nov = nov.add(Decimal.parse(k.settlementPrice).mul(q));
      if (q > 0) longs += q;
      else
        som = som.add(
          Decimal.parse(k.shortOptionMinimum ?? c.def.shortOptionMinimum?.rate ?? '0').mul(-q),
        );
    }
    const pv = r(e.scan);
    const spread = r(e.intra.add(e.spot).sub(credit.get(key) ?? Decimal.ZERO));
    const optMin = r(som.add(Decimal.parse(c.def.tickValue).mul(longs)));
    const optVal = r(Decimal.max(nov.mul(c.def.multiplier), 0));
    const conv = (d: Decimal) => convertOverseasAmount(d, ccy, view, SAMPLE_OVERSEAS_FX_RATES);
    if (conv(Decimal.ZERO) === null) continue;
    const [vpv, vs, vm, vv] = [pv, spread, optMin, optVal].map((d) => conv(d)!) as Decimal[];
    const base = Decimal.max(vpv!.add(vs!), vm!, 0);
    const total = base.sub(Decimal.min(vv!, Decimal.max(base.sub(vm!), 0)));
    perClass.set(key, { pv: vpv!, total });
    mntn = mntn.add(total);
    initialExact = initialExact.add(total.mul(c.def.initialToMaintenance));
  }
  return { mntn, initial: initialExact.round(units(viewCcy), 'half-up'), perClass };
}

describe('SPAN is exact in every currency view', () => {
  it('equals the exact reference on ≥ 10,000 generated books', () => {
    const book = fc.array(
      fc.tuple(fc.integer({ min: 0, max: ALL.length - 1 }), fc.integer({ min: -25, max: 25 })),
      { minLength: 1, maxLength: 5 },
    );
    const views = fc.constantFrom('TKR', 'TUS', 'USD', 'HKD', 'JPY', 'CNY', 'VND') as fc.Arbitrary<
      OverseasMarginDetailInput['crcyCd']
    >;
    fc.assert(
      fc.property(book, views, (ps, view) => {
        const positions: OverseasPositionInput[] = ps.map(([n, q]) => {
          const { c, k } = ALL[n]!;
          return {
            exchange: c.exchange,
            classCode: c.classCode,
            contractMonth: k.contractMonth,
            ...(k.kind === 'future' ? {} : { kind: k.kind, strike: k.strike }),
            quantity: q,
          };
        });
        const input: OverseasMarginDetailInput = {
          account: { cano: '1', acnt_prdt_cd: '08', balances: [] },
          positions,
          riskParameters: { ...P, classes: SPAN },
          fxRates: SAMPLE_OVERSEAS_FX_RATES,
          inqrDt: '20250320',
          crcyCd: view,
        };
        const got = computeOverseasMarginDetailWithBreakdown(input);
        const ref = reference(input);
        for (const c of got.classes) {
          const r = ref.perClass.get(`${c.exchange}:${c.classCode}`);
          if (!c.viewRisk || !r) continue;
          assert.equal(c.viewRisk.maintenance.priceVariation.toString(), r.pv.toString(), 'pv');
          assert.equal(c.viewRisk.maintenance.total.toString(), r.total.toString(), c.classCode);
        }
        assert.ok(got.output.fm_span_mntn_tot_risk_mgn_amt.eq(ref.mntn), `mntn ${view}`);
        assert.ok(got.output.fm_span_tot_risk_mgn_amt.eq(ref.initial), `initial ${view}`);
      }),
      { numRuns: 10_000 },
    );
  });
});
