/**
 * Exit codes of `kisfo`, one per class of failure, so scripts can tell them apart. (Which error
 * maps to which code is decided by `reportError`, loaded only when something failed.)
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  auth: 4,
  'rate-limit': 5,
  'not-supported': 6,
  'invalid-request': 7,
  'not-found': 8,
  'data-changed': 9,
  connection: 10,
  api: 11,
  'check-failed': 12,
  file: 13,
  listen: 14,
  interrupted: 130,
} as const;

/** What each exit code means, for `--help` and the CLI reference. */
export const EXIT_MEANINGS: Record<keyof typeof EXIT, string> = {
  ok: 'success',
  failure: 'an unexpected failure (a bug: please report it)',
  usage: 'wrong usage: unknown command or flag, bad value',
  config: 'settings missing or unreadable (app key, profile file)',
  auth: 'app key, secret or token refused',
  'rate-limit': 'too many calls (EGW00201) or token issuance throttled (EGW00133)',
  'not-supported': 'not offered in this environment, or the key belongs to the other one',
  'invalid-request': 'the request was refused as invalid (OPSQ2001 …)',
  'not-found': 'account or product not found',
  'data-changed': 'the data changed between pages (SYDB0050): run again',
  connection: 'the host could not be reached or did not answer in time',
  api: 'any other error answer from the host',
  'check-failed':
    '`--check` found identities that do not hold, or `ledger check` accounts that would not answer',
  file: 'a file is missing, unreadable or not what it should be',
  listen: 'a port is in use or an address cannot be listened on',
  interrupted: 'interrupted (Ctrl-C)',
};
