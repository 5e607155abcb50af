/**
 * KRX market holidays (days the exchange is closed on a weekday), as data. Sources: KRX's annual
 * 휴장일 notices and the statutory public-holiday calendar (공휴일에 관한 법률, 대체공휴일 rules):
 * New Year's Day, 설날 (3 days), 삼일절, 근로자의 날 (May 1, a KRX holiday), 어린이날, 부처님오신날,
 * 현충일, 광복절, 추석 (3 days), 개천절, 한글날, 성탄절, election days, temporary holidays
 * designated by the government, and the year-end closing day (연말 휴장일, the last weekday of
 * December). Weekends are not listed: they are never business days.
 *
 * A year not listed in `years` is not covered: asking for a date in it is an error, never a
 * guess. 2027 lists the statutory holidays known today; a temporary holiday designated later
 * must be added here.
 */
export const KRX_HOLIDAYS: {
  readonly years: readonly number[];
  readonly dates: readonly string[];
} = {
  years: [2024, 2025, 2026, 2027],
  dates: [
    // 2024
    '20240101',
    '20240209',
    '20240212',
    '20240301',
    '20240410',
    '20240501',
    '20240506',
    '20240515',
    '20240606',
    '20240815',
    '20240916',
    '20240917',
    '20240918',
    '20241001',
    '20241003',
    '20241009',
    '20241225',
    '20241231',
    // 2025
    '20250101',
    '20250127',
    '20250128',
    '20250129',
    '20250130',
    '20250303',
    '20250501',
    '20250505',
    '20250506',
    '20250603',
    '20250606',
    '20250815',
    '20251003',
    '20251006',
    '20251007',
    '20251008',
    '20251009',
    '20251225',
    '20251231',
    // 2026
    '20260101',
    '20260216',
    '20260217',
    '20260218',
    '20260302',
    '20260501',
    '20260505',
    '20260525',
    '20260603',
    '20260817',
    '20260924',
    '20260925',
    '20261005',
    '20261009',
    '20261225',
    '20261231',
    // 2027
    '20270101',
    '20270205',
    '20270208',
    '20270301',
    '20270505',
    '20270513',
    '20270816',
    '20270914',
    '20270915',
    '20270916',
    '20271004',
    '20271011',
    '20271227',
    '20271231',
  ],
};
