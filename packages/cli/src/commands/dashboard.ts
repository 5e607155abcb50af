import { spawn } from 'node:child_process';
import { ConfigError } from '../cli-errors.js';
import { boolFlag, type Command, strFlag } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** The command that opens a URL in the desktop's browser, per platform. */
function opener(): [string, string[]] {
  if (process.platform === 'darwin') return ['open', []];
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  return ['xdg-open', []];
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
  --url URL           the admin listener's URL that \`kisfo serve\` printed (default $KISFO_URL,
                      else http://127.0.0.1:9444)
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
    const base = (strFlag(args, 'url') ?? ctx.env.KISFO_URL ?? 'http://127.0.0.1:9444').replace(
      /\/+$/,
      '',
    );
    const token = strFlag(args, 'admin-token') ?? ctx.env.KISFO_ADMIN_TOKEN;
    if (token === undefined || token === '') {
      throw new ConfigError(
        'no admin token — pass --admin-token with the token `kisfo serve` printed (or set KISFO_ADMIN_TOKEN)',
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
      ctx.stderr.write(
        `no kisfo server at ${base} — start one with \`kisfo serve\` or pass --url\n`,
      );
      return EXIT.connection;
    }
    if (res.status === 401) {
      ctx.stderr.write(
        `the server at ${base} refused the admin token — pass the one \`kisfo serve\` printed (--admin-token)\n`,
      );
      return EXIT.auth;
    }
    if (res.status !== 201) {
      ctx.stderr.write(
        `${base} answered HTTP ${res.status} — is it a kisfo server with a ledger? Check --url\n`,
      );
      return EXIT.api;
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
