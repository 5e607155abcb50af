import {
  type Decimal,
  domesticBalanceSummaryFields,
  type FieldSpec,
  type MarginDetailCurrency,
  overseasMarginDetailFields,
} from '@kisfo/protocol';
import { KrxInputError, OverseasInputError, type OverseasPositionInput } from '@kisfo/risk';
import {
  DEMO_SCENARIO,
  importScenario,
  type LedgerStore,
  loadScenarioFile,
  openLedger,
} from '@kisfo/server';
import { InputErrorInContext, LedgerNotFoundError, UsageError } from '../cli-errors.js';
import { boolFlag, type Command, outputFormat, strFlag } from '../command.js';
import { ledgerDb, openCommandLedger } from '../ledger-db.js';
import { existingLedger, withLedgerFile } from '../ledger-file.js';
import { type Column, groupDigits, renderCsv, renderJson, renderTable } from '../output/formats.js';
import { type DomesticAdd, type WhatIfRow, whatIfFigures } from '../what-if-figures.js';
import { currencyFlag } from './margin.js';

export { netDomesticPosition } from '../what-if-figures.js';

/** `PDNO:long|short:QTY[@PRICE]`, e.g. `101S12:short:2` or `201S12350:long:5@2.15`. */
export function parseDomesticAdd(spec: string): DomesticAdd {
  const m = /^([0-9A-Z]+):(long|short|buy|sell):(\d+)(?:@(\d+(?:\.\d+)?))?$/i.exec(spec);
  if (m === null) {
    throw new UsageError(
      `--add "${spec}": expected PDNO:long|short:QTY[@PRICE], e.g. 101S12:long:2`,
    );
  }
  const side = /^(long|buy)$/i.test(m[2]!) ? 'long' : 'short';
  const qty = Number(m[3]);
  if (qty === 0) throw new UsageError(`--add "${spec}": quantity must be positive`);
  return { pdno: m[1]!.toUpperCase(), side, qty, ...(m[4] === undefined ? {} : { price: m[4] }) };
}

/** `EXCH:CLASS:YYYYMM[:C|P:STRIKE]:±QTY`, e.g. `CME:ES:202506:+2` or `CME:ES:202506:C:5400:-1`. */
export function parseOverseasAdd(spec: string): OverseasPositionInput {
  const m = /^([A-Z0-9]+):([A-Z0-9]+):(\d{6})(?::([CP]):(\d+(?:\.\d+)?))?:([+-]?\d+)$/i.exec(spec);
  if (m === null) {
    throw new UsageError(
      `--add "${spec}": expected EXCH:CLASS:YYYYMM[:C|P:STRIKE]:±QTY, e.g. CME:ES:202506:+2`,
    );
  }
  const quantity = Number(m[6]);
  if (quantity === 0) throw new UsageError(`--add "${spec}": quantity must not be 0`);
  return {
    exchange: m[1]!.toUpperCase(),
    classCode: m[2]!.toUpperCase(),
    contractMonth: m[3]!,
    ...(m[4] === undefined
      ? {}
      : { kind: m[4].toUpperCase() === 'C' ? 'call' : 'put', strike: m[5]! }),
    quantity,
  };
}

const FIELD_SPECS = new Map<string, FieldSpec>(
  [...domesticBalanceSummaryFields, ...overseasMarginDetailFields].map((f) => [f.name, f]),
);

/** A figure's label: the KIS Korean name, or the English description's first part. */
function figureLabel(field: string, korean: boolean): string {
  const f = FIELD_SPECS.get(field);
  if (f === undefined) return field;
  return korean ? f.ko : f.en.split(/[:(]/)[0]!.trim();
}

/**
 * Run the figures; what the engines or the ledger refuse is the user's input, reported with the
 * exit codes of the other commands (not found 8, invalid 7).
 */
function withAdds<T>(adds: readonly string[], compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    // What the engines refuse (exit 7 by the input-error table), told with the positions added.
    if (e instanceof KrxInputError || e instanceof OverseasInputError) {
      throw new InputErrorInContext(
        e,
        `the engines refuse the book with ${adds.join(', ')}: ${e.message}`,
        e instanceof OverseasInputError
          ? "use a product the ledger has risk parameters for (like the account's own positions)"
          : "add a position that does not conflict with the account's fills of today (`kisfo balance` lists them)",
      );
    }
    const noPrice = e instanceof UsageError ? /^no price for (\S+)/.exec(e.message) : null;
    if (noPrice !== null) {
      throw new LedgerNotFoundError(
        `--add ${adds.join(', ')}: ${(e as Error).message}`,
        `add a product the ledger prices on its business date (\`kisfo balance\` lists the account's own)`,
      );
    }
    throw e;
  }
}

/** The ledger a what-if reads: a SQLite file read-only, or a scenario (default the demo) in memory. */
export async function openWhatIfStore(
  scenario: string | undefined,
  db: string | undefined,
): Promise<LedgerStore> {
  if (db !== undefined) {
    existingLedger(db);
    return withLedgerFile(db, () => openCommandLedger(db, { readonly: true }));
  }
  const store = openLedger();
  importScenario(store, scenario === undefined ? DEMO_SCENARIO : await loadScenarioFile(scenario));
  return store;
}

