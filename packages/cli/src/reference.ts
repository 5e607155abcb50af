import { COMMANDS } from './commands/index.js';
import { EXIT, EXIT_MEANINGS } from './exit-codes.js';
import { commandHelp, groupHelp } from './help.js';
import { subcommandsOf } from './registry.js';

/**
 * The CLI reference in Markdown, made from each command's own `--help` text so the
 * two cannot drift. `npm run docs:cli` writes it into the repository; a test checks it is current.
 *
 * @example
 * ```ts
 * writeFileSync('cli.md', await cliReference());
 * ```
 */
export async function cliReference(): Promise<string> {
  const sections: string[] = [];
  const groups = new Set<string>();
  for (const entry of COMMANDS) {
    const group = entry.name.split(' ')[0]!;
    const isCommand = COMMANDS.some((e) => e.name === group);
    if (!isCommand && !groups.has(group) && subcommandsOf(COMMANDS, group).length > 0) {
      groups.add(group);
      sections.push(
        `## \`kisfo ${group}\`\n\n\`\`\`text\n${groupHelp(COMMANDS, group).trimEnd()}\n\`\`\`\n`,
      );
    }
    const help = commandHelp(COMMANDS, await entry.load());
    sections.push(
      `## \`kisfo ${entry.name}\`\n\n${entry.summary}.\n\n\`\`\`text\n${help.trimEnd()}\n\`\`\`\n`,
    );
  }
  const codes = Object.entries(EXIT)
    .map(([name, code]) => `| ${code} | ${name} | ${EXIT_MEANINGS[name as keyof typeof EXIT]} |`)
    .join('\n');
  return `# kisfo CLI reference

<!-- Generated from each command's --help by \`npm run docs:cli\`; do not edit by hand. -->

\`kisfo <command> [flags]\` — run \`kisfo <command> --help\` for the same text in the terminal.

Connection settings (\`token\`, \`balance\`, \`margin\`) come from flags, then environment variables
(\`KIS_ENV\`, \`KIS_APP_KEY\`, \`KIS_APP_SECRET\`, \`KIS_ACCOUNT\`, \`KIS_BASE_URL\`, \`KISFO_TIMEOUT\`,
\`KISFO_PROFILE\`), then the profile file \`~/.config/kisfo/config.json\` (or \`$KISFO_CONFIG\`), then
defaults. An explicit \`--profile\` beats environment variables (a warning names the ones it
overrides). \`kisfo config\` shows every effective setting and where it came from, secrets masked.
Keep the file mode 0600: kisfo warns when a file holding secrets is readable by others.

\`\`\`json
{
  "defaultProfile": "paper",
  "profiles": {
    "real": { "env": "real", "appKey": "…", "appSecret": "…", "account": "80012345-03" },
    "paper": { "env": "paper", "appKey": "…", "appSecret": "…", "account": "50012345-01" },
    "local": { "env": "real", "baseURL": "http://127.0.0.1:9443", "appKey": "…", "appSecret": "…" }
  }
}
\`\`\`

Errors print \`error: …\`, then (for a typo) "did you mean" and the usage, then one \`next: …\` line
with what to do; each class of failure has its own exit code (below). \`KISFO_DEBUG=1\` adds the
stack of an unexpected failure.

Output is a table by default (\`--ko\` for Korean labels), \`--json\` or \`--csv\` (one table per run) for machines;
colours are off when the output is not a terminal or \`NO_COLOR\` is set. Secrets (app secret,
tokens) are never printed.

${sections.join('\n')}
## Exit codes

| code | name | meaning |
|---|---|---|
${codes}
`;
}
