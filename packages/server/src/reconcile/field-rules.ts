/**
 * What the answers tell about each field kisfo computes, so reconcile knows which differences
 * are failures:
 * - `determined`: computed from values the answers themselves carry (quantities, prices,
 *   deposits, and for the margin-dependent figures KIS's own margin) — a difference is a real
 *   disagreement between kisfo's engines and KIS;
 * - `fitted`: depends on parameters the answers leave open (KRX margin rates, fitted), shown
 *   but not failed;
 * - `open`: depends on what neither answer contains (today's fills and orders, overseas
 *   positions) — shown, never failed;
 * - `input`: read from the answer to build the scenario (echoed, equal by construction).
 */
export type FieldStatus = 'determined' | 'fitted' | 'open' | 'input';

/** `output1` fields read as inputs by from-kis. */
export const BALANCE_ROW_INPUTS = new Set([
  'cano',
  'acnt_prdt_cd',
  'shtn_pdno',
  'sll_buy_dvsn_cd',
  'cblc_qty',
  'ccld_avg_unpr1',
  'idx_clpr',
]);
/** `output1` fields that need today's fills or orders. */
export const BALANCE_ROW_OPEN = new Set(['trad_pfls_amt', 'lqd_psbl_qty']);

/** `output2` fields read as inputs. */
export const BALANCE_SUMMARY_INPUTS = new Set(['dnca_cash', 'dnca_sbst', 'frcr_dncl_amt']);
/** `output2` fields fully determined by positions, prices and deposits. */
export const BALANCE_SUMMARY_DETERMINED = new Set([
  'tot_dncl_amt',
  'pchs_amt_smtl',
  'evlu_amt_smtl',
  'futr_evlu_pfls_amt',
  'opt_evlu_pfls_amt',
  'evlu_pfls_amt_smtl',
]);
/** `output2` fields determined once KIS's own `cash_mgna`/`sbst_mgna` are given. */
export const BALANCE_SUMMARY_GIVEN_MARGIN = new Set([
  'mgna_tota',
  'ord_psbl_cash',
  'ord_psbl_sbst',
  'ord_psbl_tota',
  'pprt_ord_psbl_cash',
  'wdrw_psbl_tot_amt',
]);
/** `output2` fields of today's trading: determined when KIS reports no trading today, else open. */
export const BALANCE_SUMMARY_TODAY = new Set([
  'tot_ccld_amt',
  'thdt_dfpa',
  'opt_dfpa',
  'fee',
  'rnwl_dfpa',
  'nxdy_dnca',
  'nxdy_dncl_amt',
  'prsm_dpast',
  'prsm_dpast_amt',
  'futr_trad_pfls_amt',
  'opt_trad_pfls_amt',
  'trad_pfls_amt_smtl',
]);
/** `output2` fields that include order margin (orders are in neither answer). */
export const BALANCE_SUMMARY_OPEN = new Set(['mmga_tot_amt', 'mmga_cash_amt']);
/** Everything else of `output2` (the margin figures and what follows from them) is `fitted`. */

/**
 * The margin-detail roll-ups (kisfo's contract, `@kisfo/risk` margin-detail): each a sum of
 * other fields of the same answer, so determined by KIS's own components. `+` adds, `-` subtracts.
 */
export const MARGIN_DETAIL_ROLLUPS: Readonly<Record<string, readonly string[]>> = {
  fm_ustl_mgn_amt: ['+fm_span_brkg_mgn_amt', '+fm_eurx_brkg_mgn_amt', '+fm_gnrl_brkg_mgn_amt'],
  fm_excc_brkg_mgn_amt: ['+fm_ustl_mgn_amt'],
  fm_ord_mgn_amt: [
    '+fm_futr_ord_mgn_amt',
    '+fm_opt_sll_ord_mgn_amt',
    '+fm_opt_buy_ord_mgn_amt',
    '+fm_opt_buy_ord_amt',
  ],
  fm_brkg_mgn_amt: ['+fm_ustl_mgn_amt', '+fm_ord_mgn_amt'],
  fm_mntn_mgn_amt: ['+fm_span_mntn_mgn_amt', '+fm_eurx_mntn_mgn_amt', '+fm_gnrl_mntn_mgn_amt'],
  fm_span_tot_risk_mgn_amt: ['+fm_span_brkg_mgn_amt'],
  fm_span_mntn_tot_risk_mgn_amt: ['+fm_span_mntn_mgn_amt'],
  fm_eurx_tot_risk_mgn_amt: ['+fm_eurx_brkg_mgn_amt'],
  fm_eurx_mntn_tot_risk_mgn_amt: ['+fm_eurx_mntn_mgn_amt'],
  fm_gnrl_brkg_mgn_amt: [
    '+fm_futr_ustl_mgn_amt',
    '+fm_sll_opt_ustl_mgn_amt',
    '+fm_buy_opt_ustl_mgn_amt',
    '+fm_sprd_ustl_mgn_amt',
    '-fm_avg_dsct_mgn_amt',
  ],
  fm_gnrl_mntn_mgn_amt: ['+fm_futr_mntn_mgn_amt', '+fm_opt_mntn_mgn_amt'],
};
