import { spawn } from 'node:child_process';
import { ConfigError } from '../cli-errors.js';
import { boolFlag, type Command, type CommandContext, strFlag } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** The command that opens a URL in the desktop's browser, per platform. */
function opener(): [string, string[]] {
  if (process.platform === 'darwin') return ['open', []];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  return ['xdg-open', []];
}

/** A failure told as `main` tells one (`error: …`, then one `next: …`); its exit code. */
async function fail(ctx: CommandContext, code: number, message: string, next: string) {
  // Loaded only on failure, as `main` loads it.
  const { formatReport } = await import('../error-report.js');
  ctx.stderr.write(formatReport({ code, message, next }, ctx.err));
  return code;
}

/** `kisfo dashboard`: a one-time dashboard link from a running `kisfo serve`. */
export const dashboardCommand: Command = {
  name: 'dashboard',
  summary: 'print (or --open) a one-time link to the web dashboard of a running server',
  help: `Usage: kisfo dashboard [--url URL] [--admin-token T] [--open]

Asks a running \`kisfo serve\` for a one-time dashboard link and prints it. The link's fragment
carries a code the page trades for a session token kept in that browser tab; the admin token
itself never reaches the browser. Each run mints a new link; a link works once.

Flags:
  --url URL           the admin URL that \`kisfo serve\` printed, with or without its /kisfo/admin
                      path (default $KISFO_URL, else http://127.0.0.1:9444)
  --admin-token T     the admin token \`kisfo serve\` printed (default $KISFO_ADMIN_TOKEN)
  --open              also open the link in the desktop's browser (xdg-open / open / start)
  --json              print {"url": …} instead
`,
  options: {
    url: { type: 'string' },
    'admin-token': { type: 'string' },
    open: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args, ctx) {
    // `kisfo serve` prints the admin URL with its path (…/kisfo/admin): take it as given.
    const base = (strFlag(args, 'url') ?? ctx.env.KISFO_URL ?? 'http://127.0.0.1:9444')
      .replace(/\/+$/, '')
      .replace(/\/kisfo\/(admin|dashboard)(\/.*)?$/, '');
    const token = strFlag(args, 'admin-token') ?? ctx.env.KISFO_ADMIN_TOKEN;
    if (token === undefined || token === '') {
      throw new ConfigError(
        'no admin token for the dashboard',
        'pass --admin-token with the token `kisfo serve` printed (or set KISFO_ADMIN_TOKEN)',
      );
    }
    let res: Response;
    try {
      res = await fetch(`${base}/kisfo/dashboard/api/links`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        signal: ctx.signal,
      });
    } catch {
      return await fail(
        ctx,
        EXIT.connection,
        `no kisfo server at ${base}`,
        'start one with `kisfo serve`, or pass --url with the admin URL it printed',
      );
    }
    if (res.status === 401) {
      return await fail(
        ctx,
        EXIT.auth,
        `the server at ${base} refused the admin token`,
        'pass the one `kisfo serve` printed (--admin-token or KISFO_ADMIN_TOKEN)',
      );
    }
    if (res.status !== 201) {
      return await fail(
        ctx,
        EXIT.api,
        `${base} answered HTTP ${res.status}: not the admin listener of a kisfo server`,
        'pass --url with the admin URL `kisfo serve` printed',
      );
    }
    const url = `${base}${((await res.json()) as { path: string }).path}`;
    ctx.stdout.write(boolFlag(args, 'json') ? `${JSON.stringify({ url })}\n` : `${url}\n`);
    if (boolFlag(args, 'open')) {
      const [cmd, pre] = opener();
      const child = spawn(cmd, [...pre, url], { detached: true, stdio: 'ignore' });
      child.on('error', () => ctx.stderr.write(`could not run ${cmd}; open the link by hand\n`));
      child.unref();
    }
    return 0;
  },
};
