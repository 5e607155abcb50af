import { dashboardAssetsDir } from '@kisfo/dashboard';
import { PostgresError, redactDatabaseUrl, startServer } from '@kisfo/server';
import { UsageError } from '../cli-errors.js';
import { type Command, intFlag, strFlag } from '../command.js';
import { parseDateText } from '../date-flag.js';
import { DB_HELP, LedgerUnavailableError, ledgerDb, shownDb } from '../ledger-db.js';
import { withLedgerFile } from '../ledger-file.js';
import { readTlsFiles } from '../tls-files.js';
import { serveBanner } from './serve-banner.js';
import { serveReplay } from './serve-replay.js';

/** `--business-date`: `today` or a date (YYYYMMDD / YYYY-MM-DD). */
function businessDateFlag(value: string | undefined): string | undefined {
  if (value === undefined || value === 'today') return value;
  return parseDateText(value, '--business-date');
}

/** startServer, with a ledger that cannot be opened reported as such (password masked). */
async function startServerOrExplain(
  db: string | undefined,
  options: Parameters<typeof startServer>[0],
): ReturnType<typeof startServer> {
  try {
    return await withLedgerFile(db, () => startServer(options));
  } catch (e) {
    // Say which flag set the port that could not be listened on.
    const err = e as { code?: string; port?: number; flag?: string };
    if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
      err.flag =
        err.port === options?.paperPort && err.port !== options?.port ? '--paper-port' : '--port';
    }
    if (db === undefined || !(e instanceof PostgresError)) throw e;
    throw new LedgerUnavailableError(
      `${redactDatabaseUrl(e.message).replaceAll(db, shownDb(db))} — check that PostgreSQL is running at that address and the user may connect`,
    );
  }
}

/** `kisfo serve`: the KIS-compatible server, real and paper hosts, until SIGINT/SIGTERM. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the KIS-compatible server (real and paper hosts) from a ledger',
  help: `Usage: kisfo serve [flags]

Starts a real-environment host and a paper-environment host that answer KIS requests from a
ledger: SQLite (one instance) or PostgreSQL (any number of instances on one database share
tokens, rate limits and continuation keys; see docs/shared-deployment.md), and an admin listener
(the ledger admin API and the dashboard) on loopback. With no --scenario an empty ledger gets the
built-in demo scenario. Stops on Ctrl-C.

The demo and generated scenarios are written relative to a business date: the server moves them
to today's KRX business day in Korea time (weekends and KRX holidays skipped), so a bot asking
for today's date gets an answer. A scenario with a fixed business date keeps it; an existing
--db ledger keeps its own (move it with \`kisfo ledger advance\`).

Flags:
  --scenario FILE     scenario to import (JSON or YAML); default: the built-in demo
${DB_HELP}
                      Without either the ledger is in memory.
  --port N            real host port (default 9443; 0 picks a free one)
  --paper-port N      paper host port (default 29443)
  --host ADDR         interface of the two KIS hosts (default 127.0.0.1; others get a warning)
  --business-date D   business date of a relative scenario: today (default), YYYYMMDD or
                      YYYY-MM-DD
  --tls-cert FILE     serve HTTPS with this certificate …
  --tls-key FILE      … and this key
  --admin-token T     bearer token of the admin API (default: random, printed)
  --admin-host ADDR   interface of the admin listener (default 127.0.0.1; never the KIS hosts)
  --admin-port N      port of the admin listener (default 9444; a free one when --port is 0)
  --rate-limit N      calls per second per real app key (default 20)
  --paper-rate-limit N  calls per second per paper app key (default 2)

Replay (answer from a cassette of \`kisfo record\` instead of a ledger; one host):
  --replay FILE       serve the recorded answers byte for byte (tokens are made fresh)
  --replay-mode M     lockdown (default): an unrecorded request is a KIS error naming it;
                      passthrough: forward it to --target and record it into FILE
  --target URL        the host passthrough forwards to
  --mask-accounts     passthrough recordings: mask account numbers

Environment:
  KISFO_DATABASE_URL  the ledger when --db is not given (keeps the password out of ps output)
  KISFO_TOKEN_SECRET  token signing secret (at least 32 characters); tokens then stay valid
                      across restarts. Without it each start signs with a new random secret.
`,
  options: {
    scenario: { type: 'string' },
    db: { type: 'string' },
    port: { type: 'string' },
    'paper-port': { type: 'string' },
    host: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'admin-token': { type: 'string' },
    'admin-host': { type: 'string' },
    'admin-port': { type: 'string' },
    'business-date': { type: 'string' },
    'rate-limit': { type: 'string' },
    'paper-rate-limit': { type: 'string' },
    replay: { type: 'string' },
    'replay-mode': { type: 'string' },
    target: { type: 'string' },
    'mask-accounts': { type: 'boolean' },
  },
  async run(args, ctx) {
    const replay = strFlag(args, 'replay');
    if (replay !== undefined) return serveReplay(replay, args, ctx);
    const cert = strFlag(args, 'tls-cert');
    const key = strFlag(args, 'tls-key');
    if ((cert === undefined) !== (key === undefined)) {
      throw new UsageError('--tls-cert and --tls-key go together');
    }
    const port = intFlag(args, 'port', 9443, { min: 0, max: 65535 });
    const paperPort = intFlag(args, 'paper-port', port === 0 ? 0 : 29443, { min: 0, max: 65535 });
    const scenario = strFlag(args, 'scenario');
    const db = ledgerDb(strFlag(args, 'db'), ctx.env);
    const host = strFlag(args, 'host');
    const adminToken = strFlag(args, 'admin-token');
    const adminHost = strFlag(args, 'admin-host');
    const adminPort = intFlag(args, 'admin-port', port === 0 ? 0 : 9444, { min: 0, max: 65535 });
    const businessDate = businessDateFlag(strFlag(args, 'business-date'));
    const tokenSecret = ctx.env.KISFO_TOKEN_SECRET;
    if (tokenSecret !== undefined && tokenSecret.length < 32) {
      throw new UsageError('KISFO_TOKEN_SECRET must be at least 32 characters');
    }
    const dashboardAssets = dashboardAssetsDir();
    const server = await startServerOrExplain(db, {
      ...(db === undefined ? {} : { db }),
      port,
      ...(dashboardAssets === undefined ? {} : { dashboardAssets }),
      paperPort,
      ...(scenario === undefined ? {} : { scenario }),
      ...(host === undefined ? {} : { host }),
      ...(adminToken === undefined ? {} : { adminToken }),
      ...(adminHost === undefined ? {} : { adminHost }),
      adminPort,
      ...(businessDate === undefined ? {} : { businessDate }),
      ...(tokenSecret === undefined ? {} : { tokenSecret }),
      ...(cert === undefined || key === undefined ? {} : { tls: readTlsFiles(cert, key) }),
      rateLimits: {
        real: intFlag(args, 'rate-limit', 20, { min: 1 }),
        paper: intFlag(args, 'paper-rate-limit', 2, { min: 1 }),
      },
    });
    ctx.stdout.write(
      serveBanner(server, {
        demo: scenario === undefined,
        ledger: db === undefined ? 'in memory' : shownDb(db),
      }),
    );
    for (const w of server.warnings) ctx.stderr.write(`${ctx.err.yellow('warning:')} ${w}\n`);
    ctx.stdout.write('Ctrl-C to stop.\n');
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      ctx.signal.addEventListener('abort', stop, { once: true });
    });
    await server.close();
    ctx.stdout.write('stopped\n');
    return 0;
  },
};
