/**
 * 해외선물옵션 증거금상세 (OTFM3115R): every `fm_*` figure of one account, one date, one currency
 * view, from positions, orders, exercise reservations and risk parameters.
 *
 * Roll-ups (exact, in the view currency):
 * - span/eurex class total = max(price variation + spread, option minimum) + option price
 * - fm_span_brkg = fm_span_tot_risk = Σ SPAN class initial totals (EUREX alike)
 * - fm_gnrl_brkg = futr + sll_opt + buy_opt + sprd − avg_dsct; fm_gnrl_mntn = futr_mntn + opt_mntn
 * - fm_ustl = span_brkg + eurx_brkg + gnrl_brkg; fm_excc_brkg = fm_ustl (settlement basis)
 * - fm_opt_buy_ord_mgn = long-option order minimum + fm_ecis_rsvn
 * - fm_ord = futr_ord + opt_sll_ord + opt_buy_ord_mgn + opt_buy_ord_amt
 * - fm_brkg = fm_ustl + fm_ord; fm_mntn = span_mntn + eurx_mntn + gnrl_mntn
 * - fm_ord_psbl = equity − fm_brkg; fm_add = max(0, fm_ustl − equity) when equity < fm_mntn, else 0
 */
import { Decimal, type DecodedRecord, overseasMarginDetailFields } from '@kisfo/protocol';
import {
  combineOverseasRisk,
  computeOverseasClassRisk,
  type OverseasClassRisk,
  type OverseasRiskBreakdown,
  type OverseasRiskComponents,
  overseasInitialFromMaintenance,
} from './class-risk.js';
import { overseasDecimal } from './errors.js';
import { convertOverseasAmount, overseasMinorUnits, overseasViewCurrencyOf } from './fx.js';
import { computeOverseasGeneralMargin, type OverseasGeneralMargin } from './general.js';
import { computeOverseasOrderMargin, type OverseasOrderMargin } from './orders.js';
import { resolveOverseasInput } from './resolve.js';
import { spanPrefersDense } from './span-book.js';
import { type SpanClassExact, spanClassExact } from './span-class-exact.js';
import { spanInterCreditsExact } from './span-inter.js';
import type { OverseasCurrency, OverseasMarginDetailInput, OverseasMarginMethod } from './types.js';

/** One `fm_*` amount field name (from the protocol's field table). */
export type OverseasMarginDetailAmountField = Extract<
  (typeof overseasMarginDetailFields)[number],
  { kind: 'amount' }
>['name'];

/** Every `fm_*` amount field of OTFM3115R `output`, in the KIS document's order. */
export const OVERSEAS_MARGIN_DETAIL_AMOUNT_FIELDS: readonly OverseasMarginDetailAmountField[] =
  overseasMarginDetailFields
    .filter((f) => f.kind === 'amount')
    .map((f) => f.name as OverseasMarginDetailAmountField);

/**
 * OTFM3115R `output` under its wire names, typed from the protocol's field table: amounts as
 * Decimals in the view's currency, codes and dates as strings, the Y/N flag as a boolean.
 */
export type OverseasMarginDetailOutput = Required<DecodedRecord<typeof overseasMarginDetailFields>>;

/** One class's figures, in its own currency and in the view currency. */
export interface OverseasClassMarginDetail {
  exchange: string;
  classCode: string;
  currency: OverseasCurrency;
  method: OverseasMarginMethod;
  /** Whether the class appears in the requested view. */
  inView: boolean;
  /** SPAN/EUREX risk in the class currency (absent for general classes or empty books). */
  risk?: OverseasClassRisk;
  /**
   * SPAN/EUREX risk in the view currency: maintenance components converted and recombined,
   * initial = round(ratio × maintenance) per field. `oneSide` (policy on) and `netted` likewise.
   */
  viewRisk?: ViewRisk & { netted: ViewRisk; oneSide?: ViewRisk & { side: 'rising' | 'falling' } };
  general?: OverseasGeneralMargin;
  orders: OverseasOrderMargin;
}

/** Maintenance and initial figures of one class in the view currency. */
export interface ViewRisk {
  maintenance: OverseasRiskBreakdown;
  initial: OverseasRiskBreakdown;
}

