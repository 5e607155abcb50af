import { CONNECTION_HELP, CONNECTION_OPTIONS, type Command, outputFormat } from '../command.js';
import { type ResolvedSetting, resolveSettings } from '../config.js';
import { printWarnings } from '../connect.js';
import { formatDuration } from '../duration.js';
import { renderJson, renderTable } from '../output/formats.js';

/** A secret shown as its length only; the app key as its first four characters. */
export function maskSetting(s: Pick<ResolvedSetting, 'key' | 'value' | 'secret'>): string {
  if (s.value === undefined) return '(not set)';
  if (!s.secret) return s.key === 'timeout' ? formatDuration(Number(s.value)) : s.value;
  if (s.key === 'appKey' && s.value.length > 12)
    return `${s.value.slice(0, 4)}… (${s.value.length} chars)`;
  return `set, hidden (${s.value.length} chars)`;
}

/** `kisfo config`: every effective connection setting and where it comes from. */
export const configCommand: Command = {
  name: 'config',
  summary: 'show every effective connection setting and where it comes from (secrets masked)',
  help: `Usage: kisfo config [connection flags] [--json]

Shows the settings \`token\`, \`balance\` and \`margin\` would use with the same flags and
environment: each value (app key shortened, secrets as their length only) and its source —
flag, environment variable, profile or default — plus the profile file and its mode.

Flags:
  --json              machine-readable output (still masked)
${CONNECTION_HELP}

Profile file (~/.config/kisfo/config.json, or $KISFO_CONFIG; keep it mode 0600 — kisfo warns
when a file holding secrets is readable by others):
  {
    "defaultProfile": "paper",
    "profiles": {
      "paper": { "env": "paper", "appKey": "…", "appSecret": "…", "account": "50012345-01" },
      "local": { "env": "real", "baseURL": "http://127.0.0.1:9443", "appKey": "…",
                 "appSecret": "…", "timeout": 5000 }
    }
  }
`,
  options: { ...CONNECTION_OPTIONS, json: { type: 'boolean' } },
  async run(args, ctx) {
    const format = outputFormat(args);
    const r = resolveSettings(args.values, ctx.env);
    const rows = r.settings.map((s) => ({
      setting: s.key,
      value: maskSetting(s),
      source: s.source ?? '',
      from: s.origin ?? '',
    }));
    const file = r.file.exists
      ? `${r.file.path} (mode ${r.file.mode!.toString(8).padStart(4, '0')})`
      : `${r.file.path} (none)`;
    if (format === 'json') {
      ctx.stdout.write(
        renderJson({
          file: { path: r.file.path, exists: r.file.exists, mode: r.file.mode?.toString(8) },
          profile: r.profile,
          settings: rows,
          warnings: r.warnings,
        }),
      );
    } else {
      ctx.stdout.write(`${ctx.out.bold('profile file')} ${file}\n`);
      ctx.stdout.write(
        `${ctx.out.bold('profile')}      ${r.profile.name === undefined ? '(none)' : `${r.profile.name} (from ${r.profile.origin})`}\n\n`,
      );
      ctx.stdout.write(
        renderTable(rows, [
          { header: 'setting', get: (x) => x.setting },
          { header: 'value', get: (x) => x.value },
          {
            header: 'source',
            get: (x) =>
              x.source === 'flag' || x.source === 'env' ? `${x.source} ${x.from}` : x.from,
          },
        ]),
      );
    }
    printWarnings(r, ctx);
    const missing = r.settings.filter(
      (s) => (s.key === 'appKey' || s.key === 'appSecret') && s.value === undefined,
    );
    if (missing.length > 0 && format !== 'json') {
      ctx.stderr.write(
        `${ctx.err.bold('next:')} set ${missing.map((s) => s.envName).join(' and ')}, or add a profile to ${r.file.path}\n`,
      );
    }
    return 0;
  },
};
