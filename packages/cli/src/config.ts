import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_KIS_ENV, type KisClientOptions } from '@kisfo/client';
import { KIS_HOSTS } from '@kisfo/protocol';
import { ConfigError, UsageError } from './cli-errors.js';
import { MAX_TIMER_MS, MAX_TIMER_TEXT, parseDuration } from './duration.js';

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
  | 'timeout'
>;

/** Where a setting came from. */
export type SettingSource = 'flag' | 'env' | 'profile' | 'default';

/** Connection settings for `balance`, `margin` and `token`: ready for `new KisClient(…)`. */
export type ConnectionConfig = ConnectionFields & {
  /** Where each setting came from, for messages (never the values). */
  sources: Record<string, SettingSource>;
  /** Things the user should know (a config file others can read, env variables overridden). */
  warnings: ConfigWarning[];
};

/** A warning about the settings, with the one thing to do about it. */
export interface ConfigWarning {
  message: string;
  next: string;
}

/** One profile of the config file (`timeout` in milliseconds, as the SDK takes it). */
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

function readConfigFile(path: string, explicit: boolean): ConfigFile | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !explicit) return undefined;
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new ConfigError(
      `cannot read the config file ${path} (KISFO_CONFIG): ${why}`,
      'fix KISFO_CONFIG, or unset it to use ~/.config/kisfo/config.json',
    );
  }
  let parsed: ConfigFile;
  try {
    parsed = JSON.parse(text) as ConfigFile;
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
  } catch (e) {
    throw new ConfigError(
      `the config file ${path} is not valid JSON (${(e as Error).message})`,
      `fix ${path}: it holds { "defaultProfile": …, "profiles": { NAME: { … } } }`,
    );
  }
  checkConfigShape(parsed, path);
  return parsed;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Refuse a config file whose parts have the wrong type, naming the first one: a value that is not
 * a string would otherwise reach KIS as "[object Object]", and a profile that is not an object
 * would silently set nothing.
 */
function checkConfigShape(file: unknown, path: string): asserts file is ConfigFile {
  const refuse = (where: string, expected: string): never => {
    throw new ConfigError(
      `${where} in the config file ${path} must be ${expected}`,
      `fix ${path}: it holds { "defaultProfile": "NAME", "profiles": { NAME: { "appKey": "…", … } } } (\`kisfo config --help\` shows an example)`,
    );
  };
  if (!isPlainObject(file)) return refuse('the top level', 'an object');
  if (file.defaultProfile !== undefined && typeof file.defaultProfile !== 'string') {
    refuse('"defaultProfile"', 'a profile name (a string)');
  }
  if (file.profiles === undefined) return;
  if (!isPlainObject(file.profiles)) return refuse('"profiles"', 'an object of named profiles');
  for (const [name, profile] of Object.entries(file.profiles)) {
    if (!isPlainObject(profile)) {
      refuse(`profile "${name}"`, 'an object of settings');
      continue;
    }
    for (const spec of SETTINGS) {
      const v = (profile as Record<string, unknown>)[spec.key];
      if (v === undefined) continue;
      // `timeout` is milliseconds, checked as a number later ("15000" is read as 15000 too).
      const ok = typeof v === 'string' || (spec.key === 'timeout' && typeof v === 'number');
      if (!ok) {
        refuse(
          `"${spec.key}" of profile "${name}"`,
          spec.key === 'timeout' ? 'a number of milliseconds' : 'a string',
        );
      }
    }
  }
}

/** Flags that carry connection settings. */
export interface ConnectionFlags {
  profile?: string | undefined;
  env?: string | undefined;
  'app-key'?: string | undefined;
  'app-secret'?: string | undefined;
  account?: string | undefined;
  'base-url'?: string | undefined;
  timeout?: string | undefined;
}

/** One connection setting: its flag, environment variable, whether it is a secret. */
export interface SettingSpec {
  key: keyof Profile;
  flag: keyof ConnectionFlags | null;
  envName: string;
  secret: boolean;
}

