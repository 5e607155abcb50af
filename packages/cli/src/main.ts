import { UsageError } from './cli-errors.js';
import { type CommandContext, parseCommandArgs } from './command.js';
import { COMMANDS } from './commands/index.js';
import { EXIT } from './exit-codes.js';
import { commandHelp, groupHelp, topHelp, usageOf, VERSION } from './help.js';
import { styleFor } from './output/style.js';
import { type CommandEntry, findEntry, subcommandsOf } from './registry.js';
import { didYouMean } from './suggest.js';

/** Options for {@link main} (tests inject streams and environment). */
export interface MainOptions {
  stdout?: CommandContext['stdout'];
  stderr?: CommandContext['stderr'];
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

const isHelp = (word: string | undefined) => word === '--help' || word === '-h';

/** The error for words that name no command: did you mean, and the usage to read. */
function unknownCommand(entries: readonly CommandEntry[], words: string[]): UsageError {
  const groups = [...new Set(entries.map((e) => e.name.split(' ')[0]!))];
  const prefix = words[0] !== undefined && groups.includes(words[0]) ? words[0] : undefined;
  if (prefix !== undefined) {
    const subs = subcommandsOf(entries, prefix);
    const names = subs.map((e) => e.name.slice(prefix.length + 1));
    const typed = words[1];
    const guess = typed === undefined ? undefined : didYouMean(typed, names);
    const alsoCommand = entries.some((e) => e.name === prefix);
    const message =
      typed === undefined
        ? `kisfo ${prefix} needs a subcommand: ${names.join(', ')}`
        : alsoCommand
          ? `\`kisfo ${prefix}\` takes no argument "${typed}" (its subcommands: ${names.join(', ')})`
          : `unknown command "kisfo ${prefix} ${typed}"`;
    return new UsageError(message, undefined, {
      details: `${guess === undefined ? '' : `did you mean \`kisfo ${prefix} ${guess}\`?\n\n`}${usageOf(groupHelp(entries, prefix))}`,
      next: `run \`kisfo ${prefix} --help\` for its subcommands`,
    });
  }
  const guess = didYouMean(words[0] ?? '', [...groups, ...entries.map((e) => e.name)]);
  return new UsageError(`unknown command "${words[0]}"`, undefined, {
    details: `${guess === undefined ? '' : `did you mean \`kisfo ${guess}\`?\n\n`}Usage: kisfo <command> [flags]`,
    next: 'run `kisfo --help` for the list of commands',
  });
}

/**
 * Entry point of the `kisfo` command. Returns the process exit code (see {@link EXIT});
 * never throws. Loads only the command it runs.
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
  // `kisfo help ledger import` is `kisfo ledger import --help`.
  const words = argv[0] === 'help' && argv.length > 1 ? [...argv.slice(1), '--help'] : argv;
  let commandName: string | undefined;
  try {
    if (words.length === 0 || isHelp(words[0]) || words[0] === 'help') {
      stdout.write(topHelp(COMMANDS));
      return EXIT.ok;
    }
    if (words[0] === '--version' || words[0] === '-v') {
      stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const found = findEntry(COMMANDS, words);
    if (found === undefined) {
      const group = words[0]!;
      if (subcommandsOf(COMMANDS, group).length > 0 && isHelp(words[1])) {
        stdout.write(groupHelp(COMMANDS, group));
        return EXIT.ok;
      }
      if (group.startsWith('-')) {
        const guess = didYouMean(group, ['--help', '--version']);
        throw new UsageError(`unknown flag ${group}`, undefined, {
          details: `${guess === undefined ? '' : `did you mean ${guess}?\n\n`}Usage: kisfo <command> [flags]`,
          next: 'run `kisfo --help` for the list of commands',
        });
      }
      throw unknownCommand(COMMANDS, words.slice(0, 2));
    }
    const { entry, rest } = found;
    commandName = entry.name;
    const cmd = await entry.load();
    // `kisfo margin wat`: a word where a subcommand could be, for a command taking no arguments.
    const subs = subcommandsOf(COMMANDS, entry.name);
    if (
      subs.length > 0 &&
      rest[0] !== undefined &&
      !rest[0].startsWith('-') &&
      (cmd.positionals?.max ?? 0) === 0
    ) {
      throw unknownCommand(COMMANDS, [entry.name, rest[0]]);
    }
    // `--help` anywhere (before `--`) shows the help, whatever else is wrong on the line.
    const end = rest.indexOf('--');
    if ((end === -1 ? rest : rest.slice(0, end)).some(isHelp)) {
      stdout.write(commandHelp(COMMANDS, cmd));
      return EXIT.ok;
    }
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help === true) {
      stdout.write(commandHelp(COMMANDS, cmd));
      return EXIT.ok;
    }
    return await cmd.run(args, ctx);
  } catch (e) {
    // Loaded only on failure: the error classes of every package.
    const { formatReport, reportError } = await import('./error-report.js');
    const report = reportError(e, commandName);
    stderr.write(formatReport(report, ctx.err));
    if (env.KISFO_DEBUG === '1' && e instanceof Error && e.stack !== undefined) {
      stderr.write(`${e.stack}\n`);
    }
    return report.code;
  } finally {
    options.signal?.removeEventListener('abort', onSignal);
  }
}
