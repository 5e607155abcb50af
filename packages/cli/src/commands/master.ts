import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  type KisMasterFile,
  type KisMasterRow,
  kisMasterFileOf,
  parseKisMaster,
} from '@kisfo/risk';
import { importMasterRows } from '@kisfo/server';
import { UsageError } from '../cli-errors.js';
import { type Command, strFlag } from '../command.js';
import { DB_HELP, openCommandLedger, requireLedgerDb, shownDb } from '../ledger-db.js';

/**
 * `kisfo master import`: load a KIS master file (종목코드 마스터) into a ledger, SQLite or PostgreSQL.
 *
 * @example
 * ```sh
 * kisfo master import fo_idx_code_mts.mst --db postgres://kisfo@127.0.0.1:5432/kisfo
 * ```
 */
export const masterImportCommand: Command = {
  name: 'master import',
  summary:
    'load a KIS master file (fo_*_code*.mst, ffcode.mst) into a ledger (SQLite or PostgreSQL)',
  help: `Usage: kisfo master import FILE --db LEDGER

Reads one of KIS's instrument master files as KIS publishes them (CP949, unzipped):
fo_idx_code_mts.mst, fo_stk_code_mts.mst, fo_com_code.mst, fo_cme_code.mst,
fo_eurex_code.mst (domestic) or ffcode.mst (overseas). Its products then resolve in the
ledger's balances, with KIS's names in prdt_name; multipliers and ticks come from kisfo's
product-rule table. All or nothing: a line that does not fit the layout, or a product no rule
covers, is reported with its line and nothing is written.

Flags:
${DB_HELP}
                      a SQLite file is created when missing
`,
  options: { db: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args, ctx) {
    const db = requireLedgerDb(strFlag(args, 'db'), ctx.env);
    const path = args.positionals[0]!;
    let file: KisMasterFile;
    try {
      file = kisMasterFileOf(path);
    } catch (e) {
      throw new UsageError(`${(e as Error).message}; rename it as KIS ships it`, 'master import');
    }
    try {
      await stat(path);
    } catch {
      throw new UsageError(`cannot read ${path}`, 'master import');
    }
    // A line off the layout (KisMasterParseError) or a product no rule covers (KrxMasterError)
    // exits 13 with its next step, by the input-error table.
    const rows: KisMasterRow[] = [];
    for await (const r of parseKisMaster(file, createReadStream(path))) rows.push(r);
    const store = openCommandLedger(db);
    try {
      const summary = importMasterRows(store, rows);
      ctx.stdout.write(
        `imported ${summary.rows} rows of ${file} into ${shownDb(db)}; ${summary.products} domestic products resolve\n`,
      );
    } finally {
      store.close();
    }
    return 0;
  },
};
