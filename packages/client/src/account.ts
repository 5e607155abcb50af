import { KisValidationError } from './errors.js';

/**
 * Split an account number `"80012345-03"` (or `"8001234503"`) into `CANO` and `ACNT_PRDT_CD`.
 * Throws {@link KisValidationError} naming `account` when it is missing or malformed.
 *
 * @example
 * ```ts
 * splitAccount('80012345-03'); // { CANO: '80012345', ACNT_PRDT_CD: '03' }
 * ```
 */
export function splitAccount(account: string | undefined): { CANO: string; ACNT_PRDT_CD: string } {
  if (account === undefined || account === '') {
    throw new KisValidationError([
      {
        path: 'account',
        field: 'account',
        label: '계좌번호',
        problem: 'missing (pass it to the call or to the client)',
        allowed: '8 digits, a dash, 2 digits: 80012345-03',
      },
    ]);
  }
  // A number (8001234503) would lose leading zeros, and anything else is no account: refuse both.
  const m = typeof account === 'string' ? /^(\d{8})-?(\d{2})$/.exec(account.trim()) : null;
  if (m === null) {
    throw new KisValidationError([
      {
        path: 'account',
        field: 'account',
        label: '계좌번호',
        problem:
          typeof account === 'string'
            ? `${JSON.stringify(account)} is not an 8-2 account number`
            : `must be a string, got ${account === null ? 'null' : typeof account}`,
        allowed: '80012345-03',
      },
    ]);
  }
  return { CANO: m[1]!, ACNT_PRDT_CD: m[2]! };
}
