import {
  Decimal,
  domesticBalanceSummaryFields,
  type FieldSpec,
  type MarginDetailCurrency,
  overseasMarginDetailFields,
} from '@kisfo/protocol';
import {
  computeDomesticBalance,
  computeOverseasMarginDetail,
  KrxInputError,
  OverseasInputError,
  type OverseasPositionInput,
} from '@kisfo/risk';
import {
  DEMO_SCENARIO,
  domesticBalanceInput,
  importScenario,
  type LedgerStore,
  loadScenarioFile,
  openLedger,
  overseasMarginInput,
} from '@kisfo/server';
import { InvalidInputError, LedgerNotFoundError, UsageError } from '../cli-errors.js';
import { boolFlag, type Command, outputFormat, strFlag } from '../command.js';
import { existingLedger, withLedgerFile } from '../ledger-file.js';
import { type Column, groupDigits, renderCsv, renderJson, renderTable } from '../output/formats.js';
import { currencyFlag } from './margin.js';

const DOMESTIC_FIELDS = [
  'mgna_tota',
  'cash_mgna',
  'sbst_mgna',
  'ord_psbl_tota',
  'ord_psbl_cash',
  'wdrw_psbl_tot_amt',
  'add_mgna_tota',
  'evlu_pfls_amt_smtl',
] as const;

const OVERSEAS_FIELDS = [
  'fm_brkg_mgn_amt',
  'fm_mntn_mgn_amt',
  'fm_ustl_mgn_amt',
  'fm_span_brkg_mgn_amt',
  'fm_eurx_brkg_mgn_amt',
  'fm_gnrl_brkg_mgn_amt',
  'fm_ord_mgn_amt',
  'fm_ord_psbl_amt',
  'fm_add_mgn_amt',
] as const;

interface DomesticAdd {
  pdno: string;
  side: 'long' | 'short';
  qty: number;
  price?: string;
}

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

type KrxBook = ReturnType<typeof domesticBalanceInput>['account']['positions'];

/**
 * Add a hypothetical trade to the start-of-day book the way KRX nets it: more of the same side
 * averages the price, the opposite side closes first and any excess opens the other way.
 */
export function netDomesticPosition(book: KrxBook, add: DomesticAdd, price: string): void {
  const i = book.findIndex((p) => p.pdno.toUpperCase() === add.pdno);
  const held = i === -1 ? undefined : book[i]!;
  if (held === undefined) {
    book.push({
      pdno: add.pdno,
      side: add.side,
      qty: add.qty,
      avgPrice: price,
      priorSettlement: price,
    });
    return;
  }
  if (held.side === add.side) {
    const total = held.qty + add.qty;
    const cost = Decimal.from(held.avgPrice).mul(held.qty).add(Decimal.from(price).mul(add.qty));
    book[i] = { ...held, qty: total, avgPrice: cost.div(total, 8, 'half-up').toString() };
    return;
  }
  const left = held.qty - add.qty;
  if (left > 0) book[i] = { ...held, qty: left };
  else if (left === 0) book.splice(i, 1);
  else
    book[i] = {
      pdno: held.pdno,
      side: add.side,
      qty: -left,
      avgPrice: price,
      priorSettlement: price,
    };
}

const FIELD_SPECS = new Map<string, FieldSpec>(
  [...domesticBalanceSummaryFields, ...overseasMarginDetailFields].map((f) => [f.name, f]),
);

/** A figure's label: the KIS Korean name, or the English description's first part. */
function figureLabel(field: string, korean: boolean): string {
  const f = FIELD_SPECS.get(field);
  if (f === undefined) return field;
  return korean ? f.ko : (f.en.split(/[:(]/)[0]!.trim() ?? field);
}

/** Run the engines on the book with the additions; a book they refuse is the user's input. */
function withAdds<T>(adds: readonly string[], compute: () => T): T {
  try {
    return compute();
  } catch (e) {
    if (e instanceof KrxInputError || e instanceof OverseasInputError) {
      throw new InvalidInputError(
        `the engines refuse the book with ${adds.join(', ')}: ${e.message}`,
        e instanceof OverseasInputError
          ? "use a product the ledger has risk parameters for (like the account's own positions)"
          : "add a position that does not conflict with the account's fills of today (`kisfo balance` lists them)",
      );
    }
    throw e;
  }
}

interface Row {
  field: string;
  before: Decimal;
  after: Decimal;
}

async function openStore(
  scenario: string | undefined,
  db: string | undefined,
): Promise<LedgerStore> {
  if (db !== undefined) {
    const path = existingLedger(db);
    return withLedgerFile(path, () => openLedger({ path, readonly: true }));
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
  --db FILE                 read a SQLite ledger instead
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
    const db = strFlag(args, 'db');
    const store = await openStore(strFlag(args, 'scenario'), db);
    let rows: Row[] = [];
    // SQLite reads happen below too: a file that is not a ledger is reported by name.
    await withLedgerFile(db, () => {
      try {
        const account = store.getAccount(id);
        if (account === undefined) {
          const known = store
            .listAccounts()
            .map((a) => a.id)
            .join(', ');
          throw new LedgerNotFoundError(
            `no account ${id} in the ledger (accounts: ${known})`,
            `pass one of them as --account, e.g. --account ${store.listAccounts()[0]?.id ?? 'NNNNNNNN-NN'}`,
          );
        }
        if (account.kind === 'domestic') {
          const input = domesticBalanceInput(store, account, {
            mgnaDvsn: basis === 'initial' ? '01' : '02',
            exccStatCd: '1',
          });
          const before = computeDomesticBalance(input).output2;
          for (const spec of adds) {
            const add = parseDomesticAdd(spec);
            const quote = input.market.quotes.find((q) => q.pdno === add.pdno);
            if (quote === undefined) {
              const listed = input.market.quotes.map((q) => q.pdno);
              throw new LedgerNotFoundError(
                `--add ${spec}: no price for ${add.pdno} in the ledger (priced: ${listed.join(', ')})`,
                `add a product the ledger prices, e.g. --add ${listed[0] ?? 'PDNO'}:${add.side}:${add.qty}`,
              );
            }
            // A hypothetical position is taken at today's price: it adds margin, not P&L.
            const price = add.price ?? String(quote.price);
            netDomesticPosition(input.account.positions, add, price);
          }
          const after = withAdds(adds, () => computeDomesticBalance(input).output2);
          rows = DOMESTIC_FIELDS.map((f) => ({ field: f, before: before[f], after: after[f] }));
        } else {
          const input = overseasMarginInput(store, account, {
            crcyCd: currency,
            inqrDt: store.businessDate() ?? '',
          });
          const before = computeOverseasMarginDetail(input);
          input.positions = [...input.positions, ...adds.map(parseOverseasAdd)];
          const after = withAdds(adds, () => computeOverseasMarginDetail(input));
          rows = OVERSEAS_FIELDS.map((f) => ({ field: f, before: before[f], after: after[f] }));
        }
      } finally {
        store.close();
      }
    });
    const table = rows.map((r) => ({ ...r, change: r.after.sub(r.before) }));
    const korean = boolFlag(args, 'ko');
    if (format === 'json') {
      ctx.stdout.write(renderJson({ account: id, added: adds, figures: table }));
      return 0;
    }
    type Line = (typeof table)[number];
    const grouped = format !== 'csv';
    const num = (d: Decimal) => (grouped ? groupDigits(d.toString()) : d.toString());
    const columns: Column<Line>[] = [
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
