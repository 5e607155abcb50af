import {
  koreaDate as koreaDateOfInstant,
  type MarginDetailCurrency,
  overseasMarginDetail,
} from '@kisfo/protocol';
import { splitAccount } from '../account.js';
import { type KisNotSupportedError, KisValidationError } from '../errors.js';
import { type InquiryContext, inquireOutput } from '../inquiry.js';
import { INSPECT } from '../redact.js';
import type { OverseasMarginDetail } from '../types.js';

/** Parameters of {@link OverseasFutureOption.marginDetail}. */
export interface MarginDetailParams {
  /** `"80012345-08"`; defaults to the client's account. */
  account?: string;
  /** The view: `TKR` all in KRW, `TUS` all in USD, or one currency's products only. */
  currency: MarginDetailCurrency;
  /** `"YYYYMMDD"`, or a `Date` taken as its calendar date in Korea (UTC+9). */
  date: string | Date;
  signal?: AbortSignal;
}

/** A Date's calendar day in Korea, as `YYYYMMDD`. */
export function koreaDate(date: Date): string {
  const t = date.getTime();
  if (Number.isNaN(t)) {
    throw new KisValidationError([
      { path: 'date', field: 'INQR_DT', label: '조회일자', problem: 'an invalid Date' },
    ]);
  }
  return koreaDateOfInstant(t);
}

/**
 * 해외선물옵션: `client.overseasFutureOption`.
 */
export class OverseasFutureOption {
  // Truly private, as in DomesticFutureOption: the context reaches the app secret and the token.
  readonly #ctx: InquiryContext;
  readonly #defaultAccount: () => string | undefined;

  /**
   * Made by `KisClient`; use `client.domesticFutureOption` / `client.overseasFutureOption`.
   *
   * @internal
   */
  constructor(ctx: InquiryContext, defaultAccount: () => string | undefined) {
    this.#ctx = ctx;
    this.#defaultAccount = defaultAccount;
  }

  /** What `util.inspect` and `JSON.stringify` show: the account calls default to, nothing secret. */
  toJSON(): Record<string, unknown> {
    return { env: this.#ctx.env, account: this.#defaultAccount() };
  }

  [INSPECT](): string {
    return `OverseasFutureOption ${JSON.stringify(this.toJSON())}`;
  }

  /**
   * 해외선물옵션 증거금상세 (`OTFM3115R`): every margin figure of one currency view on one date,
   * decoded exactly (amounts in the view's currency). Real only: on paper it throws
   * {@link KisNotSupportedError} before sending anything.
   *
   * @example
   * ```ts
   * const m = await client.overseasFutureOption.marginDetail({ currency: 'TKR', date: '20240522' });
   * console.log(m.fm_brkg_mgn_amt.toString(), m.fm_mntn_mgn_amt.toString());
   * ```
   */
  async marginDetail(params: MarginDetailParams): Promise<OverseasMarginDetail> {
    // Called without parameters (from JavaScript): the missing currency and date are named below.
    params ??= {} as MarginDetailParams;
    const query = {
      ...splitAccount(params.account ?? this.#defaultAccount()),
      CRCY_CD: params.currency,
      INQR_DT: params.date instanceof Date ? koreaDate(params.date) : params.date,
    };
    return inquireOutput(this.#ctx, overseasMarginDetail, query, 'output', params.signal);
  }
}
