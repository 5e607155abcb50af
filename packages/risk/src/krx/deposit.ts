import { Decimal, type DecodedRecord, type domesticDepositFields } from '@kisfo/protocol';
import type { DomesticBalanceSummary } from './types.js';

/**
 * 선물옵션 총자산현황 `output` under its wire names, typed from the protocol's field table: KRW
 * integers except `mtnc_rt` (8 decimals).
 */
export type DomesticDeposit = Required<DecodedRecord<typeof domesticDepositFields>>;

/**
 * 선물옵션 총자산현황 from the two balance summaries it is made of: the account's figures at the
 * initial requirement (`MGNA_DVSN=01`) and at the maintenance requirement (`02`), both on the
 * settlement basis (`EXCC_STAT_CD=1`). Every figure is one of the balance's or an exact sum of
 * them, so the two inquiries never disagree:
 *
 * - `dnca_tota` = `dnca_cash`; `frcr_evlu_amt` = `frcr_dncl_amt`; `dnca_sbst` = `scts_sbst_amt`
 *   = the balance's `dnca_sbst` (every substitute is a pledged security);
 * - `brkg_mgna_cash` / `brkg_mgna_sbst` = the initial `cash_mgna` / `sbst_mgna`;
 *   `cash_mntn_amt` = the maintenance `cash_mgna`;
 * - `sbst_rlse_psbl_amt` = `ord_psbl_sbst` = max(0, `dnca_sbst` − `sbst_mgna`);
 * - `excc_dfpa` = `thdt_dfpa` + `rnwl_dfpa`, so `nxdy_dnca` = `dnca_tota` + `excc_dfpa` +
 *   `opt_dfpa` − `brkg_fee` (plus final settlement on an expiry day, as in the balance);
 * - `rcva` = max(0, −`dnca_cash`): cash owed to the broker;
 * - cheques, physical-delivery deposits and hacking-incident transfers: 0 (a futures ledger
 *   holds none).
 *
 * @example
 * ```ts
 * const initial = computeDomesticBalance({ ...input, mgnaDvsn: '01' }).output2;
 * const maintenance = computeDomesticBalance({ ...input, mgnaDvsn: '02' }).output2;
 * computeDomesticDeposit(initial, maintenance).nxdy_dnca; // = initial.nxdy_dnca
 * ```
 */
export function computeDomesticDeposit(
  initial: DomesticBalanceSummary,
  maintenance: DomesticBalanceSummary,
): DomesticDeposit {
  const s = initial;
  return {
    dnca_tota: s.dnca_cash,
    bfdy_chck_amt: Decimal.ZERO,
    thdt_chck_amt: Decimal.ZERO,
    rlth_uwdl_dpos_amt: Decimal.ZERO,
    brkg_mgna_cash: s.cash_mgna,
    wdrw_psbl_tot_amt: s.wdrw_psbl_tot_amt,
    ord_psbl_cash: s.ord_psbl_cash,
    ord_psbl_tota: s.ord_psbl_tota,
    dnca_sbst: s.dnca_sbst,
    scts_sbst_amt: s.dnca_sbst,
    frcr_evlu_amt: s.frcr_dncl_amt,
    brkg_mgna_sbst: s.sbst_mgna,
    sbst_rlse_psbl_amt: s.ord_psbl_sbst,
    mtnc_rt: s.mtnc_rt,
    add_mgna_tota: s.add_mgna_tota,
    add_mgna_cash: s.add_mgna_cash,
    rcva: s.dnca_cash.sign() < 0 ? s.dnca_cash.neg() : Decimal.ZERO,
    futr_trad_pfls: s.futr_trad_pfls_amt,
    opt_trad_pfls_amt: s.opt_trad_pfls_amt,
    trad_pfls_smtl: s.trad_pfls_amt_smtl,
    futr_evlu_pfls_amt: s.futr_evlu_pfls_amt,
    opt_evlu_pfls_amt: s.opt_evlu_pfls_amt,
    evlu_pfls_smtl: s.evlu_pfls_amt_smtl,
    excc_dfpa: s.thdt_dfpa.add(s.rnwl_dfpa),
    opt_dfpa: s.opt_dfpa,
    brkg_fee: s.fee,
    nxdy_dnca: s.nxdy_dnca,
    prsm_dpast_amt: s.prsm_dpast,
    cash_mntn_amt: maintenance.cash_mgna,
    hack_acdt_acnt_move_amt: Decimal.ZERO,
  };
}
