import {
  domesticInquireBalance,
  domesticInquireDeposit,
  type EncodeOptions,
  type InquirySpec,
  type MarginDetailCurrency,
  overseasMarginDetail,
} from '@kisfo/protocol';
import type { AccountRef, KisBackOffice } from '../../contracts.js';

/** What a back office answered for one inquiry, before paging and encoding. */
export interface InquiryAnswer {
  /** Every output under its wire name (`output1`, `output2` / `output`), values decoded. */
  outputs: Record<string, unknown>;
  /** Account version the answer was computed at (required for paged inquiries). */
  version?: string;
  encode?: EncodeOptions;
  /**
   * The back office's own result object: when it hands out the same object again (nothing
   * changed), the encoded page is reused. Must not be mutated after it is returned.
   */
  source?: object;
}

/**
 * One inquiry endpoint: its protocol spec plus the back-office call answering it. Routes, gateway
 * and paging are generated from the spec; adding an endpoint means adding a binding here.
 */
export interface InquiryBinding {
  spec: InquirySpec;
  /** `params` passed the spec's validation (values are the query strings). */
  answer(
    backOffice: KisBackOffice,
    account: AccountRef,
    params: Readonly<Record<string, string>>,
  ): InquiryAnswer;
}

/**
 * The inquiries kisfo serves.
 *
 * @example
 * ```ts
 * INQUIRY_BINDINGS.map((b) => b.spec.path);
 * // ['/uapi/domestic-futureoption/v1/trading/inquire-balance',
 * //  '/uapi/domestic-futureoption/v1/trading/inquire-deposit',
 * //  '/uapi/overseas-futureoption/v1/trading/margin-detail']
 * ```
 */
export const INQUIRY_BINDINGS: readonly InquiryBinding[] = [
  {
    spec: domesticInquireBalance,
    answer(backOffice, account, params) {
      const r = backOffice.domesticBalance(account, {
        mgnaDvsn: params.MGNA_DVSN as '01' | '02',
        exccStatCd: params.EXCC_STAT_CD as '1' | '2',
      });
      return { outputs: { output1: r.output1, output2: r.output2 }, version: r.version, source: r };
    },
  },
  {
    spec: domesticInquireDeposit,
    answer(backOffice, account) {
      const r = backOffice.domesticDeposit(account);
      return { outputs: { output: r.output }, source: r };
    },
  },
  {
    spec: overseasMarginDetail,
    answer(backOffice, account, params) {
      const r = backOffice.overseasMarginDetail(account, {
        crcyCd: params.CRCY_CD as MarginDetailCurrency,
        inqrDt: params.INQR_DT!,
      });
      return {
        outputs: { output: r.output },
        encode: { currencyDecimals: r.currencyDecimals },
        source: r,
      };
    },
  },
];
