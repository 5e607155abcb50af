import { existsSync } from 'node:fs';
import { KisfoInputError } from '@kisfo/protocol';
import { advanceBusinessDay, isPostgresUrl, openLedger } from '@kisfo/server';
import { InputErrorInContext, UsageError } from '../cli-errors.js';
import { type Command, strFlag } from '../command.js';
import { dateFlag } from '../date-flag.js';
import { count } from '../input-error-report.js';
import { shownDb } from '../ledger-db.js';
import { withLedgerFile } from '../ledger-file.js';
import { renderJson } from '../output/formats.js';

/** `kisfo ledger advance`: close the ledger's business day and open the next. */
export const ledgerAdvanceCommand: Command = {
  name: 'ledger advance',
  summary: "close the ledger's business day and open the next KRX business day (or --to DATE)",
  help: `Usage: kisfo ledger advance --db LEDGER [--to DATE] [--json]

Closes the business day of a SQLite ledger and opens the next one, in one transaction: KRX daily
settlement of the domestic accounts (variation, premium, final settlement − fees move the cash),
positions carried, day orders expired, prices and FX copied forward as opening marks. The next
day is the next KRX business day (weekends and KRX holidays skipped) unless --to names one.
Every account must still answer its inquiry on the new date: a price or FX rate written ahead
for it that would leave one unanswerable refuses the whole advance (exit 13, each problem named).

A running \`kisfo serve\` moves its own ledger through its admin API instead:
  curl -X POST -H "Authorization: Bearer TOKEN" -H "Content-Type: application/json" \\
    -d '{"nextDate":"YYYYMMDD"}' ADMIN_URL/kisfo/admin/business-day/advance
(ADMIN_URL and TOKEN are printed by \`kisfo serve\`; the body may be {} for the next business day.)

Flags:
  --db FILE     the SQLite ledger
  --to DATE     the new business date, YYYYMMDD or YYYY-MM-DD (after the current one, a
                KRX business day)
  --json        print the result as JSON
`,
  options: { db: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, ctx) {
    const db = strFlag(args, 'db');
    if (db === undefined) throw new UsageError('--db FILE is required');
    const to = dateFlag(args, 'to');
    if (isPostgresUrl(db)) {
      // Never the URL as typed: it may carry the password.
      throw new UsageError(
        `ledger advance moves a SQLite ledger file; ${shownDb(db)} is a PostgreSQL ledger`,
        'ledger advance',
        {
          next: 'move it through the admin API of a `kisfo serve --db` on that database (POST /kisfo/admin/business-day/advance; `kisfo ledger advance --help` shows the request)',
        },
      );
    }
    if (!existsSync(db)) {
      throw new UsageError(
        `${db} does not exist: create it with \`kisfo ledger import FILE --db ${db}\``,
      );
    }
    await withLedgerFile(db, () => {
      const store = openLedger({ path: db });
      try {
        const r = advanceDay(store, to);
        if (args.values.json === true) ctx.stdout.write(renderJson(r));
        else {
          ctx.stdout.write(
            `${db}: business date ${r.from} → ${r.to}; ${r.accounts.length} accounts settled, ${r.expiredOrders} orders expired\n`,
          );
        }
      } finally {
        store.close();
      }
    });
    return 0;
  },
};

/**
 * {@link advanceBusinessDay}, its refusals in the command's words: a `--to` not after the business
 * date is the flag's bad value; accounts the new date would leave unanswerable are listed.
 */
function advanceDay(store: Parameters<typeof advanceBusinessDay>[0], to: string | undefined) {
  try {
    return advanceBusinessDay(store, to);
  } catch (e) {
    if (!(e instanceof KisfoInputError)) throw e;
    const issue = e.issues[0];
    if (
      to !== undefined &&
      e.issues.length === 1 &&
      /^expected a date/.test(issue?.message ?? '')
    ) {
      throw new UsageError(`--to ${to}: ${issue!.message}`, 'ledger advance', {
        next: 'pass a later --to, or leave it out for the next KRX business day',
      });
    }
    throw new InputErrorInContext(
      e,
      `the ledger cannot advance: ${count(e.issues.length, 'problem', 'problems')}; nothing was written`,
      'fix what the lines above name (a date past the KRX calendar needs --to YYYYMMDD), then run it again',
    );
  }
}
