import type { Command } from './command.js';

/**
 * A command as the registry lists it: name and summary up front (for `kisfo --help` and "did you
 * mean"), the code loaded only when the command runs. `kisfo --help` thus loads no command and
 * `kisfo balance` never loads the server, Hono or SQLite.
 */
export interface CommandEntry {
  /** `balance`, or `ledger import` for a subcommand. */
  readonly name: string;
  readonly summary: string;
  /** Import the command's module and return its {@link Command}. */
  load(): Promise<Command>;
}

/** The names of a module's exports that are commands (for {@link lazy}). */
export type CommandExport<M> = { [K in keyof M]: M[K] extends Command ? K : never }[keyof M] &
  string;

/**
 * A registry entry whose module is imported on first use. The export must be the `Command` of
 * the same name (checked on load, and by a test for every entry).
 *
 * @example
 * ```ts
 * lazy('balance', '선물옵션 잔고현황: every position and the summary', () => import('./balance.js'), 'balanceCommand');
 * ```
 */
export function lazy<M>(
  name: string,
  summary: string,
  loader: () => Promise<M>,
  exportName: CommandExport<M>,
): CommandEntry {
  let loaded: Promise<Command> | undefined;
  return {
    name,
    summary,
    load() {
      loaded ??= loader().then((m) => {
        const cmd = m[exportName] as unknown as Command;
        if (cmd?.name !== name) {
          throw new Error(`registry entry "${name}" loads a command named "${cmd?.name}"`);
        }
        return cmd;
      });
      return loaded;
    },
  };
}

/** The entry whose words are the longest prefix of argv (`margin what-if` before `margin`). */
export function findEntry(
  entries: readonly CommandEntry[],
  argv: readonly string[],
): { entry: CommandEntry; rest: string[] } | undefined {
  let best: { entry: CommandEntry; rest: string[]; words: number } | undefined;
  for (const entry of entries) {
    const words = entry.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (best === undefined || words.length > best.words)) {
      best = { entry, rest: argv.slice(words.length), words: words.length };
    }
  }
  return best === undefined ? undefined : { entry: best.entry, rest: best.rest };
}

/** The entries one word below `prefix` (`ledger` → `ledger import`, `ledger export`). */
export function subcommandsOf(
  entries: readonly CommandEntry[],
  prefix: string,
): readonly CommandEntry[] {
  const depth = prefix.split(' ').length + 1;
  return entries.filter(
    (e) => e.name.startsWith(`${prefix} `) && e.name.split(' ').length === depth,
  );
}
