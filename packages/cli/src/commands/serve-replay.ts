import { KisfoInputError } from '@kisfo/protocol';
import { type ReplayMode, startReplayServer } from '@kisfo/server';
import { InputErrorInContext, UsageError } from '../cli-errors.js';
import { boolFlag, type CommandContext, intFlag, type ParsedArgs, strFlag } from '../command.js';
import { waitForStop } from './wait-for-stop.js';

/** `kisfo serve --replay FILE`: answer from a cassette instead of a ledger. */
export async function serveReplay(
  cassette: string,
  args: ParsedArgs,
  ctx: CommandContext,
): Promise<number> {
  const mode = (strFlag(args, 'replay-mode') ?? 'lockdown') as ReplayMode;
  if (mode !== 'lockdown' && mode !== 'passthrough')
    throw new UsageError(`--replay-mode must be lockdown or passthrough, got "${mode}"`, 'serve');
  const target = strFlag(args, 'target');
  if (mode === 'passthrough' && target === undefined)
    throw new UsageError('--replay-mode passthrough needs --target URL', 'serve');
  for (const f of ['scenario', 'db', 'tls-cert', 'tls-key'] as const) {
    if (strFlag(args, f) !== undefined)
      throw new UsageError(`--${f} does not go with --replay (a cassette answers)`, 'serve');
  }
  let replay: Awaited<ReturnType<typeof startReplayServer>>;
  try {
    replay = await startReplayServer({
      cassette,
      mode,
      ...(target === undefined ? {} : { target }),
      maskAccounts: boolFlag(args, 'mask-accounts'),
      port: intFlag(args, 'port', 9443, { min: 0, max: 65535 }),
      host: strFlag(args, 'host') ?? '127.0.0.1',
      onRequest: (e) => {
        if (e.outcome === 'miss') ctx.stderr.write(`not recorded: ${e.key}\n`);
      },
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') throw new UsageError(`cassette ${cassette} not found`, 'serve');
    if (e instanceof KisfoInputError) throw new InputErrorInContext(e, `${cassette}: ${e.message}`);
    throw e;
  }
  ctx.stdout.write(`kisfo server (replay, ${mode})
  real  ${replay.url}
  paper ${replay.url}  (one cassette answers as the host it was recorded from)
  cassette ${cassette}: ${replay.index.size} recorded request(s)
Ctrl-C to stop.
`);
  await waitForStop(ctx.signal);
  await replay.close();
  ctx.stdout.write(
    `stopped${replay.misses.length > 0 ? `: ${replay.misses.length} request(s) not recorded` : ''}\n`,
  );
  return 0;
}
