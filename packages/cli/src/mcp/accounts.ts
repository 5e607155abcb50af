import { ConfigError } from '../cli-errors.js';
import type { ConnectionConfig } from '../config.js';

/** Which accounts the tools may read: the configured one, plus any the configuration allows. */
export interface AccountPolicy {
  /** The configured account (`--account`, `KIS_ACCOUNT`, the profile's `account`). */
  primary: string | undefined;
  /** Every account a caller may name, primary first, each as `NNNNNNNN-NN`. */
  allowed: string[];
}

/** `8001234503` or `80012345-03` as `80012345-03`; `undefined` when it is not an 8-2 number. */
export function normalizeAccount(text: string): string | undefined {
  const m = /^(\d{8})-?(\d{2})$/.exec(text.trim());
  return m === null ? undefined : `${m[1]}-${m[2]}`;
}

/** The profile's `accounts`: a list, or one comma-separated string. */
function profileList(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return value.split(',');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new ConfigError('the profile\'s "accounts" must be a list of 8-2 account numbers');
}

/**
 * The account policy of a configuration: the configured account plus the further accounts of
 * `--accounts A,B`, else `KIS_ACCOUNTS`, else the profile's `accounts` list.
 *
 * @example
 * ```ts
 * accountPolicy({ ...config, account: '80012345-03' }, '12345678-08', undefined);
 * // { primary: '80012345-03', allowed: ['80012345-03', '12345678-08'] }
 * ```
 */
export function accountPolicy(
  config: Pick<ConnectionConfig, 'account'>,
  extraFlag: string | undefined,
  extraEnv: string | undefined,
  profileAccounts?: unknown,
): AccountPolicy {
  const extra =
    extraFlag !== undefined && extraFlag !== ''
      ? extraFlag.split(',')
      : extraEnv !== undefined && extraEnv !== ''
        ? extraEnv.split(',')
        : profileList(profileAccounts);
  const primary = config.account === undefined ? undefined : normalizeAccount(config.account);
  if (config.account !== undefined && primary === undefined) {
    throw new ConfigError(`the account "${config.account}" is not an 8-2 account number`);
  }
  const allowed = primary === undefined ? [] : [primary];
  for (const raw of extra) {
    if (raw.trim() === '') continue;
    const a = normalizeAccount(raw);
    if (a === undefined) {
      throw new ConfigError(`"${raw.trim()}" in the allowed accounts is not an 8-2 account number`);
    }
    if (!allowed.includes(a)) allowed.push(a);
  }
  return { primary, allowed };
}

/** KIS's account product codes of the two inquiries: 03 domestic, 08 overseas futures/options. */
const PRODUCT_CODE = { domestic: '03', overseas: '08' } as const;

/** A caller's choice of account that the policy does not allow. */
export class AccountNotAllowedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountNotAllowedError';
  }
}

/**
 * The account a tool reads: the requested one when the policy allows it; without a request, the
 * configured account, unless it is not of the tool's kind and an allowed account is (product
 * code 03 domestic, 08 overseas).
 *
 * @example
 * ```ts
 * pickAccount(policy, undefined, 'overseas'); // '12345678-08'
 * ```
 */
export function pickAccount(
  policy: AccountPolicy,
  requested: string | undefined,
  kind?: 'domestic' | 'overseas',
): string {
  if (requested !== undefined) {
    const a = normalizeAccount(requested);
    if (a === undefined || !policy.allowed.includes(a)) {
      throw new AccountNotAllowedError(
        `account ${JSON.stringify(requested)} is not one this server is configured for (allowed: ${policy.allowed.join(', ') || 'none'})`,
      );
    }
    return a;
  }
  const code = kind === undefined ? undefined : PRODUCT_CODE[kind];
  const fits = (a: string) => code === undefined || a.endsWith(`-${code}`);
  const chosen =
    (policy.primary !== undefined && fits(policy.primary) ? policy.primary : undefined) ??
    policy.allowed.find(fits) ??
    policy.primary ??
    policy.allowed[0];
  if (chosen === undefined) {
    throw new AccountNotAllowedError(
      'no account is configured: set KIS_ACCOUNT (or --account, or a profile) when starting kisfo mcp',
    );
  }
  return chosen;
}
