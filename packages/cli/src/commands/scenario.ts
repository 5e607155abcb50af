import { generateScenario } from '@kisfo/server';
import { UsageError } from '../cli-errors.js';
import { boolFlag, type Command, intFlag, strFlag } from '../command.js';
import { dateFlag } from '../date-flag.js';
import { writeDocument } from './ledger.js';

/** `kisfo scenario generate`: a large synthetic, deterministic scenario. */
export const scenarioGenerateCommand: Command = {
  name: 'scenario generate',
  summary: 'generate a large synthetic scenario (deterministic for a seed)',
  help: `Usage: kisfo scenario generate [--positions N] [--accounts M] [--seed S] [--out FILE] [--yaml]

Builds a domestic ledger with N positions spread over M accounts (KOSPI200 and mini futures and
options across expiries and strikes, with today's fills), the same for the same seed. For
benchmarks and load tests: \`kisfo serve --scenario FILE\`. The scenario is written relative to
its business date ("relativeDates": true): \`kisfo serve\` moves it, contract months included,
to today's KRX business day (or to --business-date).

Flags:
  --positions N   positions held from the day before, in total (default 1000); each account
                  also opens up to 10 more with today's fills (so --positions 0 still holds some)
  --accounts M    accounts to spread them over (default: as few as possible; an account
                  holds each of the 10,122 listed series at most once)
  --seed S        seed (default 1)
  --date DATE     business date it is written on, YYYYMMDD or YYYY-MM-DD (default 20250320)
  --out FILE      write here instead of standard output
  --yaml          YAML instead of JSON
`,
  options: {
    positions: { type: 'string' },
    accounts: { type: 'string' },
    seed: { type: 'string' },
    date: { type: 'string' },
    out: { type: 'string' },
    yaml: { type: 'boolean' },
  },
  async run(args, ctx) {
    const accounts =
      args.values.accounts === undefined ? undefined : intFlag(args, 'accounts', 1, { min: 1 });
    const date = dateFlag(args, 'date');
    const positions = intFlag(args, 'positions', 1000, { min: 0, max: 10_000_000 });
    const scenario = generateScenario({
      positions,
      seed: intFlag(args, 'seed', 1),
      ...(accounts === undefined ? {} : { accounts }),
      ...(date === undefined ? {} : { businessDate: date }),
    });
    if (accounts !== undefined && scenario.accounts.length !== accounts) {
      // The generator holds each series at most once per account, so it would add accounts.
      throw new UsageError(
        `--accounts ${accounts} cannot hold ${positions} positions: an account holds each listed series once, so it takes at least ${scenario.accounts.length} accounts`,
        'scenario generate',
        {
          next: `pass --accounts ${scenario.accounts.length}, or fewer --positions`,
        },
      );
    }
    writeDocument(scenario, strFlag(args, 'out'), boolFlag(args, 'yaml'), ctx.stdout);
    return 0;
  },
};
