import { koreaDate } from '@kisfo/protocol';
import { UsageError } from '../cli-errors.js';
import {
  boolFlag,
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  type Command,
  intFlag,
  strFlag,
} from '../command.js';
import { resolveConnection, selectedProfile } from '../config.js';
import { clientFor } from '../connect.js';
import { ledgerDb, shownDb } from '../ledger-db.js';
import { withLedgerFile } from '../ledger-file.js';
import { accountPolicy } from '../mcp/accounts.js';
import { openWhatIfStore } from './what-if.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `kisfo mcp`: the read-only Model Context Protocol server. */
export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'read-only MCP tool server (stdio, or streamable HTTP on loopback) for AI assistants',
  help: `Usage: kisfo mcp [flags]

A Model Context Protocol server an AI assistant can use to read the account: balances, the
overseas margin detail, margin what-if from the engines, field explanations and balance checks.
Every tool is read-only: nothing places orders and nothing downloaded is run. Configured exactly
like \`kisfo balance\` (flags, then KIS_* environment, then the profile), against KIS or any base
URL such as \`kisfo serve\`. Speaks stdio by default (the client starts \`kisfo mcp\`); see
docs/mcp.md for client configuration and what each tool returns.

Tools: domestic_balance, domestic_deposit, overseas_margin_detail, margin_what_if, explain_field,
check_balance.

Flags:
  --accounts A,B            further accounts a caller may choose (KIS_ACCOUNTS, or the profile's
                            "accounts" list); otherwise only the configured account is read
  --scenario FILE           ledger scenario margin_what_if runs on (default: the built-in demo)
  --db FILE|URL             ledger margin_what_if runs on (read-only), e.g. kisfo serve's: a SQLite
                            file or a postgres:// URL (default KISFO_DATABASE_URL; password masked)
  --http                    streamable HTTP at http://HOST:PORT/mcp instead of stdio
  --port N                  HTTP port (default 8765; 0 picks a free one)
  --host 127.0.0.1|::1|localhost   HTTP interface (loopback only; default 127.0.0.1)
${CONNECTION_HELP}
`,
  options: {
    ...CONNECTION_OPTIONS,
    accounts: { type: 'string' },
    scenario: { type: 'string' },
    db: { type: 'string' },
    http: { type: 'boolean' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
  async run(args, ctx) {
    const http = boolFlag(args, 'http');
    const port = intFlag(args, 'port', 8765, { min: 0, max: 65535 });
    const host = strFlag(args, 'host') ?? '127.0.0.1';
    if (!LOOPBACK.has(host)) {
      throw new UsageError(
        `--host must be a loopback address (127.0.0.1, ::1, localhost), got "${host}"`,
      );
    }
    if (!http && (args.values.port !== undefined || args.values.host !== undefined)) {
      throw new UsageError('--port and --host need --http');
    }
    const config = resolveConnection(args.values, ctx.env);
    const profile = selectedProfile(args.values, ctx.env).profile;
    const policy = accountPolicy(
      config,
      strFlag(args, 'accounts'),
      ctx.env.KIS_ACCOUNTS,
      profile.accounts,
    );
    const scenario = strFlag(args, 'scenario');
    const flagDb = strFlag(args, 'db');
    const db = scenario === undefined ? ledgerDb(flagDb, ctx.env) : flagDb;
    if (scenario !== undefined && db !== undefined) {
      throw new UsageError('choose one of --scenario and --db');
    }
    const openWhatIfLedger = () => openWhatIfStore(scenario, db);
    // Fail now, not on the first what-if, when the ledger cannot be read: SQLite opens any file
    // read-only, so read from it (a file that is not a ledger fails here, by name).
    await withLedgerFile(db, async () => {
      const store = await openWhatIfLedger();
      try {
        store.businessDate();
      } finally {
        store.close();
      }
    });
    const log = (line: string) => ctx.stderr.write(`kisfo mcp: ${line}\n`);
    const deps = {
      client: clientFor(config),
      policy,
      secrets: [config.appSecret, config.appKey, config.personalseckey].filter(
        (s): s is string => s !== undefined,
      ),
      openWhatIfLedger,
      whatIfLedgerName:
        db !== undefined
          ? `ledger ${shownDb(db)}`
          : scenario !== undefined
            ? `scenario ${scenario}`
            : 'built-in demo',
      today: () => koreaDate(Date.now()),
      log,
    };
    log(
      `${config.env} ${config.baseURL ?? 'KIS host'}, accounts ${policy.allowed.join(', ') || 'none configured'}`,
    );
    // The SDK loads only here, so other commands never pay for it.
    const { serveHttp, serveStdio } = await import('../mcp/serve-mcp.js');
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    ctx.signal.addEventListener('abort', onSignal, { once: true });
    try {
      if (http) {
        const served = await serveHttp(deps, { host, port, signal: stop.signal });
        await served.closed;
      } else {
        await serveStdio(deps, stop.signal);
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    log('stopped');
    return 0;
  },
};
