import {
  domesticBalancePositionFields,
  domesticBalanceSummaryFields,
  type FieldSpec,
  overseasMarginDetailFields,
} from '@kisfo/protocol';

/** Display language: Korean labels with English on hover, or the other way round. */
export type Lang = 'ko' | 'en';

/** A label in both languages. */
export interface Label {
  ko: string;
  en: string;
}

const FIELDS = new Map<string, FieldSpec>();
for (const f of [
  ...domesticBalancePositionFields,
  ...domesticBalanceSummaryFields,
  ...overseasMarginDetailFields,
] as readonly FieldSpec[])
  FIELDS.set(f.name, f);

/** The protocol's field spec of a wire field (labels, kind, decimals). */
export function fieldSpec(name: string): FieldSpec | undefined {
  return FIELDS.get(name);
}

/** The KIS document's Korean label and the English description of a wire field. */
export function fieldLabel(name: string): Label {
  const f = FIELDS.get(name);
  return f === undefined ? { ko: name, en: name } : { ko: f.ko, en: f.en };
}

/** Wire names of every `output1` field, in the document's order. */
export const POSITION_FIELDS: readonly string[] = domesticBalancePositionFields.map((f) => f.name);
/** Wire names of every `output2` field, in the document's order. */
export const SUMMARY_FIELDS: readonly string[] = domesticBalanceSummaryFields.map((f) => f.name);
/** Wire names of every margin-detail field, in the document's order. */
export const MARGIN_DETAIL_FIELDS: readonly string[] = overseasMarginDetailFields.map(
  (f) => f.name,
);

