import { padCp949 } from './cp949.js';

/** What a message code means to a program. */
export type MessageCategory =
  | 'success'
  | 'no-data'
  | 'auth'
  | 'token-expired'
  | 'token-issue-throttled'
  | 'rate-limit'
  | 'env-mismatch'
  | 'invalid-input'
  | 'data-changed'
  | 'not-found'
  | 'server-error';

/** One entry of the message catalog. */
export interface MessageEntry {
  readonly msgCd: string;
  /** `rt_cd` KIS sends with it. */
  readonly rtCd: string;
  /** Message text (unpadded). */
  readonly text: string;
  /** HTTP status KIS answers with. */
  readonly httpStatus: number;
  readonly category: MessageCategory;
  /**
   * `envelope`: the usual `{rt_cd, msg_cd, msg1}`; `token`: the OAuth endpoints'
   * `{error_code, error_description}`.
   */
  readonly shape: 'envelope' | 'token';
  /** Where this fact comes from or what kisfo chose. */
  readonly note?: string;
}

const entries = [
  {
    msgCd: 'KIOK0510',
    rtCd: '0',
    text: '조회가 완료되었습니다',
    httpStatus: 200,
    category: 'success',
    shape: 'envelope',
  },
  {
    msgCd: 'KIOK0460',
    rtCd: '0',
    text: '조회 되었습니다. (마지막 자료)',
    httpStatus: 200,
    category: 'success',
    shape: 'envelope',
  },
  {
    msgCd: 'KIOK0560',
    rtCd: '0',
    text: '조회할 내용이 없습니다',
    httpStatus: 200,
    category: 'no-data',
    shape: 'envelope',
  },
  {
    msgCd: 'EGW00121',
    rtCd: '1',
    text: '유효하지 않은 token 입니다.',
    httpStatus: 500,
    category: 'auth',
    shape: 'envelope',
    note: 'Invalid, revoked, tampered or foreign token. KIS answers gateway errors with HTTP 500.',
  },
  {
    msgCd: 'EGW00123',
    rtCd: '1',
    text: '기간이 만료된 token 입니다.',
    httpStatus: 500,
    category: 'token-expired',
    shape: 'envelope',
  },
  {
    msgCd: 'EGW00201',
    rtCd: '1',
    text: '초당 거래건수를 초과하였습니다.',
    httpStatus: 500,
    category: 'rate-limit',
    shape: 'envelope',
    note: 'Also reported with HTTP 200: read the body whatever the status.',
  },
  {
    msgCd: 'EGW02004',
    rtCd: '1',
    text: '실전투자 도메인은 모의투자 앱키로 호출하실 수 없습니다.',
    httpStatus: 500,
    category: 'env-mismatch',
    shape: 'envelope',
  },
  {
    msgCd: 'EGW02006',
    rtCd: '1',
    text: '모의투자 TR 이 아닙니다.',
    httpStatus: 500,
    category: 'env-mismatch',
    shape: 'envelope',
    note: 'A real TR ID (or one KIS does not offer on paper) sent to the paper host.',
  },
  {
    msgCd: 'EGW00103',
    rtCd: '1',
    text: '유효하지 않은 AppKey입니다.',
    httpStatus: 403,
    category: 'auth',
    shape: 'token',
    note: 'Token endpoint: unknown app key. On inquiries kisfo sends it as an envelope with HTTP 500.',
  },
  {
    msgCd: 'EGW00105',
    rtCd: '1',
    text: '유효하지 않은 AppSecret입니다.',
    httpStatus: 403,
    category: 'auth',
    shape: 'token',
    note: 'Token endpoint: app secret does not match. On inquiries kisfo sends it as an envelope with HTTP 500.',
  },
  {
    msgCd: 'EGW00133',
    rtCd: '1',
    text: '접근토큰 발급 잠시 후 다시 시도하세요(1분당 1회)',
    httpStatus: 403,
    category: 'token-issue-throttled',
    shape: 'token',
  },
  {
    msgCd: 'MCA00124',
    rtCd: '1',
    text: '해당 서비스를 찾을수 없습니다.',
    httpStatus: 404,
    category: 'not-found',
    shape: 'envelope',
    note: "Unknown path, or a tr_id that does not belong to the path. The HTTP status is kisfo's choice.",
  },
  {
    msgCd: 'SYDB0050',
    rtCd: '7',
    text: '조회이후에 자료가 변경되었습니다.(다시 조회하세요)',
    httpStatus: 200,
    category: 'data-changed',
    shape: 'envelope',
    note: 'A continuation request after the data changed: start again from the first page.',
  },
  {
    msgCd: 'OPSQ2001',
    rtCd: '2',
    text: 'ERROR INVALID INPUT',
    httpStatus: 200,
    category: 'invalid-input',
    shape: 'envelope',
    note: 'KIS names the field in msg1 (e.g. "ERROR INVALID FID_COND_MRKT_DIV_CODE"); kisfo does the same.',
  },
  {
    msgCd: 'OPSQ2000',
    rtCd: '2',
    text: 'ERROR : INPUT INVALID_CHECK_ACNO',
    httpStatus: 200,
    category: 'not-found',
    shape: 'envelope',
    note: 'The account is not registered to the app key.',
  },
  {
    msgCd: 'EGW00002',
    rtCd: '1',
    text: '서버 에러가 발생하였습니다.',
    httpStatus: 500,
    category: 'server-error',
    shape: 'envelope',
    note: 'An unexpected server fault; the request changed nothing.',
  },
] as const satisfies readonly MessageEntry[];