/** The output plus the per-class breakdown it was summed from. */
export interface OverseasMarginDetailResult {
  output: OverseasMarginDetailOutput;
  classes: OverseasClassMarginDetail[];
  /** Equity in the view currency. */
  equity: Decimal;
  /**
   * With the one-side liquidation policy on: the netted (standard) and one-side SPAN + EUREX
   * totals of the view beside the applied ones; absent when the policy is off.
   */
  oneSide?: {
    nettedInitial: Decimal;
    nettedMaintenance: Decimal;
    oneSideInitial: Decimal;
    oneSideMaintenance: Decimal;
    /** Classes whose applied figures come from one side. */
    appliedTo: string[];
  };
}

/**
 * Compute OTFM3115R `output` (every `fm_*` field) for one account, date and currency view.
 *
 * @example
 * ```ts
 * const out = computeOverseasMarginDetail({
 *   account: { cano: '12345678', acnt_prdt_cd: '08', balances: [{ currency: 'USD', equity: '100000' }] },
 *   positions: [{ exchange: 'CME', classCode: 'ES', contractMonth: '202506', quantity: 1 }],
 *   riskParameters: SAMPLE_OVERSEAS_RISK_PARAMETERS,
 *   fxRates: SAMPLE_OVERSEAS_FX_RATES,
 *   inqrDt: '20250320',
 *   crcyCd: 'TKR',
 * });
 * out.fm_brkg_mgn_amt.toString();
 * ```
 */
export function computeOverseasMarginDetail(
  input: OverseasMarginDetailInput,
): OverseasMarginDetailOutput {
  return computeOverseasMarginDetailWithBreakdown(input).output;
}

/**
 * {@link computeOverseasMarginDetail} with the per-class figures behind the totals.
 *
 * @example
 * ```ts
 * const { output, classes } = computeOverseasMarginDetailWithBreakdown(input);
 * ```
 */
