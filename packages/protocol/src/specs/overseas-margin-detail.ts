import { currencyMinorUnits } from '../currency.js';
import type { FieldSpec, InquirySpec } from '../spec-types.js';
import {
  accountFields,
  accountParams,
  commonRequestHeaders,
  custtypeHeader,
  envelopeFields,
  inquiryResponseHeaders,
} from './headers.js';

// Amounts of the margin detail are in the view's currency: whole units for KRW/JPY/VND views,
// cents for USD/HKD/CNY (and TUS) views.
const fm = <N extends string>(name: N, ko: string, en: string) =>
  ({ name, ko, en, kind: 'amount', length: 20, decimals: 'currency' }) as const;

/** The currency views of the margin detail (`CRCY_CD`). */
export const marginDetailCurrencies = {
  TKR: 'TOT_KRW: every product, in KRW',
  TUS: 'TOT_USD: every product, in USD',
  USD: '미국달러: USD products only',
  HKD: '홍콩달러: HKD products only',
  CNY: '중국위안화: CNY products only',
  JPY: '일본엔화: JPY products only',
  VND: '베트남동: VND products only',
} as const;

/** A currency view code. */
export type MarginDetailCurrency = keyof typeof marginDetailCurrencies;

/**
 * The currency a view reports in: `TKR` KRW, `TUS` USD, any other view its own currency.
 *
 * @example
 * ```ts
 * marginDetailViewCurrency('TUS'); // 'USD'
 * ```
 */
export function marginDetailViewCurrency(view: MarginDetailCurrency): string {
  return view === 'TKR' ? 'KRW' : view === 'TUS' ? 'USD' : view;
}

/**
 * Decimals of the margin detail's amounts per view: the minor unit of the view's currency
 * (whole units for TKR/JPY/VND, cents for TUS/USD/HKD/CNY), as they are written on the wire.
 *
 * @example
 * ```ts
 * MARGIN_DETAIL_CURRENCY_DECIMALS.TUS; // 2
 * ```
 */
export const MARGIN_DETAIL_CURRENCY_DECIMALS: Readonly<Record<MarginDetailCurrency, number>> =
  Object.freeze(
    Object.fromEntries(
      (Object.keys(marginDetailCurrencies) as MarginDetailCurrency[]).map((v) => [
        v,
        currencyMinorUnits(marginDetailViewCurrency(v))!,
      ]),
    ) as Record<MarginDetailCurrency, number>,
  );

