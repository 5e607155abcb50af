import {
  domesticBalancePositionFields,
  domesticBalanceSummaryFields,
  domesticDepositFields,
  marginDetailCurrencies,
  overseasMarginDetailFields,
} from '@kisfo/protocol';
import { z } from 'zod';
import { decimalString, wireRecordSchema } from './wire-schemas.js';

const CURRENCIES = Object.keys(marginDetailCurrencies) as [string, ...string[]];

/** The optional `account` input: offered only when the configuration allows several accounts. */
export function accountInput(allowed: readonly string[]) {
  if (allowed.length < 2) return {};
  return {
    account: z
      .enum(allowed as [string, ...string[]])
      .optional()
      .describe(
        'Account (8-2 number) among those the configuration allows; omit for the default of this tool. 계좌번호 (설정에서 허용한 계좌 중 선택; 생략하면 기본 계좌).',
      ),
  };
}

export const marginBasisInput = z
  .enum(['initial', 'maintenance'])
  .default('initial')
  .describe('Margin basis: initial (개시, MGNA_DVSN 01) or maintenance (유지, 02). 증거금 구분.');

export const settlementBasisInput = z
  .enum(['settlement', 'purchase'])
  .default('settlement')
  .describe(
    'Settlement basis: settlement (정산, EXCC_STAT_CD 1: from previous settlement prices) or purchase (본정산, 2: from average purchase prices). 정산상태코드.',
  );

export const currencyInput = z
  .enum(CURRENCIES)
  .default('TKR')
  .describe(
    `Currency view (CRCY_CD): ${Object.entries(marginDetailCurrencies)
      .map(([k, v]) => `${k} ${v}`)
      .join('; ')}.`,
  );

const accountOutput = z.string().describe('The account read (8-2). 조회 계좌.');

/** Output of `domestic_balance`. */
export const domesticBalanceOutput = z.object({
  account: accountOutput,
  marginBasis: z.enum(['initial', 'maintenance']),
  settlementBasis: z.enum(['settlement', 'purchase']),
  pages: z.number().int().describe('Pages fetched (20 positions a page). 조회 페이지 수.'),
  positions: z
    .array(wireRecordSchema(domesticBalancePositionFields))
    .describe('output1: every position of every page. 잔고 (모든 페이지).'),
  summary: wireRecordSchema(domesticBalanceSummaryFields).describe(
    'output2: the account summary. 계좌 요약.',
  ),
});

/** Output of `domestic_deposit`. */
export const domesticDepositOutput = z.object({
  account: accountOutput,
  deposit: wireRecordSchema(domesticDepositFields).describe(
    'output: the total-assets figures of the account. 총자산현황.',
  ),
});

/** Output of `check_balance`. */
export const checkBalanceOutput = z.object({
  account: accountOutput,
  marginBasis: z.enum(['initial', 'maintenance']),
  settlementBasis: z.enum(['settlement', 'purchase']),
  positions: z.number().int().describe('Positions checked. 점검한 잔고 수.'),
  consistent: z.boolean().describe('true when every identity holds. 모든 항등식 성립 여부.'),
  violations: z
    .array(
      z.object({
        field: z.string().describe('The field checked, e.g. output2.mgna_tota.'),
        expected: decimalString,
        actual: decimalString,
        message: z.string(),
      }),
    )
    .describe('Every identity that does not hold (empty when consistent). 성립하지 않는 항등식.'),
});

/** Output of `overseas_margin_detail`. */
export const overseasMarginOutput = z.object({
  account: accountOutput,
  currency: z.enum(CURRENCIES),
  date: z.string().describe('Inquiry date INQR_DT (YYYYMMDD, Korea). 조회일자.'),
  margin: wireRecordSchema(overseasMarginDetailFields).describe(
    'output: every margin figure. 증거금상세.',
  ),
  tree: z
    .array(
      z.object({
        field: z.string(),
        parent: z.string().nullable().describe('The figure this one is part of; null at the top.'),
        depth: z.number().int(),
        ko: z.string(),
        en: z.string(),
        value: decimalString.nullable(),
      }),
    )
    .describe(
      'The margin tree in reading order: initial (위탁) and maintenance (유지), split into SPAN / EUREX-style / general / orders.',
    ),
});

