import { koreaDate, type MarginDetailCurrency, marginDetailCurrencies } from '@kisfo/protocol';
import { UsageError } from '../cli-errors.js';
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
import { dateFlag } from '../date-flag.js';
import { renderJson } from '../output/formats.js';
import { marginCsv, marginTree } from '../output/margin-view.js';

/** Read `--currency`, checking it is a view KIS offers. */
export function currencyFlag(value: string | undefined): MarginDetailCurrency {
  const c = (value ?? 'TKR').toUpperCase();
  if (!(c in marginDetailCurrencies)) {
    throw new UsageError(
      `--currency must be one of ${Object.keys(marginDetailCurrencies).join(', ')}, got "${value}"`,
    );
  }
  return c as MarginDetailCurrency;
}

/** `kisfo margin`: 해외선물옵션 증거금상세. */
export const marginCommand: Command = {
  name: 'margin',
  summary: '해외선물옵션 증거금상세: SPAN / EUREX / general / order margin of one currency view',
  help: `Usage: kisfo margin [flags]
       kisfo margin what-if --help

Fetches the overseas futures/options margin detail (OTFM3115R, real environment only) and prints
it as a tree: initial vs maintenance, SPAN / EUREX-style / general / orders.

Flags:
  --currency TKR|TUS|USD|HKD|CNY|JPY|VND   currency view (default TKR: everything in KRW)
  --date YYYYMMDD|YYYY-MM-DD               inquiry date (default: today in Korea)
  --json | --csv                           machine-readable output
  --ko                                     Korean labels
${CONNECTION_HELP}
`,
  options: {
    ...CONNECTION_OPTIONS,
    currency: { type: 'string' },
    date: { type: 'string' },
    ...OUTPUT_OPTIONS,
  },
  async run(args, ctx) {
    const format = outputFormat(args);
    const currency = currencyFlag(strFlag(args, 'currency'));
    const date = dateFlag(args, 'date') ?? koreaDate(Date.now());
    const { client } = connect(args, ctx);
    const output = await client.overseasFutureOption.marginDetail({
      currency,
      date,
      signal: ctx.signal,
    });
    if (format === 'json') ctx.stdout.write(renderJson(output));
    else if (format === 'csv') ctx.stdout.write(marginCsv(output));
    else {
      const korean = boolFlag(args, 'ko');
      ctx.stdout.write(
        `${ctx.out.bold(korean ? '해외선물옵션 증거금상세' : 'Overseas margin detail')} ${output.cano}-${output.acnt_prdt_cd} · ${output.crcy_cd} · ${output.resp_dt}\n`,
      );
      ctx.stdout.write(marginTree(output, korean, ctx.out));
    }
    return 0;
  },
};