export function computeOverseasMarginDetailWithBreakdown(
  input: OverseasMarginDetailInput,
): OverseasMarginDetailResult {
  const r = resolveOverseasInput(input);
  const view = input.crcyCd;
  const rates = input.fxRates ?? {};
  const oneSide = input.oneSideLiquidation ?? false;
  const active = r.books.map((b) => b.contract.length > 0);
  // The faster of two bit-identical forms per SPAN class: a dense vector once much is held.
  const spanQty = (i: number) =>
    spanPrefersDense(r.classes[i]!, r.books[i]!.contract.length) ? r.quantities[i]! : r.books[i]!;

  // Inter-commodity credits need every SPAN class's scan and deltas first (exact).
  const exact = new Map<number, SpanClassExact>();
  const interIn = r.classes.flatMap((c, i) => {
    if (c.def.method !== 'span' || !active[i]) return [];
    const e = spanClassExact(c, spanQty(i));
    exact.set(i, e);
    return [
      { key: c.key, priceRisk: e.scan, netDelta: e.netDelta, remainingDelta: e.remainingDelta },
    ];
  });
  const credits = spanInterCreditsExact(interIn, input.riskParameters.interSpreads ?? []);
  const viewCcy = overseasViewCurrencyOf(view);
  const viewUnits = overseasMinorUnits(viewCcy);
  const side = {
    nettedI: Decimal.ZERO,
    nettedM: Decimal.ZERO,
    oneI: Decimal.ZERO,
    oneM: Decimal.ZERO,
  };
  const appliedTo: string[] = [];

  const zero = Decimal.ZERO;
  const sum: Record<string, Decimal> = {};
  for (const f of OVERSEAS_MARGIN_DETAIL_AMOUNT_FIELDS) sum[f] = zero;
  const add = (field: OverseasMarginDetailAmountField, v: Decimal) => {
    sum[field] = sum[field].add(v);
  };
  const classes: OverseasClassMarginDetail[] = [];

  r.classes.forEach((c, i) => {
    const path = `riskParameters.classes[${i}]`;
    const ccy = c.def.currency;
    const inView = view === 'TKR' || view === 'TUS' || view === ccy;
    const conv = (d: Decimal) =>
      convertOverseasAmount(d, ccy, view, rates, 'fxRates') ?? Decimal.ZERO;
    const orders = computeOverseasOrderMargin(c, r.orders[i], r.reservations[i], path);
    const detail: OverseasClassMarginDetail = {
      exchange: c.def.exchange,
      classCode: c.def.classCode,
      currency: ccy,
      method: c.def.method,
      inView,
      orders,
    };
    if (active[i] && c.def.method !== 'general') {
      // SPAN walks the held contracts (or the dense vector of a large book); EUREX scans dense.
      const qty = c.def.method === 'span' ? spanQty(i) : r.quantities[i];
      const risk = computeOverseasClassRisk(
        c,
        qty,
        credits.get(c.key) ?? Decimal.ZERO,
        oneSide,
        exact.get(i),
      );
      detail.risk = risk;
      if (inView) {
        const convC = (b: OverseasRiskComponents): OverseasRiskComponents => ({
          priceVariation: conv(b.priceVariation),
          spread: conv(b.spread),
          optionMinimum: conv(b.optionMinimum),
          optionValue: conv(b.optionValue),
        });
        // Maintenance per component rounded in the product currency, converted, recombined;
        // initial = ratio × that view's maintenance, rounded once (per class here; the output
        // fields take ratio × maintenance summed over classes, rounded once).
        const toView = (f: { components: OverseasRiskComponents }): ViewRisk => {
          const maintenance = combineOverseasRisk(convC(f.components));
          return {
            maintenance,
            initial: overseasInitialFromMaintenance(maintenance, c.ratio, viewCcy),
          };
        };
        const applied = toView(risk);
        const netted = risk.basis === 'netted' ? applied : toView(risk.netted);
        const one = risk.oneSide ? { side: risk.oneSide.side, ...toView(risk.oneSide) } : undefined;
        detail.viewRisk = { ...applied, netted, ...(one ? { oneSide: one } : {}) };
        const m = applied.maintenance;
        const n = unroundedInitial(m, c.ratio);
        if (oneSide) {
          side.nettedM = side.nettedM.add(netted.maintenance.total);
          side.nettedI = side.nettedI.add(netted.maintenance.total.mul(c.ratio));
          const o = one ?? netted;
          side.oneM = side.oneM.add(o.maintenance.total);
          side.oneI = side.oneI.add(o.maintenance.total.mul(c.ratio));
          if (risk.basis !== 'netted') appliedTo.push(c.key);
        }
        if (c.def.method === 'span') {
          add('fm_span_brkg_mgn_amt', n.total);
          add('fm_span_pric_altr_mgn_amt', n.priceVariation);
          add('fm_span_term_sprd_mgn_amt', n.spread);
          add('fm_span_buy_opt_min_mgn_amt', n.optionPrice);
          add('fm_span_opt_min_mgn_amt', n.optionMinimum);
          add('fm_span_tot_risk_mgn_amt', n.total);
          add('fm_span_mntn_mgn_amt', m.total);
          add('fm_span_mntn_pric_altr_mgn_amt', m.priceVariation);
          add('fm_span_mntn_term_sprd_mgn_amt', m.spread);
          add('fm_span_mntn_opt_pric_mgn_amt', m.optionPrice);
          add('fm_span_mntn_opt_min_mgn_amt', m.optionMinimum);
          add('fm_span_mntn_tot_risk_mgn_amt', m.total);
        } else {
          add('fm_eurx_brkg_mgn_amt', n.total);
          add('fm_eurx_pric_altr_mgn_amt', n.priceVariation);
          add('fm_eurx_term_sprd_mgn_amt', n.spread);
          add('fm_eurx_opt_pric_mgn_amt', n.optionPrice);
          add('fm_eurx_buy_opt_min_mgn_amt', n.optionMinimum);
          add('fm_eurx_tot_risk_mgn_amt', n.total);
          add('fm_eurx_mntn_mgn_amt', m.total);
          add('fm_eurx_mntn_pric_altr_mgn_amt', m.priceVariation);
          add('fm_eurx_mntn_term_sprd_mgn_amt', m.spread);
          add('fm_eurx_mntn_opt_pric_mgn_amt', m.optionPrice);
          add('fm_eurx_mntn_tot_risk_mgn_amt', m.total);
        }
      }
    }
    if (active[i] && c.def.method === 'general') {
      const g = computeOverseasGeneralMargin(c, r.quantities[i], path);
      detail.general = g;
      if (inView) {
        const futures = conv(g.futures);
        const shortOptions = conv(g.shortOptions);
        const longOptions = conv(g.longOptions);
        const spread = conv(g.spread);
        const avg = conv(g.averageDiscount);
        const futM = conv(g.futuresMaintenance);
        const optM = conv(g.optionsMaintenance);
        add('fm_futr_ustl_mgn_amt', futures);
        add('fm_sll_opt_ustl_mgn_amt', shortOptions);
        add('fm_buy_opt_ustl_mgn_amt', longOptions);
        add('fm_sprd_ustl_mgn_amt', spread);
        add('fm_avg_dsct_mgn_amt', avg);
        add(
          'fm_gnrl_brkg_mgn_amt',
          futures.add(shortOptions).add(longOptions).add(spread).sub(avg),
        );
        add('fm_futr_mntn_mgn_amt', futM);
        add('fm_opt_mntn_mgn_amt', optM);
        add('fm_gnrl_mntn_mgn_amt', futM.add(optM));
      }
    }
    if (inView) {
      const ecis = conv(orders.exerciseReservation);
      add('fm_futr_ord_mgn_amt', conv(orders.futures));
      add('fm_opt_sll_ord_mgn_amt', conv(orders.shortOptions));
      add('fm_opt_buy_ord_mgn_amt', conv(orders.longOptionMinimum).add(ecis));
      add('fm_ecis_rsvn_mgn_amt', ecis);
      add('fm_opt_buy_ord_amt', conv(orders.longOptionPremium));
    }
    classes.push(detail);
  });

  for (const f of INITIAL_RISK_FIELDS) sum[f] = sum[f].round(viewUnits, 'half-up');

  let equity = Decimal.ZERO;
  input.account.balances.forEach((b, i) => {
    const amount = overseasDecimal(b.equity, `account.balances[${i}].equity`);
    const v = convertOverseasAmount(amount, b.currency, view, rates, 'fxRates');
    if (v !== null) equity = equity.add(v);
  });

  sum.fm_ustl_mgn_amt = sum.fm_span_brkg_mgn_amt
    .add(sum.fm_eurx_brkg_mgn_amt)
    .add(sum.fm_gnrl_brkg_mgn_amt);
  sum.fm_excc_brkg_mgn_amt = sum.fm_ustl_mgn_amt;
  sum.fm_ord_mgn_amt = sum.fm_futr_ord_mgn_amt
    .add(sum.fm_opt_sll_ord_mgn_amt)
    .add(sum.fm_opt_buy_ord_mgn_amt)
    .add(sum.fm_opt_buy_ord_amt);
  sum.fm_brkg_mgn_amt = sum.fm_ustl_mgn_amt.add(sum.fm_ord_mgn_amt);
  sum.fm_mntn_mgn_amt = sum.fm_span_mntn_mgn_amt
    .add(sum.fm_eurx_mntn_mgn_amt)
    .add(sum.fm_gnrl_mntn_mgn_amt);
  sum.fm_ord_psbl_amt = equity.sub(sum.fm_brkg_mgn_amt);
  sum.fm_add_mgn_amt = equity.lt(sum.fm_mntn_mgn_amt)
    ? Decimal.max(sum.fm_ustl_mgn_amt.sub(equity), 0)
    : Decimal.ZERO;

  const output = {
    cano: input.account.cano,
    acnt_prdt_cd: input.account.acnt_prdt_cd,
    crcy_cd: view,
    resp_dt: input.inqrDt,
    acnt_net_risk_mgna_aply_yn: (input.account.netRiskMarginApplied ?? 'Y') === 'Y',
    ...sum,
  } as OverseasMarginDetailOutput;
  const round = (d: Decimal) => d.round(viewUnits, 'half-up');
  return {
    output,
    classes,
    equity,
    ...(oneSide
      ? {
          oneSide: {
            nettedInitial: round(side.nettedI),
            nettedMaintenance: side.nettedM,
            oneSideInitial: round(side.oneI),
            oneSideMaintenance: side.oneM,
            appliedTo,
          },
        }
      : {}),
  };
}

