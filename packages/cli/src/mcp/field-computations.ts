import type { INQUIRY_SPECS } from '@kisfo/protocol';

/**
 * How kisfo computes each response field, per API and wire name: the computation contracts of
 * the design document and the risk engines, as data. The field's meaning, Korean label, kind and
 * length come from the protocol spec tables; this adds only the "how". Fields KIS passes through
 * (codes, names, dates) have no entry. Keyed per API because one wire name can be derived
 * differently by two APIs (`prsm_dpast_amt`).
 */
export const FIELD_COMPUTATIONS: Readonly<
  Record<keyof typeof INQUIRY_SPECS, Readonly<Record<string, string>>>
> = {
  domesticInquireBalance: {
    // 선물옵션 잔고현황 output1 (per position)
    cblc_qty:
      'Open quantity of the position after today’s fills, netted per series (long or short).',
    excc_unpr:
      'With EXCC_STAT_CD=1 (정산): the previous settlement price, or the fill price for a position opened today. With 2 (본정산): the average purchase price.',
    ccld_avg_unpr1: 'Average fill price of the open quantity.',
    idx_clpr: "Today's price: the day's settlement price (or the current price intraday).",
    pchs_amt:
      'cblc_qty × excc_unpr × contract multiplier (KOSPI200 futures/options 250,000 KRW per point, mini 50,000, …), in KRW.',
    evlu_amt: 'cblc_qty × idx_clpr × contract multiplier, in KRW.',
    evlu_pfls_amt: 'evlu_amt − pchs_amt for a long position, pchs_amt − evlu_amt for a short one.',
    trad_pfls_amt:
      'Realised P&L of the quantity closed, matched first-in first-out against the settlement basis.',
    lqd_psbl_qty: 'cblc_qty minus the quantity already in pending closing orders.',
    sll_buy_dvsn_name:
      '매수 for a long balance, 매도 for a short one, blank when closed out today.',
    // 선물옵션 잔고현황 output2 (account summary, KRW integers)
    tot_dncl_amt: 'dnca_cash + frcr_dncl_amt + dnca_sbst.',
    thdt_dfpa:
      "Σ today's futures buys qty × (today's price − fill) × multiplier + Σ today's sells qty × (fill − today's price) × multiplier.",
    rnwl_dfpa:
      "Prior-day long open interest × (today's settlement − previous settlement) × multiplier + prior short open interest × (previous − today's) × multiplier.",
    opt_dfpa: "Today's option sell premium − today's option buy premium.",
    fee: 'Trading fees of the filled orders: per-product fee rates, rounded once.',
    nxdy_dnca:
      'dnca_cash + thdt_dfpa + rnwl_dfpa + opt_dfpa − fee (plus final settlement at expiry).',
    nxdy_dncl_amt: 'nxdy_dnca plus foreign cash and substitutes.',
    prsm_dpast:
      'nxdy_dnca + value of the option positions at settlement (long value − short value).',
    prsm_dpast_amt: 'prsm_dpast plus foreign cash and substitutes.',
    mgna_tota:
      'cash_mgna + sbst_mgna: the KRX customer margin, initial (MGNA_DVSN=01) or maintenance (02). Per product group: max(max(scan loss or option adjustment + futures spread + delivery, short-option minimum) + option price margin, group floor); the scan reprices every position over 31 price points, is rounded up once, then the group total.',
    cash_mgna: 'The part of the margin that must be cash: ceil(total margin × cash ratio).',
    sbst_mgna: 'Total margin − cash margin: the part substitutes may cover.',
    ord_psbl_sbst: 'max(0, dnca_sbst − sbst_mgna).',
    ord_psbl_cash:
      'dnca_cash − cash_mgna − max(0, sbst_mgna − dnca_sbst): a substitute shortfall is covered by cash.',
    ord_psbl_tota: 'ord_psbl_cash + ord_psbl_sbst.',
    pprt_ord_psbl_cash: 'dnca_cash − mgna_tota, floored as the rules require.',
    wdrw_psbl_tot_amt: 'dnca_cash + dnca_sbst − mgna_tota, not below 0.',
    add_mgna_cash:
      'After the close, when deposits fall below the maintenance requirement: the cash that restores the initial requirement; else 0.',
    add_mgna_tota:
      'After the close, when deposits fall below the maintenance requirement: the amount that restores the initial requirement; else 0.',
    futr_trad_pfls_amt: 'Σ trad_pfls_amt over futures positions.',
    opt_trad_pfls_amt: 'Σ trad_pfls_amt over option positions.',
    futr_evlu_pfls_amt: 'Σ evlu_pfls_amt over futures positions.',
    opt_evlu_pfls_amt: 'Σ evlu_pfls_amt over option positions.',
    trad_pfls_amt_smtl: 'futr_trad_pfls_amt + opt_trad_pfls_amt.',
    evlu_pfls_amt_smtl: 'futr_evlu_pfls_amt + opt_evlu_pfls_amt.',
    pchs_amt_smtl: 'Σ pchs_amt over every position of every page.',
    evlu_amt_smtl: 'Σ evlu_amt over every position of every page.',
    mmga_tot_amt: 'The margin added by working opening orders.',
    mmga_cash_amt: 'The cash part of the margin added by working opening orders.',
    mtnc_rt: 'Equity ÷ maintenance margin × 100; non-zero only in a margin call.',
    isfc_amt: 'Maintenance margin − equity; non-zero only in a margin call.',
  },
  // 선물옵션 총자산현황 output: every figure is one of the balance's (settlement basis) or an exact
  // sum of them, so the two inquiries never disagree.
  domesticInquireDeposit: {
    dnca_tota: "The balance's dnca_cash: KRW cash after cash and fee receivables.",
    bfdy_chck_amt: 'Always 0: a futures ledger holds no cheques.',
    thdt_chck_amt: 'Always 0: a futures ledger holds no cheques.',
    rlth_uwdl_dpos_amt: 'Always 0: no physical-delivery deposits are held.',
    brkg_mgna_cash: "The balance's cash_mgna at the initial requirement (MGNA_DVSN=01).",
    wdrw_psbl_tot_amt:
      "The balance's wdrw_psbl_tot_amt at the initial requirement: dnca_cash + dnca_sbst − mgna_tota, not below 0.",
    ord_psbl_cash:
      "The balance's ord_psbl_cash at the initial requirement: dnca_cash − cash_mgna − max(0, sbst_mgna − dnca_sbst).",
    ord_psbl_tota:
      "The balance's ord_psbl_tota at the initial requirement: ord_psbl_cash + ord_psbl_sbst.",
    dnca_sbst: "The balance's dnca_sbst.",
    scts_sbst_amt: "The balance's dnca_sbst: every substitute is a pledged security.",
    frcr_evlu_amt: "The balance's frcr_dncl_amt.",
    brkg_mgna_sbst: "The balance's sbst_mgna at the initial requirement.",
    sbst_rlse_psbl_amt:
      "The balance's ord_psbl_sbst at the initial requirement: max(0, dnca_sbst − sbst_mgna).",
    mtnc_rt:
      "The balance's mtnc_rt: equity ÷ maintenance margin × 100, non-zero only in a margin call.",
    add_mgna_tota:
      "The balance's add_mgna_tota: after the close, below maintenance, the amount that restores the initial requirement.",
    add_mgna_cash: "The balance's add_mgna_cash.",
    rcva: 'max(0, −dnca_cash): cash owed to the broker.',
    futr_trad_pfls: "The balance's futr_trad_pfls_amt.",
    opt_trad_pfls_amt: "The balance's opt_trad_pfls_amt.",
    trad_pfls_smtl: "The balance's trad_pfls_amt_smtl: futures + options realised P&L.",
    futr_evlu_pfls_amt: "The balance's futr_evlu_pfls_amt.",
    opt_evlu_pfls_amt: "The balance's opt_evlu_pfls_amt.",
    evlu_pfls_smtl: "The balance's evlu_pfls_amt_smtl: futures + options valuation P&L.",
    excc_dfpa: "The balance's thdt_dfpa + rnwl_dfpa.",
    opt_dfpa: "The balance's opt_dfpa: today's option sell premium − buy premium.",
    brkg_fee: "The balance's fee.",
    nxdy_dnca:
      "dnca_tota + excc_dfpa + opt_dfpa − brkg_fee (plus final settlement at expiry): the balance's nxdy_dnca.",
    prsm_dpast_amt: "The balance's prsm_dpast: next-day cash + option value at settlement.",
    cash_mntn_amt: "The balance's cash_mgna at the maintenance requirement (MGNA_DVSN=02).",
    hack_acdt_acnt_move_amt: 'Always 0: no hacking-incident transfers.',
  },
  overseasMarginDetail: {
    // 해외선물옵션 증거금상세 output (in the view's currency)
    fm_ord_psbl_amt: 'Equity − fm_brkg_mgn_amt.',
    fm_add_mgn_amt: 'The margin call when equity is below the maintenance margin; else 0.',
    fm_brkg_mgn_amt: 'fm_ustl_mgn_amt + fm_ord_mgn_amt.',
    fm_ustl_mgn_amt: 'SPAN + EUREX-style + general initial margin of the open positions.',
    fm_mntn_mgn_amt: 'The maintenance roll-up: SPAN + EUREX-style + general maintenance margin.',
    fm_ord_mgn_amt:
      'Order components: opening futures and short-option orders × per-contract margin; long option orders × max(tick value, 10); exercise reservations × the underlying future’s per-contract margin.',
    fm_futr_ord_mgn_amt: 'Opening futures orders × per-contract margin.',
    fm_opt_buy_ord_amt:
      'Long option order premium at the limit price (market orders: current price + 50 ticks).',
    fm_opt_sll_ord_mgn_amt: 'Opening short-option orders × per-contract margin.',
    fm_opt_buy_ord_mgn_amt:
      'Long option orders × max(tick value, 10), plus exercise reservations × the underlying future’s per-contract margin.',
    fm_ecis_rsvn_mgn_amt:
      'Long options reserved for exercise × the underlying future’s per-contract margin.',
    fm_span_brkg_mgn_amt:
      'SPAN initial margin = maintenance × the initial/maintenance ratio (1.1 in KIS’s example), rounded once in the view.',
    fm_span_mntn_mgn_amt:
      'SPAN maintenance margin per combined commodity: max(scan + spread, short option minimum) + option price margin, summed, converted into the view.',
    fm_span_pric_altr_mgn_amt:
      'SPAN price-variation (scan) margin: the worst loss of the 16 exchange risk-array scenarios, recomputed exactly.',
    fm_span_term_sprd_mgn_amt:
      'SPAN inter-month spread charge from composite deltas, tier spreads taken in priority order.',
    fm_span_opt_min_mgn_amt: 'SPAN short option minimum: short options × the per-contract minimum.',
    fm_span_buy_opt_min_mgn_amt: 'SPAN long option minimum: one tick per long option contract.',
    fm_span_mntn_opt_pric_mgn_amt:
      'SPAN option price margin = −max(0, Σ option liquidation value): a credit for net long option value, never taking the class below its option minimum.',
    fm_excc_brkg_mgn_amt:
      'Initial margin of the settled (open) positions: equal to fm_ustl_mgn_amt (orders excluded).',
    fm_span_tot_risk_mgn_amt:
      'max(scan + spread, short option minimum) + option price margin, per class, summed.',
    fm_eurx_brkg_mgn_amt:
      'EUREX-style initial margin = maintenance × the initial/maintenance ratio, rounded once in the view.',
    fm_eurx_mntn_mgn_amt:
      'EUREX-style maintenance margin per class: price variation (short option minimum inside) + futures spread + option price margin, summed, converted into the view.',
    fm_eurx_pric_altr_mgn_amt:
      'EUREX-style price-variation margin: the worst loss on a 29-point grid (0 and 14 steps each side of the margin interval).',
    fm_eurx_term_sprd_mgn_amt: 'EUREX-style futures calendar spreads × the spread rate.',
    fm_eurx_buy_opt_min_mgn_amt: 'EUREX-style long option minimum.',
    fm_eurx_opt_pric_mgn_amt: 'EUREX-style option price margin (premium margin, a credit ≤ 0).',
    fm_eurx_tot_risk_mgn_amt: 'EUREX-style price variation + spread + option price margin.',
    fm_gnrl_brkg_mgn_amt:
      'General (non-SPAN) margin: futures + short options + long options + spread margin − average-price discount, each at exact per-contract rates.',
    fm_sprd_ustl_mgn_amt: 'General method: spread open interest × the per-spread rate.',
    fm_avg_dsct_mgn_amt: 'General method: the average-price discount, subtracted from the total.',
    fm_gnrl_mntn_mgn_amt: 'fm_futr_mntn_mgn_amt + fm_opt_mntn_mgn_amt.',
    fm_futr_mntn_mgn_amt: 'General method: futures open interest × per-contract maintenance rate.',
    fm_opt_mntn_mgn_amt:
      'General method: short options × per-contract maintenance rate + long options × one tick.',
    fm_futr_ustl_mgn_amt: 'General method: futures open interest × per-contract rate.',
    fm_sll_opt_ustl_mgn_amt:
      'General method: short options × the exchange’s per-contract worst case.',
    fm_buy_opt_ustl_mgn_amt: 'General method: long options × one tick.',
  },
};

/** How every fm_* amount is rounded and converted into the requested view. */
export const OVERSEAS_VIEW_NOTE =
  'Computed per product class in the product’s currency, rounded half-up to its minor unit, then converted with the ledger’s FX rates of INQR_DT: TKR in KRW, TUS in USD, other views that currency’s products only.';