/** The labels of the page itself. */
export const UI = {
  title: { ko: 'kisfo 대시보드', en: 'kisfo dashboard' },
  accounts: { ko: '계좌 목록', en: 'Accounts' },
  account: { ko: '계좌', en: 'Account' },
  name: { ko: '계좌명', en: 'Name' },
  kind: { ko: '구분', en: 'Kind' },
  domestic: { ko: '국내선물옵션', en: 'Domestic F/O' },
  overseas: { ko: '해외선물옵션', en: 'Overseas F/O' },
  env: { ko: '환경', en: 'Environment' },
  real: { ko: '실전', en: 'real' },
  paper: { ko: '모의', en: 'paper' },
  businessDate: { ko: '영업일', en: 'Business date' },
  lastChange: { ko: '최종 변경', en: 'Last change' },
  live: { ko: '실시간', en: 'live' },
  offline: { ko: '연결 끊김', en: 'disconnected' },
  version: { ko: '버전', en: 'Version' },
  open: { ko: '열기', en: 'Open' },
  whatIf: { ko: '가상 계산', en: 'What-if' },
  positions: { ko: '잔고', en: 'Positions' },
  summary: { ko: '계좌 요약', en: 'Account summary' },
  deposits: { ko: '예수금', en: 'Deposits' },
  settlement: { ko: '정산', en: 'Settlement' },
  margin: { ko: '증거금', en: 'Margin' },
  pnl: { ko: '손익', en: 'P&L' },
  orderable: { ko: '주문가능', en: 'Orderable' },
  other: { ko: '기타', en: 'Other' },
  mgnaDvsn: { ko: '증거금구분 (MGNA_DVSN)', en: 'Margin basis (MGNA_DVSN)' },
  mgna01: { ko: '01 개시', en: '01 initial' },
  mgna02: { ko: '02 유지', en: '02 maintenance' },
  exccStatCd: { ko: '정산상태 (EXCC_STAT_CD)', en: 'Settlement basis (EXCC_STAT_CD)' },
  excc1: { ko: '1 정산', en: '1 settlement price' },
  excc2: { ko: '2 본정산', en: '2 purchase price' },
  columns: { ko: '표시 항목', en: 'Columns' },
  rows: { ko: '행', en: 'rows' },
  payoff: { ko: '손익 곡선 (기초자산 가격별)', en: 'Payoff across the underlying' },
  today: { ko: '오늘', en: 'today' },
  atExpiry: { ko: '만기', en: 'at expiry' },
  underlying: { ko: '기초자산', en: 'Underlying' },
  group: { ko: '상품군', en: 'Product group' },
  scan: { ko: 'KRX 시나리오별 손익', en: 'KRX scan P&L per scenario' },
  scenario: { ko: '시나리오', en: 'Scenario' },
  priceMove: { ko: '가격변동', en: 'Price move' },
  volMove: { ko: '변동성', en: 'Volatility' },
  worst: { ko: '최대손실', en: 'worst' },
  crcyCd: { ko: '통화 (CRCY_CD)', en: 'Currency view (CRCY_CD)' },
  marginTree: { ko: '증거금 구성', en: 'Margin tree' },
  allFields: { ko: '전체 항목', en: 'All fields' },
  initial: { ko: '위탁증거금', en: 'Initial margin' },
  maintenance: { ko: '유지증거금', en: 'Maintenance margin' },
  marginCall: { ko: '추가증거금', en: 'Margin call' },
  orderableAmount: { ko: '주문가능금액', en: 'Orderable amount' },
  span: { ko: 'SPAN', en: 'SPAN' },
  eurex: { ko: 'EUREX 방식', en: 'EUREX-style' },
  general: { ko: '일반', en: 'General' },
  orders: { ko: '주문', en: 'Orders' },
  riskArray: { ko: 'SPAN 위험배열 (시나리오별 손실)', en: 'Risk array (loss per scenario)' },
  byClass: { ko: '상품별 증거금', en: 'Margin by class' },
  productClass: { ko: '상품', en: 'Product class' },
  quantity: { ko: '수량', en: 'Quantity' },
  price: { ko: '가격', en: 'Price' },
  side: { ko: '매매구분', en: 'Side' },
  long: { ko: '매수', en: 'long' },
  short: { ko: '매도', en: 'short' },
  loss: { ko: '손실', en: 'Loss' },
  before: { ko: '변경 전', en: 'Before' },
  after: { ko: '변경 후', en: 'After' },
  change: { ko: '증감', en: 'Change' },
  figure: { ko: '항목', en: 'Figure' },
  add: { ko: '추가', en: 'Add' },
  remove: { ko: '삭제', en: 'Remove' },
  reset: { ko: '초기화', en: 'Reset' },
  search: { ko: '종목 검색', en: 'Instrument search' },
  uploadCsv: { ko: 'CSV 불러오기', en: 'Upload CSV' },
  exportCsv: { ko: 'CSV 내보내기', en: 'Export CSV' },
  checkServer: { ko: '서버 값과 비교', en: 'Compare with the server' },
  matches: { ko: '서버와 일치', en: 'matches the server' },
  differs: { ko: '서버와 불일치', en: 'differs from the server' },
  computedInBrowser: {
    ko: '브라우저에서 @kisfo/risk로 계산',
    en: 'computed in the browser by @kisfo/risk',
  },
  language: { ko: 'English', en: '한국어' },
  loading: { ko: '불러오는 중…', en: 'Loading…' },
  computing: { ko: '계산 중… (@kisfo/risk)', en: 'Computing… (@kisfo/risk)' },
  signIn: {
    ko: '링크가 만료되었습니다. `kisfo dashboard`로 새 링크를 여세요.',
    en: 'The link is spent or missing. Open a new one with `kisfo dashboard`.',
  },
  error: { ko: '오류', en: 'Error' },
  contracts: { ko: '계약', en: 'contracts' },
  noPositions: { ko: '보유 잔고 없음', en: 'no positions' },
  page: { ko: '페이지', en: 'Page' },
} as const satisfies Record<string, Label>;

/** Keys of {@link UI}. */
export type UiKey = keyof typeof UI;
