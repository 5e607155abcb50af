import { UsageError } from './cli-errors.js';
import { type Command, type CommandContext, parseCommandArgs } from './command.js';
import { COMMANDS } from './commands/index.js';
import { describeError, EXIT, exitCodeFor } from './exit-codes.js';
import { styleFor } from './output/style.js';

const VERSION = '0.1.0';

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `kisfo ${VERSION} — KIS futures & options: client, KIS-compatible server, risk engines

Usage: kisfo <command> [flags]

Commands:
${lines.join('\n')}

Run \`kisfo <command> --help\` for a command's flags.
Exit codes: ${Object.entries(EXIT)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')}.
`;
}

/** Find the longest command name that prefixes argv (`ledger import`, `margin what-if`, `margin`). */
function findCommand(argv: string[]): { cmd: Command; rest: string[] } | undefined {
  let best: { cmd: Command; rest: string[] } | undefined;
  for (const cmd of COMMANDS) {
    const words = cmd.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) {
      if (best === undefined || words.length > best.cmd.name.split(' ').length) {
        best = { cmd, rest: argv.slice(words.length) };
      }
    }
  }
  return best;
}

/** Options for {@link main} (tests inject streams and environment). */
export interface MainOptions {
  stdout?: CommandContext['stdout'];
  stderr?: CommandContext['stderr'];
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/**
 * Entry point of the `kisfo` command. Returns the process exit code (see `exit-codes.ts`);
 * never throws.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  if (options.signal !== undefined) options.signal.addEventListener('abort', onSignal);
  const ctx: CommandContext = {
    stdout,
    stderr,
    env,
    out: styleFor(stdout, env),
    err: styleFor(stderr, env),
    signal: controller.signal,
  };
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    stdout.write(topHelp());
    return EXIT.ok;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const found = findCommand(argv);
  if (found === undefined) {
    stderr.write(`${ctx.err.red('error:')} unknown command "${argv[0]}". Run \`kisfo --help\`.\n`);
    return EXIT.usage;
  }
  const { cmd, rest } = found;
  try {
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help === true) {
      stdout.write(`${cmd.help.trimEnd()}\n`);
      return EXIT.ok;
    }
    return await cmd.run(args, ctx);
  } catch (e) {
    const code = exitCodeFor(e);
    const hint = e instanceof UsageError ? ` Run \`kisfo ${cmd.name} --help\`.` : '';
    stderr.write(`${ctx.err.red('error:')} ${describeError(e)}${hint}\n`);
    return code;
  } finally {
    options.signal?.removeEventListener('abort', onSignal);
  }
}
