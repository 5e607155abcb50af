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
  },
  async run(args, ctx) {
    const format = outputFormat(args);
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
      ctx.stdout.write(positionsCsv(result.positions));
      ctx.stdout.write('\r\n');
      ctx.stdout.write(summaryCsv(result.summary));
    } else {
      const title = korean ? '선물옵션 잔고현황' : 'Domestic futures/options balance';
      ctx.stdout.write(
        `${ctx.out.bold(title)} ${client.account ?? ''} · ${result.positions.length} positions, ${result.pages} page(s)\n\n`,
      );
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