/** Every connection setting, in the order `kisfo config` lists them. */
export const SETTINGS: readonly SettingSpec[] = [
  { key: 'env', flag: 'env', envName: 'KIS_ENV', secret: false },
  { key: 'appKey', flag: 'app-key', envName: 'KIS_APP_KEY', secret: true },
  { key: 'appSecret', flag: 'app-secret', envName: 'KIS_APP_SECRET', secret: true },
  { key: 'account', flag: 'account', envName: 'KIS_ACCOUNT', secret: false },
  { key: 'baseURL', flag: 'base-url', envName: 'KIS_BASE_URL', secret: false },
  { key: 'timeout', flag: 'timeout', envName: 'KISFO_TIMEOUT', secret: false },
  { key: 'custtype', flag: null, envName: 'KIS_CUSTTYPE', secret: false },
  { key: 'personalseckey', flag: null, envName: 'KIS_PERSONALSECKEY', secret: true },
  { key: 'seqNo', flag: null, envName: 'KIS_SEQ_NO', secret: false },
  { key: 'phoneNumber', flag: null, envName: 'KIS_PHONE_NUMBER', secret: false },
  { key: 'ipAddr', flag: null, envName: 'KIS_IP_ADDR', secret: false },
];

/** One resolved setting: its value (undefined when unset) and where it came from. */
export interface ResolvedSetting extends SettingSpec {
  value: string | undefined;
  source: SettingSource | undefined;
  /** `--app-key`, `KIS_APP_KEY`, `profile "paper"` or `default`. */
  origin: string | undefined;
}

/** Everything `kisfo config` shows: the file, the profile and each setting with its source. */
export interface ResolvedSettings {
  file: { path: string; exists: boolean; mode: number | undefined; holdsSecrets: boolean };
  profile: { name: string | undefined; origin: string | undefined };
  settings: ResolvedSetting[];
  warnings: ConfigWarning[];
}

function holdsSecrets(file: ConfigFile): boolean {
  return Object.values(file.profiles ?? {}).some(
    (p) =>
      typeof p === 'object' &&
      p !== null &&
      (p.appSecret !== undefined || p.personalseckey !== undefined),
  );
}

const isSet = (v: string | undefined): v is string => v !== undefined && v !== '';

/** Which profile applies, who named it, and its settings (empty when none). */
function pickProfile(
  flags: Pick<ConnectionFlags, 'profile'>,
  env: NodeJS.ProcessEnv,
  path: string,
  file: ConfigFile | undefined,
): { profileName: string | undefined; profileOrigin: string | undefined; profile: Profile } {
  const profileName = isSet(flags.profile)
    ? flags.profile
    : isSet(env.KISFO_PROFILE)
      ? env.KISFO_PROFILE
      : file?.defaultProfile;
  const profileOrigin = isSet(flags.profile)
    ? '--profile'
    : isSet(env.KISFO_PROFILE)
      ? 'KISFO_PROFILE'
      : file?.defaultProfile === undefined
        ? undefined
        : 'defaultProfile';
  let profile: Profile = {};
  if (profileName !== undefined) {
    const p = file?.profiles?.[profileName];
    if (p === undefined) {
      if (profileOrigin !== 'defaultProfile') {
        const known = Object.keys(file?.profiles ?? {});
        throw new ConfigError(
          `no profile "${profileName}" in ${path}${known.length === 0 ? '' : ` (profiles: ${known.join(', ')})`}`,
          known.length === 0
            ? `add a profile "${profileName}" to ${path} (\`kisfo config --help\` shows the format)`
            : `pass --profile ${known[0]}, or add "${profileName}" to ${path}`,
        );
      }
    } else profile = p;
  }
  return { profileName, profileOrigin, profile };
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
  return {
    path,
    profile: pickProfile(flags, env, path, readConfigFile(path, explicitFile)).profile,
  };
}

/**
 * Resolve every connection setting and say where it came from, without requiring any. Flags
 * come first, then environment variables, then the profile, then defaults — except that an
 * explicit `--profile` beats environment variables (a warning names the ones it overrides).
 *
 * @example
 * ```ts
 * resolveSettings({ profile: 'paper' }).settings.find((s) => s.key === 'appKey')?.origin; // 'profile "paper"'
 * ```
 */
