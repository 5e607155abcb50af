import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KIS_ENV, type KisClientOptions } from '@kisfo/client';
import { ConfigError, UsageError } from './cli-errors.js';

/** The client options a profile or the environment can set (their names are the SDK's). */
type ConnectionFields = Pick<
  KisClientOptions,
  | 'env'
  | 'appKey'
  | 'appSecret'
  | 'account'
  | 'baseURL'
  | 'custtype'
  | 'personalseckey'
  | 'seqNo'
  | 'phoneNumber'
  | 'ipAddr'
>;

/** Connection settings for `balance`, `margin` and `token`: ready for `new KisClient(…)`. */
export type ConnectionConfig = ConnectionFields & {
  /** Where each setting came from, for messages (never the values). */
  sources: Record<string, 'flag' | 'env' | 'profile'>;
};

/** One profile of the config file. */
export type Profile = Partial<ConnectionFields> & {
  /** Further accounts a tool front end (`kisfo mcp`) may let its caller choose from. */
  accounts?: string[];
};

/** The profile file: `~/.config/kisfo/config.json`. */
export interface ConfigFile {
  defaultProfile?: string;
  profiles?: Record<string, Profile>;
}

/** Path of the profile file: `$KISFO_CONFIG`, else `$XDG_CONFIG_HOME/kisfo/config.json`, else `~/.config/kisfo/config.json`. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KISFO_CONFIG) return env.KISFO_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'kisfo', 'config.json');
}

function readConfigFile(path: string, explicit: boolean): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return {};
    throw new ConfigError(`cannot read the config file ${path}: ${(e as Error).message}`);
  }
  try {
    const parsed = JSON.parse(text) as ConfigFile;
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    return parsed;
  } catch (e) {
    throw new ConfigError(`the config file ${path} is not valid JSON (${(e as Error).message})`);
  }
}

/**
 * The profile `--profile`, `$KISFO_PROFILE` or the file's `defaultProfile` names (empty when none),
 * with the file's path. A profile asked for by flag or environment must exist.
 *
 * @example
 * ```ts
 * selectedProfile({ profile: 'paper' }).profile.account; // '50012345-01'
 * ```
 */
export function selectedProfile(
  flags: Pick<ConnectionFlags, 'profile'>,
  env: NodeJS.ProcessEnv = process.env,
): { path: string; profile: Profile } {
  const path = configPath(env);
  const explicitFile = env.KISFO_CONFIG !== undefined && env.KISFO_CONFIG !== '';
  const file = readConfigFile(path, explicitFile);
  const profileName = flags.profile ?? env.KISFO_PROFILE ?? file.defaultProfile;
  if (profileName === undefined) return { path, profile: {} };
  const p = file.profiles?.[profileName];
  if (p !== undefined) return { path, profile: p };
  if (flags.profile !== undefined || env.KISFO_PROFILE !== undefined) {
    throw new ConfigError(`no profile "${profileName}" in ${path}`);
  }
  return { path, profile: {} };
}

/** Flags that carry connection settings. */
export interface ConnectionFlags {
  profile?: string | undefined;
  env?: string | undefined;
  'app-key'?: string | undefined;
  'app-secret'?: string | undefined;
  account?: string | undefined;
  'base-url'?: string | undefined;
}

const KEYS: [keyof Profile, keyof ConnectionFlags | null, string][] = [
  ['env', 'env', 'KIS_ENV'],
  ['appKey', 'app-key', 'KIS_APP_KEY'],
  ['appSecret', 'app-secret', 'KIS_APP_SECRET'],
  ['account', 'account', 'KIS_ACCOUNT'],
  ['baseURL', 'base-url', 'KIS_BASE_URL'],
  ['custtype', null, 'KIS_CUSTTYPE'],
  ['personalseckey', null, 'KIS_PERSONALSECKEY'],
  ['seqNo', null, 'KIS_SEQ_NO'],
  ['phoneNumber', null, 'KIS_PHONE_NUMBER'],
  ['ipAddr', null, 'KIS_IP_ADDR'],
];

/**
 * Resolve connection settings: flags first, then environment variables, then the profile file.
 *
 * @example
 * ```ts
 * resolveConnection({ profile: 'paper' }); // reads ~/.config/kisfo/config.json → profiles.paper
 * ```
 */
export function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
): ConnectionConfig {
  const { path, profile } = selectedProfile(flags, env);
  const out: Record<string, string> = {};
  const sources: ConnectionConfig['sources'] = {};
  for (const [key, flag, envName] of KEYS) {
    const fromFlag = flag === null ? undefined : flags[flag];
    const fromEnv = env[envName];
    const fromProfile = profile[key] === undefined ? undefined : String(profile[key]);
    let value: string | undefined;
    if (fromFlag !== undefined && fromFlag !== '') {
      value = fromFlag;
      sources[key] = 'flag';
    } else if (fromEnv !== undefined && fromEnv !== '') {
      value = fromEnv;
      sources[key] = 'env';
    } else if (fromProfile !== undefined) {
      value = fromProfile;
      sources[key] = 'profile';
    }
    if (value !== undefined) out[key] = value;
  }
  const envValue = out.env ?? DEFAULT_KIS_ENV;
  if (envValue !== 'real' && envValue !== 'paper') {
    throw new UsageError(`--env must be real or paper, got "${envValue}"`);
  }
  const missing = [
    out.appKey === undefined ? 'app key (--app-key, KIS_APP_KEY or a profile)' : null,
    out.appSecret === undefined ? 'app secret (KIS_APP_SECRET or a profile)' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    throw new ConfigError(
      `missing ${missing.join(' and ')}. Set them in the environment, or add a profile to ${path}; ` +
        'try `kisfo serve` for a local server with demo credentials.',
    );
  }
  const custtype = out.custtype;
  if (custtype !== undefined && custtype !== 'P' && custtype !== 'B') {
    throw new UsageError(`custtype must be P or B, got "${custtype}"`);
  }
  return {
    ...(out as Omit<ConnectionConfig, 'env' | 'sources' | 'custtype'>),
    env: envValue,
    ...(custtype === undefined ? {} : { custtype }),
    sources,
  } as ConnectionConfig;
}
