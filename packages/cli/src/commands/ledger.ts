import { writeFileSync } from 'node:fs';
import { exportScenario, importScenario, loadScenarioFile } from '@kisfo/server';
import { stringify } from 'yaml';
import { boolFlag, type Command, strFlag } from '../command.js';
import { DB_HELP, openCommandLedger, readLedger, requireLedgerDb, shownDb } from '../ledger-db.js';
import { renderJson } from '../output/formats.js';

/** Write a document as JSON or YAML to a file or stdout. */
export function writeDocument(
  doc: unknown,
  out: string | undefined,
  yaml: boolean,
  stdout: { write(s: string): unknown },
): void {
  const text = yaml ? stringify(doc) : renderJson(doc);
  if (out === undefined) stdout.write(text);
  else writeFileSync(out, text, { mode: 0o600 });
}

/** `kisfo ledger import`: load a scenario into a SQLite ledger, all or nothing. */
export const ledgerImportCommand: Command = {
  name: 'ledger import',
  summary: 'import a scenario (JSON/YAML) into a ledger (SQLite or PostgreSQL), all or nothing',
  help: `Usage: kisfo ledger import FILE --db LEDGER

Validates the scenario (every error is listed with its path, e.g. fills[3].price) and replaces
the ledger's content with it in one transaction: on any error nothing changes. On PostgreSQL the
servers on the database keep answering from the previous ledger until the import commits.

Flags:
${DB_HELP}
              a SQLite file is created (mode 0600) when missing
`,
  options: { db: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(args, ctx) {
    const db = requireLedgerDb(strFlag(args, 'db'), ctx.env);
    const scenario = await loadScenarioFile(args.positionals[0]!);
    const store = openCommandLedger(db);
    try {
      const summary = importScenario(store, scenario);
      ctx.stdout.write(
        `imported into ${shownDb(db)}: ${summary.accounts} accounts, ${summary.apps} apps, ${summary.positions} positions, ${summary.fills} fills, ${summary.orders} orders, ${summary.prices} prices\n`,
      );
    } finally {
      store.close();
    }
    return 0;
  },
};

/** `kisfo ledger export`: the ledger back as a scenario document. */
export const ledgerExportCommand: Command = {
  name: 'ledger export',
  summary: 'export a ledger (SQLite or PostgreSQL) as a scenario document (JSON or --yaml)',
  help: `Usage: kisfo ledger export --db LEDGER [--out FILE] [--yaml]

Writes the whole ledger as a scenario document that \`kisfo ledger import\` reads back. The
document holds the apps' secrets (it is the ledger): the file is created with mode 0600.

Flags:
${DB_HELP}
  --out FILE          write here instead of standard output
  --yaml              YAML instead of JSON
`,
  options: { db: { type: 'string' }, out: { type: 'string' }, yaml: { type: 'boolean' } },
  async run(args, ctx) {
    const db = requireLedgerDb(strFlag(args, 'db'), ctx.env);
    const doc = await readLedger(db, exportScenario);
    writeDocument(doc, strFlag(args, 'out'), boolFlag(args, 'yaml'), ctx.stdout);
    return 0;
  },
};