/** SPAN/EUREX initial fields: summed unrounded (ratio × view maintenance), rounded once. */
const INITIAL_RISK_FIELDS: readonly OverseasMarginDetailAmountField[] = [
  'fm_span_brkg_mgn_amt',
  'fm_span_pric_altr_mgn_amt',
  'fm_span_term_sprd_mgn_amt',
  'fm_span_buy_opt_min_mgn_amt',
  'fm_span_opt_min_mgn_amt',
  'fm_span_tot_risk_mgn_amt',
  'fm_eurx_brkg_mgn_amt',
  'fm_eurx_pric_altr_mgn_amt',
  'fm_eurx_term_sprd_mgn_amt',
  'fm_eurx_opt_pric_mgn_amt',
  'fm_eurx_buy_opt_min_mgn_amt',
  'fm_eurx_tot_risk_mgn_amt',
];

function unroundedInitial(m: OverseasRiskBreakdown, ratio: Decimal): OverseasRiskBreakdown {
  return {
    priceVariation: m.priceVariation.mul(ratio),
    spread: m.spread.mul(ratio),
    optionMinimum: m.optionMinimum.mul(ratio),
    optionValue: m.optionValue.mul(ratio),
    optionPrice: m.optionPrice.mul(ratio),
    total: m.total.mul(ratio),
  };
}
