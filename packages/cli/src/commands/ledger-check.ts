import { checkLedger } from '@kisfo/server';
import { boolFlag, type Command, strFlag } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { DB_HELP, readLedger, requireLedgerDb, shownDb } from '../ledger-db.js';
import { renderJson } from '../output/formats.js';

/** `kisfo ledger check`: every account that would not answer its inquiry now, and why. */
export const ledgerCheckCommand: Command = {
  name: 'ledger check',
  summary: 'name every account of a ledger whose inquiry would not answer now (EGW00002), and why',
  help: `Usage: kisfo ledger check --db LEDGER [--json]

Checks every account of a ledger as the admin API checks the accounts a write touches: a domestic
balance must compute and every figure fit its KIS wire field; an overseas margin detail likewise,
in every currency view. Writes through the admin API and \`kisfo ledger advance\` cannot leave an
account failing; a ledger written before those checks, or imported, can, and every inquiry of
such an account answers EGW00002. Reads only. Exit 0 when every account answers, 12 when one
does not (each is listed with the field, price or rate at fault).

Flags:
${DB_HELP}
  --json              print { businessDate, accounts, unanswerable: [{ account, kind, problem }] }
`,
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, ctx) {
    const db = requireLedgerDb(strFlag(args, 'db'), ctx.env);
    const check = await readLedger(db, checkLedger);
    const failing = check.unanswerable.length;
    if (boolFlag(args, 'json')) ctx.stdout.write(renderJson(check));
    else {
      ctx.stdout.write(
        `${shownDb(db)}: business date ${check.businessDate}; ${check.accounts} accounts, ${
          failing === 0 ? 'every one answers' : `${failing} would not answer`
        }\n`,
      );
      for (const u of check.unanswerable) {
        ctx.stdout.write(`  ${u.account} (${u.kind}): ${u.problem}\n`);
      }
    }
    if (failing === 0) return EXIT.ok;
    ctx.stderr.write(
      'next: correct the data named above through the admin API (or import a corrected scenario), then run `kisfo ledger check` again\n',
    );
    return EXIT['check-failed'];
  },
};