const side = z
  .enum(['long', 'short'])
  .describe('long (매수) or short (매도); for a removal, the side of the held position.');
const qty = z.number().int().positive().describe('Contracts (> 0). 수량.');

/** A domestic (KRX) leg of a what-if. */
export const domesticLeg = z
  .object({
    pdno: z
      .string()
      .regex(/^[0-9A-Za-z]+$/)
      .describe('KRX short code, e.g. 101W06 (KOSPI200 future) or 201W06350 (call). 단축상품번호.'),
    side,
    qty,
    price: z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .optional()
      .describe("Price of the hypothetical fill; default today's price in the ledger."),
  })
  .strict();

/** An overseas leg of a what-if. */
export const overseasLeg = z
  .object({
    exchange: z
      .string()
      .regex(/^[A-Za-z0-9]+$/)
      .describe('Exchange, e.g. CME, EUREX.'),
    classCode: z
      .string()
      .regex(/^[A-Za-z0-9]+$/)
      .describe('Product class, e.g. ES, NQ, FDAX.'),
    contractMonth: z
      .string()
      .regex(/^\d{6}$/)
      .describe('Contract month CCYYMM.'),
    optionType: z.enum(['call', 'put']).optional().describe('For options: call or put.'),
    strike: z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .optional()
      .describe('For options: the strike.'),
    side,
    qty,
  })
  .strict();

/** Input of `margin_what_if` (without the account). */
export const whatIfInput = {
  add: z
    .array(z.union([domesticLeg, overseasLeg]))
    .default([])
    .describe('Hypothetical positions to add. 추가할 가상 포지션.'),
  remove: z
    .array(z.union([domesticLeg, overseasLeg]))
    .default([])
    .describe('Quantity to take off held positions. 줄일 보유 포지션.'),
  marginBasis: marginBasisInput.describe('Domestic accounts: initial or maintenance margin basis.'),
  currency: currencyInput.describe('Overseas accounts: the currency view (default TKR).'),
};

/** Output of `margin_what_if`. */
export const whatIfOutput = z.object({
  account: accountOutput,
  kind: z.enum(['domestic', 'overseas']),
  businessDate: z.string().describe("The ledger's business date (YYYYMMDD). 영업일."),
  ledger: z
    .string()
    .describe('Which ledger the engines read (built-in demo, a scenario or a file).'),
  marginBasis: z.enum(['initial', 'maintenance']).describe('Used for domestic accounts.'),
  currency: z.enum(CURRENCIES).describe('Used for overseas accounts.'),
  figures: z.array(
    z.object({
      field: z.string().describe('Wire name (output2 of 잔고현황, or a margin-detail fm_* field).'),
      ko: z.string(),
      en: z.string(),
      before: decimalString,
      after: decimalString,
      change: decimalString.describe('after − before'),
    }),
  ),
});

/** Output of `explain_field`. */
export const explainFieldOutput = z.object({
  query: z.string(),
  exact: z
    .boolean()
    .describe('true when the name or label matched exactly; false: partial matches.'),
  matches: z.array(
    z.object({
      api: z.string(),
      apiNameKo: z.string(),
      apiNameEn: z.string(),
      where: z.string().describe('output1 / output2 / output, or request for a query parameter.'),
      name: z.string(),
      ko: z.string(),
      en: z.string(),
      kind: z.string(),
      length: z.number().int(),
      decimals: z.string().optional(),
      values: z.record(z.string(), z.string()).optional(),
      optional: z.boolean(),
      note: z.string().optional(),
      computation: z.string().optional().describe('How kisfo computes it.'),
    }),
  ),
});
