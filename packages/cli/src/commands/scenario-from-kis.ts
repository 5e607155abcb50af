import { scenarioFromKis } from '@kisfo/server';
import { boolFlag, type Command, strFlag } from '../command.js';
import { dateFlag, fxFlag, readAnswers } from './kis-answers-input.js';
import { writeDocument } from './ledger.js';

/** `kisfo scenario from-kis`: a scenario that explains KIS's answers. */
export const scenarioFromKisCommand: Command = {
  name: 'scenario from-kis',
  summary: 'build a scenario from KIS answers (a cassette or saved JSON) of both inquiries',
  help: `Usage: kisfo scenario from-kis --in FILE [--out FILE] [--yaml] [flags]

Reads KIS's answers to 선물옵션 잔고현황 and 해외선물옵션 증거금상세 — a cassette of \`kisfo record\`
or a saved-answers JSON file — and writes a scenario: accounts with their deposits, every open
position with its prices, an underlying level per product group, overseas equity per currency
view, and KRX margin rates scaled to best explain KIS's margin totals. What the answers leave
open (today's fills and orders, overseas positions, volatilities) is listed on standard error.
Serve it with \`kisfo serve --scenario FILE\` (add an app first) or check it with \`kisfo reconcile\`.

Flags:
  --in FILE           cassette (JSON lines) or saved answers (JSON)
  --out FILE          write here instead of standard output
  --yaml              YAML instead of JSON
  --fx CCY=RATE,...   FX rates of the business date, KRW per unit (KIS's answers carry none)
  --date YYYYMMDD     business date (default: the answers')
  --no-fit            keep the sample KRX margin parameters
`,
  options: {
    in: { type: 'string' },
    out: { type: 'string' },
    yaml: { type: 'boolean' },
    fx: { type: 'string' },
    date: { type: 'string' },
    'no-fit': { type: 'boolean' },
  },
  async run(args, ctx) {
    const name = 'scenario from-kis';
    const answers = readAnswers(strFlag(args, 'in'), name);
    const fx = fxFlag(strFlag(args, 'fx'), name);
    const date = dateFlag(strFlag(args, 'date'), name);
    const { scenario, notes } = scenarioFromKis(answers, {
      ...(fx === undefined ? {} : { fx }),
      ...(date === undefined ? {} : { businessDate: date }),
      fitMargin: !boolFlag(args, 'no-fit'),
    });
    writeDocument(scenario, strFlag(args, 'out'), boolFlag(args, 'yaml'), ctx.stdout);
    for (const n of notes) ctx.stderr.write(`note: ${n}\n`);
    return 0;
  },
};
