import type { Command } from './command.js';
import { EXIT } from './exit-codes.js';
import { type CommandEntry, subcommandsOf } from './registry.js';

/** The version of every kisfo package (they are released together under one version). */
export const VERSION = '0.1.0';

function listing(entries: readonly CommandEntry[], strip = ''): string {
  const names = entries.map((e) => e.name.slice(strip.length));
  const width = Math.max(...names.map((n) => n.length));
  return entries.map((e, i) => `  ${names[i]!.padEnd(width)}  ${e.summary}`).join('\n');
}

/** `kisfo --help`: every command with its summary. */
export function topHelp(entries: readonly CommandEntry[]): string {
  return `kisfo ${VERSION} — KIS futures & options: client, KIS-compatible server, risk engines

Usage: kisfo <command> [flags]

Commands:
${listing(entries)}

Run \`kisfo <command> --help\` for a command's flags.
Exit codes: ${Object.entries(EXIT)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ')}.
`;
}

/** `kisfo ledger --help`: the subcommands of a group that is not itself a command. */
export function groupHelp(entries: readonly CommandEntry[], group: string): string {
  return `Usage: kisfo ${group} <subcommand> [flags]

Subcommands:
${listing(subcommandsOf(entries, group), `${group} `)}

Run \`kisfo ${group} <subcommand> --help\` for its flags.
`;
}

/** A command's `--help`: its own text, plus its subcommands when it has some (`kisfo margin`). */
export function commandHelp(entries: readonly CommandEntry[], cmd: Command): string {
  const subs = subcommandsOf(entries, cmd.name);
  const tail =
    subs.length === 0
      ? ''
      : `\nSubcommands:\n${listing(subs, `${cmd.name} `)}\n\nRun \`kisfo ${cmd.name} <subcommand> --help\` for its flags.\n`;
  return `${cmd.help.trimEnd()}\n${tail}`;
}

/** The usage lines at the top of a help text (up to the first blank line). */
export function usageOf(help: string): string {
  const end = help.indexOf('\n\n');
  return (end === -1 ? help : help.slice(0, end)).trimEnd();
}