export function resolveSettings(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedSettings {
  const path = configPath(env);
  const explicitFile = env.KISFO_CONFIG !== undefined && env.KISFO_CONFIG !== '';
  const file = readConfigFile(path, explicitFile);
  const warnings: ConfigWarning[] = [];
  let mode: number | undefined;
  if (file !== undefined) {
    mode = statSync(path).mode & 0o777;
    if (holdsSecrets(file) && (mode & 0o077) !== 0 && process.platform !== 'win32') {
      warnings.push({
        message: `${path} holds app secrets but other users may read it (mode ${mode.toString(8).padStart(4, '0')})`,
        next: `chmod 600 ${path}`,
      });
    }
  }
  const { profileName, profileOrigin, profile } = pickProfile(flags, env, path, file);
  const profileWins = profileOrigin === '--profile';
  const overridden: string[] = [];
  const settings = SETTINGS.map((spec): ResolvedSetting => {
    const fromFlag = spec.flag === null ? undefined : flags[spec.flag];
    const fromEnv = env[spec.envName];
    const raw = profile[spec.key];
    const fromProfile = raw === undefined ? undefined : String(raw);
    const byFlag = isSet(fromFlag)
      ? { value: fromFlag, source: 'flag' as const, origin: `--${spec.flag}` }
      : undefined;
    const byEnv = isSet(fromEnv)
      ? { value: fromEnv, source: 'env' as const, origin: spec.envName }
      : undefined;
    const byProfile =
      fromProfile !== undefined
        ? { value: fromProfile, source: 'profile' as const, origin: `profile "${profileName}"` }
        : undefined;
    const pick = byFlag ?? (profileWins ? (byProfile ?? byEnv) : (byEnv ?? byProfile));
    if (profileWins && byFlag === undefined && byProfile !== undefined && byEnv !== undefined) {
      overridden.push(spec.envName);
    }
    return { ...spec, value: pick?.value, source: pick?.source, origin: pick?.origin };
  });
  if (overridden.length > 0) {
    warnings.push({
      message: `--profile ${profileName} takes precedence over ${overridden.join(', ')} set in the environment`,
      next: `unset ${overridden.join(' ')} to silence this, or drop --profile to use them`,
    });
  }
  // Defaults the client applies, shown so `kisfo config` lists every effective setting.
  const get = (key: keyof Profile) => settings.find((s) => s.key === key)!;
  const envSetting = get('env');
  if (envSetting.value === undefined)
    Object.assign(envSetting, { value: DEFAULT_KIS_ENV, source: 'default', origin: 'default' });
  const envValue = envSetting.value!;
  if (envValue !== 'real' && envValue !== 'paper') {
    throw new UsageError(
      `--env must be real or paper, got "${envValue}" (from ${envSetting.origin})`,
    );
  }
  const baseURL = get('baseURL');
  if (baseURL.value === undefined) {
    Object.assign(baseURL, {
      value: KIS_HOSTS[envValue],
      source: 'default',
      origin: `default (KIS's ${envValue} host)`,
    });
  }
  const timeout = get('timeout');
  if (timeout.value === undefined)
    Object.assign(timeout, { value: '15000', source: 'default', origin: 'default' });
  else if (timeout.source !== 'profile')
    timeout.value = String(parseDuration(timeout.value, timeout.origin!));
  else if (!(Number(timeout.value) >= 1)) {
    throw new ConfigError(
      `timeout in profile "${profileName}" must be a number of milliseconds, got "${timeout.value}"`,
      `set "timeout": 15000 (milliseconds) in ${path}`,
    );
  } else if (Number(timeout.value) > MAX_TIMER_MS) {
    throw new ConfigError(
      `timeout in profile "${profileName}" must be at most ${MAX_TIMER_TEXT}, got ${timeout.value}`,
      `set "timeout": 15000 (milliseconds) in ${path}`,
    );
  }
  const custtype = get('custtype');
  if (custtype.value === undefined)
    Object.assign(custtype, { value: 'P', source: 'default', origin: 'default' });
  if (custtype.value !== 'P' && custtype.value !== 'B') {
    throw new UsageError(
      `custtype must be P or B, got "${custtype.value}" (from ${custtype.origin})`,
    );
  }
  return {
    file: {
      path,
      exists: file !== undefined,
      mode,
      holdsSecrets: file !== undefined && holdsSecrets(file),
    },
    profile: { name: profileName, origin: profileOrigin },
    settings,
    warnings,
  };
}

/**
 * Resolve connection settings (see {@link resolveSettings}) and require an app key and secret.
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
  const resolved = resolveSettings(flags, env);
  const out: Record<string, string | number> = {};
  const sources: ConnectionConfig['sources'] = {};
  for (const s of resolved.settings) {
    if (s.value === undefined || s.source === undefined) continue;
    out[s.key] = s.key === 'timeout' ? Number(s.value) : s.value;
    sources[s.key] = s.source;
  }
  const missing = [
    out.appKey === undefined ? 'app key (--app-key, KIS_APP_KEY or a profile)' : null,
    out.appSecret === undefined ? 'app secret (KIS_APP_SECRET or a profile)' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    throw new ConfigError(
      `missing ${missing.join(' and ')}`,
      `set KIS_APP_KEY and KIS_APP_SECRET, or add a profile to ${resolved.file.path} (\`kisfo serve\` prints demo credentials for a local server)`,
    );
  }
  return { ...(out as ConnectionFields), sources, warnings: resolved.warnings };
}