/** A message code in the catalog. */
export type KnownMsgCd = (typeof entries)[number]['msgCd'];

/** Every catalog entry, in catalog order (the source of {@link MESSAGES}). */
export { entries as MESSAGE_ENTRIES };

/**
 * Every message code kisfo knows, keyed by `msg_cd`: `rt_cd`, text, HTTP status, category and
 * body shape. Both the server (to answer) and the client (to pick an error class) read it.
 *
 * @example
 * ```ts
 * MESSAGES.EGW00201.category; // 'rate-limit'
 * MESSAGES.SYDB0050.rtCd; // '7'
 * ```
 */
export const MESSAGES: Readonly<Record<KnownMsgCd, MessageEntry>> = Object.freeze(
  Object.fromEntries(entries.map((e) => [e.msgCd, e])) as Record<KnownMsgCd, MessageEntry>,
);

/** The catalog entry of a code, or `undefined` for a code kisfo does not know. */
export function messageFor(msgCd: string): MessageEntry | undefined {
  return (MESSAGES as Record<string, MessageEntry>)[msgCd];
}

/** The category of a code; unknown failure codes are `undefined` (callers treat them as generic). */
export function categoryOf(msgCd: string): MessageCategory | undefined {
  return messageFor(msgCd)?.category;
}

/** Width of `msg1` in CP949 bytes. */
export const MSG1_BYTES = 80;

/** The envelope of an inquiry response. */
export interface Envelope {
  rt_cd: string;
  msg_cd: string;
  msg1: string;
}

/**
 * Build an envelope for a known code, `msg1` padded to 80 CP949 bytes. `detail` replaces the
 * catalog text (e.g. to name the field at fault) and is cut to fit.
 *
 * @example
 * ```ts
 * envelopeFor('KIOK0510').msg1.length; // 80 - 10 (ten Hangul count twice) = 70 characters
 * ```
 */
export function envelopeFor(msgCd: KnownMsgCd, detail?: string): Envelope {
  const m = MESSAGES[msgCd];
  return { rt_cd: m.rtCd, msg_cd: m.msgCd, msg1: padCp949(detail ?? m.text, MSG1_BYTES) };
}

/** Body of a token-endpoint error for a known code. */
export function tokenErrorFor(msgCd: KnownMsgCd): {
  error_description: string;
  error_code: string;
} {
  const m = MESSAGES[msgCd];
  return { error_description: m.text, error_code: m.msgCd };
}
