import { INQUIRY_SPECS } from '@kisfo/protocol';

/** Which host a TR ID is for, by the inquiry specs; `undefined` for a TR ID they do not know. */
function envOfTrId(trId: string | undefined): 'real' | 'paper' | undefined {
  for (const spec of Object.values(INQUIRY_SPECS)) {
    if (spec.trId.real === trId) return 'real';
    if (spec.trId.paper === trId) return 'paper';
  }
  return undefined;
}

/** TR IDs of the overseas inquiries (their accounts have product code 08). */
const OVERSEAS_TR_IDS: ReadonlySet<string> = new Set(
  Object.values(INQUIRY_SPECS)
    .filter((s) => s.path.includes('/overseas-'))
    .flatMap((s): (string | null)[] => [s.trId.real, s.trId.paper])
    .filter((t): t is string => t !== null),
);

/**
 * What to do next about a KIS failure, or `undefined` when the message says it all. A
 * `MCA00124` ("service not found") comes from the request reaching the wrong place — the TR ID
 * of the other environment, or a base URL with a path — so its hint names the environment and
 * the base URL, never the account.
 *
 * @example
 * ```ts
 * errorHint('MCA00124', 'VTFO6118R'); // 'VTFO6118R is the paper TR ID: …'
 * ```
 */
export function errorHint(msgCd: string, trId?: string, msg1 = ''): string | undefined {
  switch (msgCd) {
    case 'MCA00124': {
      const env = envOfTrId(trId);
      const tr =
        env === undefined
          ? 'the host has no such service'
          : `${trId} is the ${env} TR ID, sent because the client's env is ${env}`;
      return `${tr}: check that env (KIS_ENV, --env) matches the host the base URL points to (real :9443, paper :29443), and that the base URL (KIS_BASE_URL, --base-url) is the host root with no path (e.g. http://127.0.0.1:9443)`;
    }
    case 'EGW02004':
    case 'EGW02006':
      return "the app key, the TR ID and the host must all be of one environment: set env (KIS_ENV, --env) to the app key's, and point the base URL at that environment's host";
    case 'KIOK0560':
      return 'the host has no figures for this query: ask for a date it has data for (a kisfo ledger answers its business date and the days before it that have FX rates)';
    case 'OPSQ2000': {
      // The same code answers an account of the other kind (an 08 account on a domestic
      // inquiry): name the product code this inquiry needs, by its TR ID.
      const needs =
        trId === undefined
          ? 'the domestic F/O inquiries need the domestic F/O account (product code 03), the overseas margin detail the overseas F/O account (product code 08)'
          : OVERSEAS_TR_IDS.has(trId)
            ? 'the overseas margin detail needs the overseas F/O account (product code 08)'
            : `${trId} needs the domestic F/O account (product code 03)`;
      return `the account is not registered to this app key, or is not of this inquiry's kind: check the account (KIS_ACCOUNT, --account, NNNNNNNN-NN) — ${needs}`;
    }
    case 'OPSQ2001':
      if (/business date/.test(msg1)) {
        return "the date is after the ledger's business date: ask for that date, or move the ledger on (kisfo ledger advance, or POST /kisfo/admin/business-day/advance on the admin listener)";
      }
      return undefined;
    default:
      return undefined;
  }
}
