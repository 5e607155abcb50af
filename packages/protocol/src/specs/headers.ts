import type { FieldSpec, ParamSpec } from '../spec-types.js';

/**
 * Request headers every KIS inquiry takes. `custtype` is optional in the domestic document and
 * required in the overseas one, so each spec sets it; the rest are the same in both documents.
 */
export const commonRequestHeaders = [
  {
    name: 'content-type',
    ko: '컨텐츠타입',
    en: 'Content type: application/json; charset=utf-8',
    required: false,
    maxLength: 40,
  },
  {
    name: 'authorization',
    ko: '접근토큰',
    en: 'Bearer access token from /oauth2/tokenP (personal: valid 1 day)',
    required: true,
    maxLength: 350,
    secret: true,
  },
  {
    name: 'appkey',
    ko: '앱키',
    en: 'App key issued on the KIS portal (never expose it)',
    required: true,
    maxLength: 36,
    secret: true,
  },
  {
    name: 'appsecret',
    ko: '앱시크릿키',
    en: 'App secret issued on the KIS portal (never expose it)',
    required: true,
    maxLength: 180,
    secret: true,
  },
  {
    name: 'personalseckey',
    ko: '고객식별키',
    en: 'Customer identification key for partner member management (required for corporate)',
    required: false,
    maxLength: 180,
    corporate: true,
    secret: true,
  },
  {
    name: 'tr_id',
    ko: '거래ID',
    en: 'Transaction id of the API for the environment',
    required: true,
    maxLength: 13,
  },
  {
    name: 'tr_cont',
    ko: '연속 거래 여부',
    en: 'Continuation: blank for the first request, N for the next page',
    required: false,
    maxLength: 1,
    values: { '': '초기 조회 (first request)', N: '다음 데이터 조회 (next page)' },
  },
  {
    name: 'seq_no',
    ko: '일련번호',
    en: 'Serial number (corporate: "001")',
    required: false,
    maxLength: 3,
    corporate: true,
    format: 'digits',
    note: 'The documents give Length 2 and the example value "001" (3 characters); both are accepted.',
  },
  {
    name: 'mac_address',
    ko: '맥주소',
    en: 'MAC address of the corporate or personal customer',
    required: false,
    maxLength: 12,
  },
  {
    name: 'phone_number',
    ko: '핸드폰번호',
    en: 'Mobile number of the member using a partner app, digits only (corporate)',
    required: false,
    maxLength: 12,
    corporate: true,
    format: 'digits',
  },
  {
    name: 'ip_addr',
    ko: '접속 단말 공인 IP',
    en: 'Public IP address of the user terminal (corporate)',
    required: false,
    maxLength: 39,
    corporate: true,
    note: 'The documents give Length 12, shorter than a dotted IPv4 address; up to 39 (IPv6) is accepted.',
  },
  {
    name: 'gt_uid',
    ko: 'Global UID',
    en: 'Global unique transaction id, unique per transaction (corporate only)',
    required: false,
    maxLength: 32,
  },
] as const satisfies readonly ParamSpec[];

/** The `custtype` header; `required` differs between the two documents. */
export function custtypeHeader<R extends boolean>(required: R) {
  return {
    name: 'custtype',
    ko: '고객타입',
    en: 'Customer type: B corporate, P personal',
    required,
    maxLength: 1,
    values: { B: '법인 (corporate)', P: '개인 (personal)' },
  } as const satisfies ParamSpec;
}

/** Response headers of an inquiry. */
export const inquiryResponseHeaders = [
  {
    name: 'content-type',
    ko: '컨텐츠타입',
    en: 'application/json; charset=utf-8',
    required: true,
    maxLength: 40,
  },
  { name: 'tr_id', ko: '거래ID', en: 'The requested tr_id', required: true, maxLength: 13 },
  {
    name: 'tr_cont',
    ko: '연속 거래 여부',
    en: 'F or M: more data follows; D or E: last data',
    required: true,
    maxLength: 1,
    values: {
      F: '다음 데이터 있음',
      M: '다음 데이터 있음',
      D: '마지막 데이터',
      E: '마지막 데이터',
    },
  },
  {
    name: 'gt_uid',
    ko: 'Global UID',
    en: 'Global unique transaction id (corporate only), echoed',
    required: false,
    maxLength: 32,
  },
] as const satisfies readonly ParamSpec[];

/** `rt_cd`, `msg_cd`, `msg1`: the envelope of every inquiry response. */
export const envelopeFields = [
  {
    name: 'rt_cd',
    ko: '성공 실패 여부',
    en: 'Result: 0 success, anything else failure',
    kind: 'code',
    length: 1,
    values: { '0': '성공', '1': '실패', '2': '실패', '7': '실패 (자료 변경)' },
  },
  { name: 'msg_cd', ko: '응답코드', en: 'Message code', kind: 'code', length: 8 },
  {
    name: 'msg1',
    ko: '응답메세지',
    en: 'Message text, right-padded with spaces to 80 CP949 bytes',
    kind: 'text',
    length: 80,
    padBytes: 80,
  },
] as const satisfies readonly FieldSpec[];

/** Account number parameters shared by both inquiries. */
export const accountParams = [
  {
    name: 'CANO',
    ko: '종합계좌번호',
    en: 'Account number: the first 8 digits of the 8-2 account number',
    required: true,
    maxLength: 8,
    exactLength: 8,
    format: 'digits',
  },
  {
    name: 'ACNT_PRDT_CD',
    ko: '계좌상품코드',
    en: 'Account product code: the last 2 digits of the 8-2 account number',
    required: true,
    maxLength: 2,
    exactLength: 2,
    format: 'digits',
  },
] as const satisfies readonly ParamSpec[];

/** `cano` and `acnt_prdt_cd` as both inquiries echo them in their output. */
export const accountFields = [
  {
    name: 'cano',
    ko: '종합계좌번호',
    en: 'Account number (first 8 digits)',
    kind: 'code',
    length: 8,
  },
  {
    name: 'acnt_prdt_cd',
    ko: '계좌상품코드',
    en: 'Account product code (last 2 digits)',
    kind: 'code',
    length: 2,
  },
] as const satisfies readonly FieldSpec[];
