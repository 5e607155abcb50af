import type { FieldSpec, InquirySpec } from '../spec-types.js';
import {
  accountFields,
  accountParams,
  commonRequestHeaders,
  custtypeHeader,
  envelopeFields,
  inquiryResponseHeaders,
} from './headers.js';

const amount = <N extends string>(name: N, ko: string, en: string) =>
  ({ name, ko, en, kind: 'amount', length: 19 }) as const;

/** `output1` of 선물옵션 잔고현황: one row per position (at most 20 per call). */
export const domesticBalancePositionFields = [
  ...accountFields,
  {
    name: 'pdno',
    ko: '상품번호',
    en: 'Futures/options standard code (e.g. KR4101SC0009)',
    kind: 'code',
    length: 12,
  },
  { name: 'prdt_type_cd', ko: '상품유형코드', en: 'Product type code', kind: 'code', length: 3 },
  {
    name: 'shtn_pdno',
    ko: '단축상품번호',
    en: 'Short code (e.g. 101P09)',
    kind: 'code',
    length: 12,
  },
  {
    name: 'prdt_name',
    ko: '상품명',
    en: 'Product name (e.g. "F 202212")',
    kind: 'text',
    length: 60,
  },
  {
    name: 'sll_buy_dvsn_name',
    ko: '매도매수구분명',
    en: 'Side name: 매수/BUY for a long balance, 매도/SLL for a short one, blank when closed out today',
    kind: 'text',
    length: 4,
    optional: true,
    note: "KIS's own example sends sll_buy_dvsn_cd and trad_dvsn_name instead of this field.",
  },
  {
    name: 'sll_buy_dvsn_cd',
    ko: '매도매수구분코드',
    en: 'Side code: 01 sell (short), 02 buy (long)',
    kind: 'code',
    length: 2,
    values: { '01': '매도', '02': '매수' },
    extra: true,
  },
  {
    name: 'trad_dvsn_name',
    ko: '매매구분명',
    en: 'Side name as in KIS example payloads (매수/매도)',
    kind: 'text',
    length: 4,
    extra: true,
  },
  { name: 'cblc_qty', ko: '잔고수량', en: 'Open quantity held', kind: 'quantity', length: 10 },
  {
    name: 'excc_unpr',
    ko: '정산단가',
    en: 'Settlement unit price: previous settlement price (정산) or average purchase price (본정산)',
    kind: 'price',
    length: 32,
  },
  {
    name: 'ccld_avg_unpr1',
    ko: '체결평균단가1',
    en: 'Average fill price',
    kind: 'price',
    length: 32,
  },
  {
    name: 'idx_clpr',
    ko: '지수종가',
    en: "Today's price (settlement or current)",
    kind: 'price',
    length: 32,
  },
  amount('pchs_amt', '매입금액', 'Purchase amount: qty × excc_unpr × multiplier'),
  amount('evlu_amt', '평가금액', 'Valuation: qty × idx_clpr × multiplier'),
  amount('evlu_pfls_amt', '평가손익금액', 'Valuation P&L: evlu − pchs (long), pchs − evlu (short)'),
  amount('trad_pfls_amt', '매매손익금액', 'Realised P&L of the quantity closed'),
  {
    name: 'lqd_psbl_qty',
    ko: '청산가능수량',
    en: 'Quantity that can be closed (open qty − pending closing orders)',
    kind: 'quantity',
    length: 19,
  },
] as const satisfies readonly FieldSpec[];

/** `output2` of 선물옵션 잔고현황: the account summary, identical on every page. */
export const domesticBalanceSummaryFields = [
  amount('dnca_cash', '예수금현금', 'Cash deposit in KRW (after cash and fee receivables)'),
  amount('frcr_dncl_amt', '외화예수금액', 'Foreign-currency cash deposit (KRW value)'),
  amount('dnca_sbst', '예수금대용', 'Substitute deposit (stock, bond and substitute-sale amounts)'),
  amount('tot_dncl_amt', '총예수금액', 'Total deposit: dnca_cash + frcr_dncl_amt + dnca_sbst'),
  {
    ...amount('tot_ccld_amt', '총체결금액', "Total amount of today's fills"),
    optional: true,
    note: "Absent from KIS's own example.",
  },
  amount('cash_mgna', '현금증거금', 'Cash used as margin'),
  amount('sbst_mgna', '대용증거금', 'Substitute used as margin'),
  amount('mgna_tota', '증거금총액', 'Total margin: cash_mgna + sbst_mgna'),
  amount('opt_dfpa', '옵션차금', "Option premium flow: today's option sells − buys"),
  amount(
    'thdt_dfpa',
    '당일차금',
    "Today's variation of today's futures trades against the settlement price",
  ),
  amount('rnwl_dfpa', '갱신차금', "Renewal variation of the prior day's open interest"),
  amount('fee', '수수료', 'Trading fees of filled orders'),
  amount(
    'nxdy_dnca',
    '익일예수금',
    'Next-day cash: dnca_cash + thdt_dfpa + rnwl_dfpa + opt_dfpa − fee',
  ),
  {
    ...amount('nxdy_dncl_amt', '익일예수금액', 'Next-day deposit amount'),
    optional: true,
    note: "Absent from KIS's own example.",
  },
  amount(
    'prsm_dpast',
    '추정예탁자산',
    'Estimated deposited assets: next-day cash + option value at settlement',
  ),
  {
    ...amount('prsm_dpast_amt', '추정예탁자산금액', 'Estimated deposited assets amount'),
    optional: true,
    note: "Absent from KIS's own example.",
  },
  amount('pprt_ord_psbl_cash', '적정주문가능현금', 'Orderable cash without receivables'),
  amount(
    'add_mgna_cash',
    '추가증거금현금',
    'Margin call in cash (after the close, below maintenance)',
  ),
  amount('add_mgna_tota', '추가증거금총액', 'Total margin call'),
  amount('futr_trad_pfls_amt', '선물매매손익금액', 'Futures realised P&L'),
  amount('opt_trad_pfls_amt', '옵션매매손익금액', 'Options realised P&L'),
  amount('futr_evlu_pfls_amt', '선물평가손익금액', 'Futures valuation P&L'),
  amount('opt_evlu_pfls_amt', '옵션평가손익금액', 'Options valuation P&L'),
  amount('trad_pfls_amt_smtl', '매매손익금액합계', 'Realised P&L total: futures + options'),
  amount('evlu_pfls_amt_smtl', '평가손익금액합계', 'Valuation P&L total: futures + options'),
  amount('wdrw_psbl_tot_amt', '인출가능총금액', 'Withdrawable: cash + substitute − total margin'),
  amount('ord_psbl_cash', '주문가능현금', 'Orderable cash'),
  amount('ord_psbl_sbst', '주문가능대용', 'Orderable substitute'),
  amount('ord_psbl_tota', '주문가능총액', 'Orderable total: cash + substitute'),
  {
    ...amount('mmga_tot_amt', '유지증거금총액', 'Maintenance margin total (KIS example field)'),
    extra: true,
  },
  {
    ...amount('mmga_cash_amt', '유지증거금현금', 'Maintenance margin in cash (KIS example field)'),
    extra: true,
  },
  {
    name: 'mtnc_rt',
    ko: '유지비율',
    en: 'Maintenance ratio (KIS example field)',
    kind: 'rate',
    length: 32,
    extra: true,
  },
  { ...amount('isfc_amt', '부족금액', 'Shortfall amount (KIS example field)'), extra: true },
  amount('pchs_amt_smtl', '매입금액합계', 'Sum of pchs_amt over all positions'),
  amount('evlu_amt_smtl', '평가금액합계', 'Sum of evlu_amt over all positions'),
] as const satisfies readonly FieldSpec[];

