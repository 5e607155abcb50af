/**
 * Korea time as KIS writes it. KIS prints times in Korea Standard Time without a zone, and dates
 * (`INQR_DT`, business dates) are Korean calendar days. Korea has not observed daylight saving
 * time since 1988, so one fixed offset converts every instant kisfo deals with: no time-zone
 * database, and the same answer on every machine whatever its `TZ`.
 */

/** Korea Standard Time minus UTC, in milliseconds: UTC+9 the whole year (Korea has no DST). */
export const KOREA_UTC_OFFSET_MS = 9 * 3_600_000;

// The instant shifted so that its UTC fields read Korea's wall clock.
function koreaIso(epochMs: number): string {
  return new Date(epochMs + KOREA_UTC_OFFSET_MS).toISOString();
}

/**
 * The calendar day in Korea of an instant, as `YYYYMMDD` (how KIS writes dates).
 *
 * @throws RangeError when `epochMs` is not a valid time.
 * @example
 * ```ts
 * koreaDate(Date.UTC(2025, 2, 19, 15)); // '20250320' (00:00 in Korea)
 * ```
 */
export function koreaDate(epochMs: number): string {
  return koreaIso(epochMs).slice(0, 10).replaceAll('-', '');
}

/**
 * An instant in Korea time as KIS writes `access_token_token_expired`: `YYYY-MM-DD HH:mm:ss`, no
 * zone.
 *
 * @throws RangeError when `epochMs` is not a valid time.
 * @example
 * ```ts
 * koreaDateTime(Date.UTC(2023, 11, 21, 23, 16, 59)); // '2023-12-22 08:16:59'
 * ```
 */
export function koreaDateTime(epochMs: number): string {
  return koreaIso(epochMs).slice(0, 19).replace('T', ' ');
}

/**
 * Read a Korea time as KIS writes it (`2023-12-22 08:16:59`; a `T` instead of the space is
 * accepted) back to epoch milliseconds; `undefined` when the text is not such a time or names a
 * day that does not exist.
 *
 * @example
 * ```ts
 * parseKoreaDateTime('2023-12-22 08:16:59') === Date.UTC(2023, 11, 21, 23, 16, 59); // true
 * parseKoreaDateTime('2023-02-31 00:00:00'); // undefined
 * ```
 */
export function parseKoreaDateTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(utc);
  // Reject dates that Date.UTC silently rolled over (2023-02-31).
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  return utc - KOREA_UTC_OFFSET_MS;
}
