import type { FieldSpec, InquirySpec } from '../spec-types.js';
import {
  accountParams,
  commonRequestHeaders,
  custtypeHeader,
  envelopeFields,
  inquiryResponseHeaders,
} from './headers.js';

const amount = <N extends string>(name: N, ko: string, en: string) =>
  ({ name, ko, en, kind: 'amount', length: 19 }) as const;

/**
 * `output` of 선물옵션 총자산현황: the account's deposits, margin, P&L and orderable figures in one
 * object. Wire names and Korean labels are KIS's (`examples_llm/domestic_futureoption/
 * inquire_deposit`); most figures are the same ones 선물옵션 잔고현황 reports in `output2`.
 */
export const domesticDepositFields = [
  amount('dnca_tota', '예수금총액', 'Cash deposit (KRW cash, dnca_cash of the balance)'),
  amount('bfdy_chck_amt', '전일수표금액', "Yesterday's cheques not yet cleared"),
  amount('thdt_chck_amt', '당일수표금액', "Today's cheques not yet cleared"),
  amount('rlth_uwdl_dpos_amt', '실물인수도예치금액', 'Deposit held for physical delivery'),
  amount('brkg_mgna_cash', '위탁증거금현금', 'Initial margin required in cash (cash_mgna)'),
  amount('wdrw_psbl_tot_amt', '인출가능총금액', 'Withdrawable: cash + substitute − total margin'),
  amount('ord_psbl_cash', '주문가능현금', 'Orderable cash'),
  amount('ord_psbl_tota', '주문가능총액', 'Orderable total: cash + substitute'),
  amount('dnca_sbst', '예수금대용', 'Substitute (pledged securities) value'),
  amount('scts_sbst_amt', '유가증권대용금액', 'Securities substitute amount'),
  amount('frcr_evlu_amt', '외화평가금액', 'Foreign cash at its KRW value'),
  amount('brkg_mgna_sbst', '위탁증거금대용', 'Initial margin covered by substitutes (sbst_mgna)'),
  amount(
    'sbst_rlse_psbl_amt',
    '대용해제가능금액',
    'Substitutes that can be released: max(0, dnca_sbst − brkg_mgna_sbst)',
  ),
  {
    name: 'mtnc_rt',
    ko: '유지비율',
    en: 'Maintenance ratio (deposits ÷ maintenance margin, during a margin call)',
    kind: 'rate',
    length: 32,
  },
  amount('add_mgna_tota', '추가증거금총액', 'Total margin call'),
  amount('add_mgna_cash', '추가증거금현금', 'Margin call in cash'),
  amount('rcva', '미수금', 'Receivable: cash owed to the broker (negative cash)'),
  amount('futr_trad_pfls', '선물매매손익', 'Futures realised P&L'),
  amount('opt_trad_pfls_amt', '옵션매매손익금액', 'Options realised P&L'),
  amount('trad_pfls_smtl', '매매손익합계', 'Realised P&L total: futures + options'),
  amount('futr_evlu_pfls_amt', '선물평가손익금액', 'Futures valuation P&L'),
  amount('opt_evlu_pfls_amt', '옵션평가손익금액', 'Options valuation P&L'),
  amount('evlu_pfls_smtl', '평가손익합계', 'Valuation P&L total: futures + options'),
  amount(
    'excc_dfpa',
    '정산차금',
    "Futures variation settlement: today's trades + renewal of prior open interest",
  ),
  amount('opt_dfpa', '옵션차금', "Option premium: today's sells − today's buys"),
  amount('brkg_fee', '위탁수수료', 'Trading fees of filled orders'),
  amount('nxdy_dnca', '익일예수금', 'Next-day cash: dnca_tota + excc_dfpa + opt_dfpa − brkg_fee'),
  amount(
    'prsm_dpast_amt',
    '추정예탁자산금액',
    'Estimated deposited assets: next-day cash + option value at settlement',
  ),
  amount('cash_mntn_amt', '현금유지금액', 'Maintenance margin required in cash'),
  amount(
    'hack_acdt_acnt_move_amt',
    '해킹사고계좌이전금액',
    'Amount moved after a hacking incident',
  ),
] as const satisfies readonly FieldSpec[];

/**
 * 선물옵션 총자산현황 `v1_국내선물-014`: the domestic futures/options account's total assets
 * (`CTRP6550R`). One object, no paging; real only (KIS documents no paper TR ID).
 *
 * @example
 * ```ts
 * domesticInquireDeposit.trId.real; // 'CTRP6550R'
 * domesticInquireDeposit.outputs[0].fields.length; // 30
 * ```
 */
export const domesticInquireDeposit = {
  kind: 'inquiry',
  id: 'v1_국내선물-014',
  nameKo: '선물옵션 총자산현황',
  nameEn: 'Domestic futures/options total assets',
  method: 'GET',
  path: '/uapi/domestic-futureoption/v1/trading/inquire-deposit',
  trId: { real: 'CTRP6550R', paper: null },
  paramsIn: 'query',
  headers: [...commonRequestHeaders, custtypeHeader(false)],
  params: accountParams,
  responseHeaders: inquiryResponseHeaders,
  envelope: envelopeFields,
  outputs: [
    {
      name: 'output',
      ko: '응답상세',
      shape: 'object',
      fields: domesticDepositFields,
      typeName: 'DomesticDeposit',
      about: "The account's total assets (`output`)",
    },
  ],
  paging: { mode: 'none' },
} as const satisfies InquirySpec;

/** The spec type of {@link domesticInquireDeposit}. */
export type DomesticInquireDepositSpec = typeof domesticInquireDeposit;
