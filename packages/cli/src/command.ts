import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './cli-errors.js';
import { usageOf } from './help.js';
import type { Style } from './output/style.js';
import { didYouMean } from './suggest.js';

/** Where a command writes and what it may read. Injected so tests can capture everything. */
export interface CommandContext {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Style for stdout. */
  out: Style;
  /** Style for stderr. */
  err: Style;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parsed flags and positionals. */
export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** One `kisfo` command. */
export interface Command {
  /** `balance`, or `ledger import` for a subcommand. */
  name: string;
  summary: string;
  /** Usage and flag descriptions printed by `--help`. */
  help: string;
  options: Options;
  /** Number of positionals allowed (default 0). */
  positionals?: { min: number; max: number };
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}

/** A parseArgs failure in plain words, with "did you mean" for a mistyped flag. */
function usageFromParseError(cmd: Command, options: Options, e: unknown): UsageError {
  const text = (e as Error).message;
  const code = (e as { code?: string }).code;
  const flags = Object.entries(options).flatMap(([name, o]) => [
    `--${name}`,
    ...(o.short === undefined ? [] : [`-${o.short}`]),
  ]);
  let message = text.replace(/^TypeError \[[A-Z_]+\]: /, '').split('. ')[0]!;
  let guess: string | undefined;
  const unknown = /^Unknown option '([^']+)'/.exec(text);
  const missing = /^Option '(-[^' ]+)(?: <value>)?' argument missing/.exec(text);
  const ambiguous = /^Option '(-[^' ]+)' argument is ambiguous/.exec(text);
  const noValue = /^Option '(-[^' ]+)' does not take an argument/.exec(text);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown !== null) {
    const typed = unknown[1]!;
    message = `unknown flag ${typed} for \`kisfo ${cmd.name}\``;
    guess = didYouMean(typed.split('=')[0]!, flags);
  } else if (missing !== null) {
    message = `${missing[1]} needs a value`;
  } else if (ambiguous !== null) {
    message = `${ambiguous[1]} needs a value (write ${ambiguous[1]}=VALUE for one starting with "-")`;
  } else if (noValue !== null) {
    message = `${noValue[1]} is a switch and takes no value`;
  }
  return new UsageError(message, cmd.name, {
    details: `${guess === undefined ? '' : `did you mean ${guess}?\n\n`}${usageOf(cmd.help)}`,
  });
}

/** Parse argv for a command; unknown flags and bad positionals are a {@link UsageError}. */
export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  const options: Options = { ...cmd.options, help: { type: 'boolean', short: 'h' } };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw usageFromParseError(cmd, options, e);
  }
  const { min, max } = cmd.positionals ?? { min: 0, max: 0 };
  if (parsed.values.help !== true) {
    const usage = { details: usageOf(cmd.help) };
    if (parsed.positionals.length < min) {
      throw new UsageError(`\`kisfo ${cmd.name}\` needs an argument`, cmd.name, usage);
    }
    if (parsed.positionals.length > max) {
      throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`, cmd.name, usage);
    }
  }
  return parsed as ParsedArgs;
}

/** Read an integer flag; a non-integer is a {@link UsageError}. */
export function intFlag(
  args: ParsedArgs,
  name: string,
  fallback: number,
  range: { min?: number; max?: number } = {},
): number {
  const v = args.values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, got "${v}"`);
  if (range.min !== undefined && n < range.min)
    throw new UsageError(`--${name} must be at least ${range.min}`);
  if (range.max !== undefined && n > range.max)
    throw new UsageError(`--${name} must be at most ${range.max}`);
  return n;
}

/** Read a string flag. */
export function strFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Read a boolean flag. */
export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** Pick the output format from `--json` / `--csv` (default table); both at once is a usage error. */
export function outputFormat(args: ParsedArgs): 'table' | 'json' | 'csv' {
  const json = boolFlag(args, 'json');
  const csv = boolFlag(args, 'csv');
  if (json && csv) throw new UsageError('choose one of --json and --csv');
  return json ? 'json' : csv ? 'csv' : 'table';
}

/** The output flags of `balance` and `margin`. */
export const OUTPUT_OPTIONS = {
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  ko: { type: 'boolean' },
} as const satisfies Options;

/** Flags shared by commands that talk to KIS or a kisfo server. */
export const CONNECTION_OPTIONS = {
  profile: { type: 'string' },
  env: { type: 'string' },
  'app-key': { type: 'string' },
  'app-secret': { type: 'string' },
  account: { type: 'string' },
  'base-url': { type: 'string' },
  timeout: { type: 'string' },
} as const satisfies Options;

/** Help text for {@link CONNECTION_OPTIONS}. */
export const CONNECTION_HELP = `Connection (flags, then environment, then the profile file; \`kisfo config\` shows them):
  --profile NAME      profile of ~/.config/kisfo/config.json (KISFO_PROFILE); an explicit
                      --profile beats environment variables (a warning names them)
  --env real|paper    environment (KIS_ENV; default real)
  --app-key KEY       app key (KIS_APP_KEY)
  --app-secret SECRET app secret (KIS_APP_SECRET; prefer the environment or a profile)
  --account NNNNNNNN-NN  account (KIS_ACCOUNT)
  --base-url URL      KIS host or a kisfo server (KIS_BASE_URL; default KIS's host for the env)
  --timeout DURATION  wait per attempt, e.g. 30s or 500ms (KISFO_TIMEOUT; default 15s); slow
                      hosts are retried twice, with a notice on a terminal`;