/** `output` of 해외선물옵션 증거금상세: every margin figure for one currency view. */
export const overseasMarginDetailFields = [
  ...accountFields,
  {
    name: 'crcy_cd',
    ko: '통화코드',
    en: 'Currency view',
    kind: 'code',
    length: 3,
    values: marginDetailCurrencies,
  },
  { name: 'resp_dt', ko: '응답일자', en: 'Response date (YYYYMMDD)', kind: 'date', length: 8 },
  {
    name: 'acnt_net_risk_mgna_aply_yn',
    ko: '계좌순위험증거금적용여부',
    en: 'Whether account net-risk margining applies (Y/N)',
    kind: 'flag',
    length: 1,
  },
  fm('fm_ord_psbl_amt', 'FM주문가능금액', 'Orderable amount: equity − fm_brkg_mgn_amt'),
  fm('fm_add_mgn_amt', 'FM추가증거금액', 'Margin call when equity falls below maintenance'),
  fm('fm_brkg_mgn_amt', 'FM위탁증거금액', 'Initial (brokerage) margin: open positions + orders'),
  fm('fm_excc_brkg_mgn_amt', 'FM정산위탁증거금액', 'Initial margin on settled positions'),
  fm('fm_ustl_mgn_amt', 'FM미결제증거금액', 'Open-position margin: SPAN + EUREX + general'),
  fm('fm_mntn_mgn_amt', 'FM유지증거금액', 'Maintenance margin'),
  fm('fm_ord_mgn_amt', 'FM주문증거금액', 'Order margin: the order components'),
  fm(
    'fm_futr_ord_mgn_amt',
    'FM선물주문증거금액',
    'Futures order margin (opening orders × per-contract margin)',
  ),
  fm(
    'fm_opt_buy_ord_amt',
    'FM옵션매수주문금액',
    'Long option order premium (limit price, market: current + 50 ticks)',
  ),
  fm(
    'fm_opt_sll_ord_mgn_amt',
    'FM옵션매도주문증거금액',
    'Short option order margin (opening orders × per-contract margin)',
  ),
  fm(
    'fm_opt_buy_ord_mgn_amt',
    'FM옵션매수주문증거금액',
    'Long option order margin: max(tick value, 10) per contract',
  ),
  fm(
    'fm_ecis_rsvn_mgn_amt',
    'FM행사예약증거금액',
    "Exercise reservation margin (underlying future's per-contract margin)",
  ),
  fm('fm_span_brkg_mgn_amt', 'FMSPAN위탁증거금액', 'SPAN initial margin'),
  fm(
    'fm_span_pric_altr_mgn_amt',
    'FMSPAN가격변동증거금액',
    'SPAN price-variation (scan risk) margin',
  ),
  fm('fm_span_term_sprd_mgn_amt', 'FMSPAN기간스프레드증거금액', 'SPAN inter-month spread margin'),
  fm(
    'fm_span_buy_opt_min_mgn_amt',
    'FMSPAN옵션가격증거금액',
    'SPAN option price margin (net option value credit)',
  ),
  fm('fm_span_opt_min_mgn_amt', 'FMSPAN옵션최소증거금액', 'SPAN option minimum margin'),
  fm('fm_span_tot_risk_mgn_amt', 'FMSPAN총위험증거금액', 'SPAN total risk margin'),
  fm('fm_span_mntn_mgn_amt', 'FMSPAN유지증거금액', 'SPAN maintenance margin'),
  fm(
    'fm_span_mntn_pric_altr_mgn_amt',
    'FMSPAN유지가격변동증거금액',
    'SPAN maintenance price-variation margin',
  ),
  fm(
    'fm_span_mntn_term_sprd_mgn_amt',
    'FMSPAN유지기간스프레드증거금액',
    'SPAN maintenance inter-month spread margin',
  ),
  fm(
    'fm_span_mntn_opt_pric_mgn_amt',
    'FMSPAN유지옵션가격증거금액',
    'SPAN maintenance option price margin',
  ),
  fm(
    'fm_span_mntn_opt_min_mgn_amt',
    'FMSPAN유지옵션최소증거금액',
    'SPAN maintenance option minimum margin',
  ),
  fm(
    'fm_span_mntn_tot_risk_mgn_amt',
    'FMSPAN유지총위험증거금액',
    'SPAN maintenance total risk margin',
  ),
  fm('fm_eurx_brkg_mgn_amt', 'FMEUREX위탁증거금액', 'EUREX-style initial margin'),
  fm(
    'fm_eurx_pric_altr_mgn_amt',
    'FMEUREX가격변동증거금액',
    'EUREX-style price-variation margin (29-point scan)',
  ),
  fm(
    'fm_eurx_term_sprd_mgn_amt',
    'FMEUREX기간스프레드증거금액',
    'EUREX-style futures spread margin',
  ),
  fm(
    'fm_eurx_opt_pric_mgn_amt',
    'FMEUREX옵션가격증거금액',
    'EUREX-style option price margin (credit)',
  ),
  fm(
    'fm_eurx_buy_opt_min_mgn_amt',
    'FMEUREX매수옵션최소증거금액',
    'EUREX-style long option minimum margin',
  ),
  fm('fm_eurx_tot_risk_mgn_amt', 'FMEUREX총위험증거금액', 'EUREX-style total risk margin'),
  fm('fm_eurx_mntn_mgn_amt', 'FMEUREX유지증거금액', 'EUREX-style maintenance margin'),
  fm(
    'fm_eurx_mntn_pric_altr_mgn_amt',
    'FMEUREX유지가격변동증거금액',
    'EUREX-style maintenance price-variation margin',
  ),
  fm(
    'fm_eurx_mntn_term_sprd_mgn_amt',
    'FMEUREX기간스프레드증거금액',
    'EUREX-style maintenance spread margin (the document repeats the initial label)',
  ),
  fm(
    'fm_eurx_mntn_opt_pric_mgn_amt',
    'FMEUREX유지옵션가격증거금액',
    'EUREX-style maintenance option price margin',
  ),
  fm(
    'fm_eurx_mntn_tot_risk_mgn_amt',
    'FMEUREX유지총위험증거금액',
    'EUREX-style maintenance total risk margin',
  ),
  fm('fm_gnrl_brkg_mgn_amt', 'FM일반위탁증거금액', 'General (non-SPAN) initial margin'),
  fm(
    'fm_futr_ustl_mgn_amt',
    'FM선물미결제증거금액',
    'General: futures open interest × per-contract rate',
  ),
  fm(
    'fm_sll_opt_ustl_mgn_amt',
    'FM매도옵션미결제증거금액',
    'General: short options × per-contract worst case',
  ),
  fm('fm_buy_opt_ustl_mgn_amt', 'FM매수옵션미결제증거금액', 'General: long options × one tick'),
  fm('fm_sprd_ustl_mgn_amt', 'FM스프레드미결제증거금액', 'General: spread open interest margin'),
  fm('fm_avg_dsct_mgn_amt', 'FMAVG할인증거금액', 'General: average-price discount margin'),
  fm('fm_gnrl_mntn_mgn_amt', 'FM일반유지증거금액', 'General maintenance margin'),
  fm('fm_futr_mntn_mgn_amt', 'FM선물유지증거금액', 'General futures maintenance margin'),
  fm('fm_opt_mntn_mgn_amt', 'FM옵션유지증거금액', 'General options maintenance margin'),
] as const satisfies readonly FieldSpec[];