/**
 * 선물옵션 잔고현황 `v1_국내선물-004`: domestic futures/options balance (`CTFO6118R`/`VTFO6118R`).
 * Positions come 20 per call and continue with `CTX_AREA_FK200`/`CTX_AREA_NK200`.
 *
 * @example
 * ```ts
 * domesticInquireBalance.trId.real; // 'CTFO6118R'
 * domesticInquireBalance.outputs[0].fields.map((f) => f.name); // ['cano', 'acnt_prdt_cd', …]
 * ```
 */
export const domesticInquireBalance = {
  kind: 'inquiry',
  id: 'v1_국내선물-004',
  nameKo: '선물옵션 잔고현황',
  nameEn: 'Domestic futures/options balance',
  method: 'GET',
  path: '/uapi/domestic-futureoption/v1/trading/inquire-balance',
  trId: { real: 'CTFO6118R', paper: 'VTFO6118R' },
  paramsIn: 'query',
  headers: [...commonRequestHeaders, custtypeHeader(false)],
  params: [
    ...accountParams,
    {
      name: 'MGNA_DVSN',
      ko: '증거금 구분',
      en: 'Margin basis: 01 initial (개시), 02 maintenance (유지)',
      required: true,
      maxLength: 2,
      values: { '01': '개시', '02': '유지' },
    },
    {
      name: 'EXCC_STAT_CD',
      ko: '정산상태코드',
      en: 'Settlement basis: 1 settlement prices (정산), 2 purchase prices (본정산)',
      required: true,
      maxLength: 1,
      values: { '1': '정산 (정산가격으로 잔고 조회)', '2': '본정산 (매입가격으로 잔고 조회)' },
    },
    {
      name: 'CTX_AREA_FK200',
      ko: '연속조회검색조건200',
      en: 'Continuation search condition: blank first, then the previous ctx_area_fk200',
      required: true,
      blankAllowed: true,
      maxLength: 200,
    },
    {
      name: 'CTX_AREA_NK200',
      ko: '연속조회키200',
      en: 'Continuation key: blank first, then the previous ctx_area_nk200',
      required: true,
      blankAllowed: true,
      maxLength: 200,
    },
  ],
  responseHeaders: inquiryResponseHeaders,
  envelope: [
    ...envelopeFields,
    {
      name: 'ctx_area_fk200',
      ko: '연속조회검색조건200',
      en: 'Continuation search condition, right-padded to 200',
      kind: 'text',
      length: 200,
      padTo: 200,
    },
    {
      name: 'ctx_area_nk200',
      ko: '연속조회키200',
      en: 'Continuation key, right-padded to 200',
      kind: 'text',
      length: 200,
      padTo: 200,
    },
  ],
  outputs: [
    {
      name: 'output1',
      ko: '응답상세1',
      shape: 'array',
      fields: domesticBalancePositionFields,
      typeName: 'DomesticBalancePosition',
      about: 'One position (`output1` row)',
    },
    {
      name: 'output2',
      ko: '응답상세2',
      shape: 'object',
      fields: domesticBalanceSummaryFields,
      typeName: 'DomesticBalanceSummary',
      about: 'The account summary (`output2`)',
    },
  ],
  paging: {
    mode: 'ctx-keys',
    pageSize: 20,
    keys: [
      { param: 'CTX_AREA_FK200', field: 'ctx_area_fk200' },
      { param: 'CTX_AREA_NK200', field: 'ctx_area_nk200' },
    ],
    pagedOutput: 'output1',
  },
} as const satisfies InquirySpec;

/** The spec type of {@link domesticInquireBalance}. */
export type DomesticInquireBalanceSpec = typeof domesticInquireBalance;
