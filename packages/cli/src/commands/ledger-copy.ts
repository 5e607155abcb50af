import { exportScenario, importScenario } from '@kisfo/server';
import { UsageError } from '../cli-errors.js';
import { type Command, strFlag } from '../command.js';
import { openCommandLedger, readLedger, shownDb } from '../ledger-db.js';
import { withLedgerFile } from '../ledger-file.js';

/**
 * `kisfo ledger copy`: move a ledger between backends (SQLite file ⇄ PostgreSQL, or between two
 * databases), all or nothing, then check the copy exports the same document as the source.
 *
 * @example
 * ```sh
 * kisfo ledger copy --from ledger.db --to postgres://kisfo@db.internal:5432/kisfo
 * ```
 */
export const ledgerCopyCommand: Command = {
  name: 'ledger copy',
  summary: 'copy a whole ledger between SQLite and PostgreSQL (all or nothing, verified)',
  help: `Usage: kisfo ledger copy --from LEDGER --to LEDGER

Reads the whole source ledger and replaces the destination's content with it in one transaction
(on any error the destination is unchanged), then exports both and compares them. Each LEDGER is
a SQLite file or a postgres://USER:PASSWORD@HOST:PORT/DB URL; passwords are never printed.
Servers on a PostgreSQL destination keep answering from its previous content until the copy
commits, then all of them answer from the new one.

Flags:
  --from LEDGER   the source (SQLite file or PostgreSQL URL), read only
  --to LEDGER     the destination (a SQLite file is created when missing)

Example:
  kisfo ledger copy --from ledger.db --to postgres://kisfo@db.internal:5432/kisfo
`,
  options: { from: { type: 'string' }, to: { type: 'string' } },
  async run(args, ctx) {
    const from = strFlag(args, 'from');
    const to = strFlag(args, 'to');
    if (from === undefined || to === undefined) {
      throw new UsageError('give both --from LEDGER and --to LEDGER');
    }
    if (from === to) throw new UsageError('--from and --to name the same ledger');
    const doc = await readLedger(from, exportScenario);
    await withLedgerFile(to, () => {
      const target = openCommandLedger(to);
      try {
        const summary = importScenario(target, doc);
        if (JSON.stringify(exportScenario(target)) !== JSON.stringify(doc)) {
          throw new Error(`the copy in ${shownDb(to)} does not read back as the source`);
        }
        ctx.stdout.write(
          `copied ${shownDb(from)} → ${shownDb(to)}: ${summary.accounts} accounts, ${summary.apps} apps, ${summary.positions} positions, ${summary.fills} fills, ${summary.orders} orders, ${summary.prices} prices (verified)\n`,
        );
      } finally {
        target.close();
      }
    });
    return 0;
  },
};
