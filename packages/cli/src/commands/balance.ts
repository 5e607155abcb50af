import { type BalanceResult, checkBalance } from '@kisfo/client';
import { CheckFailedError, UsageError } from '../cli-errors.js';
import {
  boolFlag,
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  type Command,
  OUTPUT_OPTIONS,
  outputFormat,
  strFlag,
} from '../command.js';
import { connect } from '../connect.js';
import { positionsCsv, positionsTable, summaryCsv, summaryTable } from '../output/balance-view.js';
import { renderJson } from '../output/formats.js';
import { violationsText } from '../output/violations.js';

/** `--table positions|summary`: which table `--csv` writes. */
function tableFlag(args: Parameters<Command['run']>[0]): 'positions' | 'summary' {
  const t = strFlag(args, 'table') ?? 'positions';
  if (t !== 'positions' && t !== 'summary') {
    throw new UsageError(`--table must be positions or summary, got "${t}"`);
  }
  if (args.values.table !== undefined && args.values.csv !== true) {
    throw new UsageError('--table goes with --csv (the table and --json show both)', 'balance', {
      next: `run \`kisfo balance --csv --table ${t}\``,
    });
  }
  return t;
}

/** `kisfo balance`: 선물옵션 잔고현황 over every page. */
export const balanceCommand: Command = {
  name: 'balance',
  summary: '선물옵션 잔고현황: every position (all pages) and the account summary',
  help: `Usage: kisfo balance [flags]

Fetches the domestic futures/options balance (CTFO6118R / VTFO6118R) page by page and prints
the positions and the account summary.

Flags:
  --basis initial|maintenance       margin basis, MGNA_DVSN 01/02 (default initial)
  --settlement settlement|purchase  EXCC_STAT_CD 1 정산 / 2 본정산 (default settlement)
  --json | --csv                    machine-readable output (exact decimal strings)
  --table positions|summary         the table --csv writes (default positions; one per run)
  --ko                              Korean labels
  --check                           verify the documented identities; exit 12 when any fails
${CONNECTION_HELP}
`,
  options: {
    ...CONNECTION_OPTIONS,
    basis: { type: 'string' },
    settlement: { type: 'string' },
    ...OUTPUT_OPTIONS,
    check: { type: 'boolean' },
    table: { type: 'string' },
  },
  async run(args, ctx) {
    const format = outputFormat(args);
    const table = tableFlag(args);
    const basis = strFlag(args, 'basis') ?? 'initial';
    if (basis !== 'initial' && basis !== 'maintenance') {
      throw new UsageError(`--basis must be initial or maintenance, got "${basis}"`);
    }
    const settlement = strFlag(args, 'settlement') ?? 'settlement';
    if (settlement !== 'settlement' && settlement !== 'purchase') {
      throw new UsageError(`--settlement must be settlement or purchase, got "${settlement}"`);
    }
    const { client } = connect(args, ctx);
    const progress = ctx.stderr.isTTY === true;
    let shown = 0;
    const result: BalanceResult = await client.domesticFutureOption.inquireBalance({
      marginBasis: basis,
      settlementBasis: settlement,
      signal: ctx.signal,
      onPage: (page) => {
        shown += page.positions.length;
        if (progress) ctx.stderr.write(`\r  page ${page.index + 1}: ${shown} positions…`);
      },
    });
    if (progress) ctx.stderr.write('\r\u001b[K');
    const korean = boolFlag(args, 'ko');
    const violations = boolFlag(args, 'check') ? checkBalance(result) : undefined;
    if (format === 'json') {
      ctx.stdout.write(
        renderJson({
          account: client.account,
          positions: result.positions,
          summary: result.summary,
          pages: result.pages,
          ...(violations === undefined ? {} : { violations }),
        }),
      );
    } else if (format === 'csv') {
      // One table per stream, so the output loads as it is into a spreadsheet or a CSV reader.
      ctx.stdout.write(
        table === 'summary' ? summaryCsv(result.summary) : positionsCsv(result.positions),
      );
    } else {
      const title = korean ? '선물옵션 잔고현황' : 'Domestic futures/options balance';
      const counts = korean
        ? `포지션 ${result.positions.length}건, ${result.pages}페이지`
        : `${result.positions.length} position${result.positions.length === 1 ? '' : 's'}, ${result.pages} page${result.pages === 1 ? '' : 's'}`;
      ctx.stdout.write(`${ctx.out.bold(title)} ${client.account ?? ''} · ${counts}\n\n`);
      ctx.stdout.write(positionsTable(result.positions, korean));
      ctx.stdout.write(
        `\n${ctx.out.bold(korean ? '계좌 요약 (output2)' : 'Account summary (output2)')}\n`,
      );
      ctx.stdout.write(summaryTable(result.summary, korean, ctx.out));
    }
    if (violations !== undefined) {
      if (format !== 'json') ctx.stderr.write(violationsText(violations, ctx.err));
      if (violations.length > 0) throw new CheckFailedError(violations.length);
    }
    return 0;
  },
};
