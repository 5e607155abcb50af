import { domesticDepositFields } from '@kisfo/protocol';
import {
  boolFlag,
  CONNECTION_HELP,
  CONNECTION_OPTIONS,
  type Command,
  OUTPUT_OPTIONS,
  outputFormat,
} from '../command.js';
import { resolveConnection } from '../config.js';
import { clientFor } from '../connect.js';
import { recordCsv, recordTable } from '../output/balance-view.js';
import { renderJson } from '../output/formats.js';

/** `kisfo deposit`: 선물옵션 총자산현황. */
export const depositCommand: Command = {
  name: 'deposit',
  summary: '선물옵션 총자산현황: deposits, margin, P&L and orderable figures in one object',
  help: `Usage: kisfo deposit [flags]

Fetches the domestic futures/options account's total assets (CTRP6550R, real environment only)
and prints every figure: deposits and substitutes, initial and maintenance margin in cash,
orderable and withdrawable amounts, realised and valuation P&L, variation settlement, next-day cash.

Flags:
  --json | --csv  machine-readable output (exact decimal strings)
  --ko            Korean labels
${CONNECTION_HELP}
`,
  options: { ...CONNECTION_OPTIONS, ...OUTPUT_OPTIONS },
  async run(args, ctx) {
    const format = outputFormat(args);
    const client = clientFor(resolveConnection(args.values, ctx.env));
    const deposit = await client.domesticFutureOption.inquireDeposit({ signal: ctx.signal });
    if (format === 'json') {
      ctx.stdout.write(renderJson({ account: client.account, deposit }));
    } else if (format === 'csv') {
      ctx.stdout.write(recordCsv(domesticDepositFields, deposit));
    } else {
      const korean = boolFlag(args, 'ko');
      const title = korean ? '선물옵션 총자산현황' : 'Domestic futures/options total assets';
      ctx.stdout.write(`${ctx.out.bold(title)} ${client.account ?? ''}\n\n`);
      ctx.stdout.write(recordTable(domesticDepositFields, deposit, korean, ctx.out));
    }
    return 0;
  },
};
