import type { MarginDetailCurrency } from '@kisfo/protocol';
import type { OverseasPositionInput } from '@kisfo/risk';
import {
  DEMO_SCENARIO,
  importScenario,
  type LedgerStore,
  loadScenarioFile,
  openLedger,
} from '@kisfo/server';
import { UsageError } from '../cli-errors.js';
import { type Command, outputFormat, strFlag } from '../command.js';
import { ledgerDb, openCommandLedger } from '../ledger-db.js';
import { groupDigits, renderCsv, renderJson, renderTable } from '../output/formats.js';
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

/** The ledger a what-if reads: a SQLite file read-only, or a scenario (default the demo) in memory. */
export async function openWhatIfStore(
  scenario: string | undefined,
  db: string | undefined,
): Promise<LedgerStore> {
  if (db !== undefined) return openCommandLedger(db, { readonly: true });
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
  domestic  PDNO:long|short:QTY[@PRICE]          e.g. 101S12:short:2
  overseas  EXCH:CLASS:YYYYMM[:C|P:STRIKE]:±QTY  e.g. CME:ES:202506:+2, CME:ES:202506:C:5600:-1

Flags:
  --account ID              account (default 80012345-03, the demo's domestic account)
  --scenario FILE           scenario to read (default: the built-in demo)
  --db FILE|URL             read a ledger instead (SQLite file or postgres:// URL)
  --basis initial|maintenance   domestic margin basis (default initial)
  --currency TKR|TUS|USD|…  overseas currency view (default TKR)
  --json | --csv            machine-readable output
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
    const store = await openWhatIfStore(
      scenario,
      scenario === undefined ? ledgerDb(strFlag(args, 'db'), ctx.env) : strFlag(args, 'db'),
    );
    let rows: WhatIfRow[];
    try {
      const parsed = {
        domestic: { add: [] as DomesticAdd[], remove: [] },
        overseas: { add: [] as OverseasPositionInput[], remove: [] },
      };
      // The account's kind decides how the specs read (an unknown account fails below).
      const kind = store.getAccount(id)?.kind;
      if (kind === 'overseas') parsed.overseas.add = adds.map(parseOverseasAdd);
      else if (kind === 'domestic') parsed.domestic.add = adds.map(parseDomesticAdd);
      rows = whatIfFigures(store, id, parsed, { basis, currency }).rows;
    } finally {
      store.close();
    }
    const table = rows;
    if (format === 'json')
      ctx.stdout.write(renderJson({ account: id, added: adds, figures: table }));
    else {
      const columns = [
        { header: 'field', get: (r: (typeof table)[number]) => r.field },
        {
          header: 'before',
          right: true,
          get: (r: (typeof table)[number]) => groupDigits(r.before.toString()),
        },
        {
          header: 'after',
          right: true,
          get: (r: (typeof table)[number]) => groupDigits(r.after.toString()),
        },
        {
          header: 'change',
          right: true,
          get: (r: (typeof table)[number]) =>
            (r.change.isPositive() ? '+' : '') + groupDigits(r.change.toString()),
        },
      ];
      if (format === 'csv')
        ctx.stdout.write(
          renderCsv(
            table,
            columns.map((c) => ({
              ...c,
              get: (r: (typeof table)[number]) => c.get(r).replaceAll(',', ''),
            })),
          ),
        );
      else {
        ctx.stdout.write(`${ctx.out.bold(`What if ${id} adds ${adds.join(', ')}`)}\n`);
        ctx.stdout.write(renderTable(table, columns));
      }
    }
    return 0;
  },
};
