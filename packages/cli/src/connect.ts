import { KisClient, type KisLogger } from '@kisfo/client';
import type { CommandContext, ParsedArgs } from './command.js';
import { type ConnectionConfig, resolveConnection } from './config.js';
import { formatDuration } from './duration.js';
import { hostWatch } from './output/host-watch.js';

let lastHost: string | undefined;

/** The base URL of the last client {@link connect} made (for error messages). */
export function connectedHost(): string | undefined {
  return lastHost;
}

/** A {@link KisClient} for resolved connection settings (they carry the SDK's option names). */
export function clientFor(
  config: ConnectionConfig,
  extra: Pick<ConstructorParameters<typeof KisClient>[0], 'logger' | 'fetch'> = {},
): KisClient {
  const { sources: _sources, warnings: _warnings, ...options } = config;
  return new KisClient({ ...options, ...extra });
}

/** Print the settings' warnings on stderr, each with its next step. */
export function printWarnings(
  config: Pick<ConnectionConfig, 'warnings'>,
  ctx: CommandContext,
): void {
  for (const w of config.warnings) {
    ctx.stderr.write(
      `${ctx.err.yellow('warning:')} ${w.message}\n${ctx.err.bold('next:')} ${w.next}\n`,
    );
  }
}

/**
 * Resolve the connection settings of a command's flags and make the client. On a terminal the
 * user sees a waiting notice while the host is slow and a line for each retry, instead of
 * silence until the last attempt times out.
 *
 * @example
 * ```ts
 * const { client } = connect(args, ctx);
 * await client.domesticFutureOption.inquireBalance();
 * ```
 */
export function connect(
  args: ParsedArgs,
  ctx: CommandContext,
): { client: KisClient; config: ConnectionConfig } {
  const config = resolveConnection(args.values, ctx.env);
  printWarnings(config, ctx);
  lastHost = config.baseURL;
  if (ctx.stderr.isTTY !== true) return { config, client: clientFor(config) };
  const watch = hostWatch(ctx.stderr, ctx.err, config.baseURL ?? '');
  const timeout = formatDuration(config.timeout ?? 15_000);
  const logger: KisLogger = {
    warn(message, data) {
      const retry = data?.retry;
      const why = message.replace(/^.*retrying after /, '');
      if (typeof retry !== 'number') return;
      const reason =
        why === 'timeout'
          ? `no answer within ${timeout}`
          : why === 'connection'
            ? 'connection failed'
            : why;
      watch.notice(`${reason}; retry ${retry} (Ctrl-C to stop, --timeout to change the wait)`);
    },
  };
  return { config, client: clientFor(config, { logger, fetch: watch.fetch }) };
}