/**
 * 해외선물옵션 증거금상세 `해외선물-032`: overseas futures/options margin detail (`OTFM3115R`,
 * real environment only — KIS offers no paper TR). One object, no paging.
 *
 * The KIS document lists the parameters under "Body" but the method is GET; KIS's own samples send
 * them as query parameters, and so does kisfo.
 *
 * @example
 * ```ts
 * overseasMarginDetail.trId.paper; // null — not offered on paper
 * ```
 */
export const overseasMarginDetail = {
  kind: 'inquiry',
  id: '해외선물-032',
  nameKo: '해외선물옵션 증거금상세',
  nameEn: 'Overseas futures/options margin detail',
  method: 'GET',
  path: '/uapi/overseas-futureoption/v1/trading/margin-detail',
  trId: { real: 'OTFM3115R', paper: null },
  paramsIn: 'query',
  headers: [...commonRequestHeaders, custtypeHeader(true)],
  params: [
    ...accountParams,
    {
      name: 'CRCY_CD',
      ko: '통화코드',
      en: 'Currency view: TKR, TUS, USD, HKD, CNY, JPY, VND',
      required: true,
      maxLength: 3,
      values: marginDetailCurrencies,
    },
    {
      name: 'INQR_DT',
      ko: '조회일자',
      en: 'Inquiry date (YYYYMMDD)',
      required: true,
      maxLength: 8,
      exactLength: 8,
      format: 'yyyymmdd',
    },
  ],
  responseHeaders: inquiryResponseHeaders,
  envelope: envelopeFields,
  outputs: [
    {
      name: 'output',
      ko: '응답상세',
      shape: 'object',
      fields: overseasMarginDetailFields,
      typeName: 'OverseasMarginDetail',
      about: 'Every margin figure of one currency view (`output`)',
    },
  ],
  paging: { mode: 'none' },
} as const satisfies InquirySpec;

/** The spec type of {@link overseasMarginDetail}. */
export type OverseasMarginDetailSpec = typeof overseasMarginDetail;
