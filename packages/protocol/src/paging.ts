/** `tr_cont` response values: `F`/`M` more data follows, `D`/`E` last page. */
export type TrContResponse = 'F' | 'M' | 'D' | 'E';

/**
 * True when the response header `tr_cont` says another page follows.
 *
 * @example
 * ```ts
 * hasNextPage(res.headers.get('tr_cont')); // true for 'F' or 'M'
 * ```
 */
export function hasNextPage(trCont: string | null | undefined): boolean {
  return trCont === 'F' || trCont === 'M';
}

/** `tr_cont` request header value for a next page. */
export const TR_CONT_NEXT = 'N';

/** The KIS hosts. */
export const KIS_HOSTS = {
  real: 'https://openapi.koreainvestment.com:9443',
  paper: 'https://openapivts.koreainvestment.com:29443',
} as const;

/** The two KIS environments. */
export type KisEnv = keyof typeof KIS_HOSTS;

/** Default request rates per app key (calls per second) KIS allows, configurable on both sides. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<KisEnv, number>> = { real: 20, paper: 2 };