/** `kisfo margin what-if`: an account's margin with hypothetical positions added. */
export const whatIfCommand: Command = {
  name: 'margin what-if',
  summary: 'margin of an account plus hypothetical positions, from the engines (no server)',
  help: `Usage: kisfo margin what-if --account ID --add SPEC [--add SPEC …] [flags]

"What would my margin be if I add this?" Reads the account from a scenario or ledger, adds the
positions, and runs the same engines the server uses. Nothing is written.

Positions (--add, repeatable):
  domestic  PDNO:long|short:QTY[@PRICE]          e.g. 101W06:short:2 (at today's price)
  overseas  EXCH:CLASS:YYYYMM[:C|P:STRIKE]:±QTY  e.g. CME:ES:202506:+2, CME:ES:202506:C:5400:-1

Flags:
  --account ID              account (default 80012345-03, the demo's domestic account)
  --scenario FILE           scenario to read (default: the built-in demo)
  --db FILE|URL             read a ledger instead (SQLite file or postgres:// URL)
  --basis initial|maintenance   domestic margin basis (default initial)
  --currency TKR|TUS|USD|…  overseas currency view (default TKR)
  --json | --csv            machine-readable output
  --ko                      Korean labels

Examples (each runs on the built-in demo ledger):
  kisfo margin what-if --add 101W06:short:2
  kisfo margin what-if --add 201W06345:short:5@11.35 --basis maintenance
  kisfo margin what-if --add 101W09:long:1 --add 301W06335:short:10 --ko
  kisfo margin what-if --account 12345678-08 --add CME:ES:202506:+2
  kisfo margin what-if --account 12345678-08 --add CME:ES:202506:C:5400:-5 --currency USD
  kisfo margin what-if --account 12345678-08 --add EUREX:FESX:202506:-2 --csv
`,
  options: {
    account: { type: 'string' },
    add: { type: 'string', multiple: true },
    scenario: { type: 'string' },
    db: { type: 'string' },
    basis: { type: 'string' },
    currency: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'boolean' },
    ko: { type: 'boolean' },
  },
  async run(args, ctx) {
    const format = outputFormat(args);
    const adds = (args.values.add as string[] | undefined) ?? [];
    if (adds.length === 0) throw new UsageError('give at least one --add SPEC');
    const basis = strFlag(args, 'basis') ?? 'initial';
    if (basis !== 'initial' && basis !== 'maintenance') {
      throw new UsageError(`--basis must be initial or maintenance, got "${basis}"`);
    }
    const currency: MarginDetailCurrency = currencyFlag(strFlag(args, 'currency'));
    const id = strFlag(args, 'account') ?? '80012345-03';
    const scenario = strFlag(args, 'scenario');
    const db =
      scenario === undefined ? ledgerDb(strFlag(args, 'db'), ctx.env) : strFlag(args, 'db');
    const store = await openWhatIfStore(scenario, db);
    let rows: WhatIfRow[] = [];
    // SQLite reads happen here too: a file that is not a ledger is reported by name.
    await withLedgerFile(db, () => {
      try {
        const parsed = {
          domestic: { add: [] as DomesticAdd[], remove: [] },
          overseas: { add: [] as OverseasPositionInput[], remove: [] },
        };
        // The account's kind decides how the specs read (an unknown account fails below).
        const kind = store.getAccount(id)?.kind;
        if (kind === undefined) {
          const known = store.listAccounts().map((a) => a.id);
          throw new LedgerNotFoundError(
            `no account ${id} in the ledger (accounts: ${known.join(', ')})`,
            `pass one of them as --account, e.g. --account ${known[0] ?? 'NNNNNNNN-NN'}`,
          );
        }
        if (kind === 'overseas') parsed.overseas.add = adds.map(parseOverseasAdd);
        else if (kind === 'domestic') parsed.domestic.add = adds.map(parseDomesticAdd);
        rows = withAdds(adds, () => whatIfFigures(store, id, parsed, { basis, currency }).rows);
      } finally {
        store.close();
      }
    });
    const table = rows;
    const korean = boolFlag(args, 'ko');
    if (format === 'json') {
      ctx.stdout.write(renderJson({ account: id, added: adds, figures: table }));
      return 0;
    }
    const grouped = format !== 'csv';
    const num = (d: Decimal) => (grouped ? groupDigits(d.toString()) : d.toString());
    const columns: Column<WhatIfRow>[] = [
      { header: korean ? '필드' : 'field', get: (r) => r.field },
      { header: korean ? '항목' : 'label', get: (r) => figureLabel(r.field, korean) },
      { header: korean ? '현재' : 'before', right: true, get: (r) => num(r.before) },
      { header: korean ? '추가 후' : 'after', right: true, get: (r) => num(r.after) },
      {
        header: korean ? '증감' : 'change',
        right: true,
        get: (r) => (r.change.isPositive() ? '+' : '') + num(r.change),
      },
    ];
    if (format === 'csv') ctx.stdout.write(renderCsv(table, columns));
    else {
      const title = korean
        ? `${id}에 ${adds.join(', ')} 추가 시 증거금`
        : `What if ${id} adds ${adds.join(', ')}`;
      ctx.stdout.write(`${ctx.out.bold(title)}\n`);
      ctx.stdout.write(renderTable(table, columns));
    }
    return 0;
  },
};
