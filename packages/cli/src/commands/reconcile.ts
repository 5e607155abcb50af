import { KisfoInputError } from '@kisfo/protocol';
import { loadScenarioFile, type ReconcileReport, reconcile, scenarioFromKis } from '@kisfo/server';
import { InputErrorInContext } from '../cli-errors.js';
import { boolFlag, type Command, strFlag } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { count } from '../input-error-report.js';
import { renderJson } from '../output/formats.js';
import { dateFlag, fxFlag, readAnswers } from './kis-answers-input.js';

function table(report: ReconcileReport, onlyDifferent: boolean): string {
  const lines: string[] = [];
  let scope = '';
  const rows = report.fields.filter((f) => !onlyDifferent || !f.equal);
  const w = Math.max(30, ...rows.map((f) => f.field.length));
  for (const f of rows) {
    const s = `${f.inquiry} ${f.scope}`;
    if (s !== scope) {
      scope = s;
      lines.push(
        '',
        s,
        `  ${'field'.padEnd(w)}  ${'KIS'.padStart(18)}  ${'kisfo'.padStart(18)}  ${'diff'.padStart(14)}  status`,
      );
    }
    const mark = f.equal ? ' ' : f.status === 'determined' ? '✗' : '~';
    const basis = f.basis === undefined ? '' : ` (${f.basis})`;
    lines.push(
      `${mark} ${f.field.padEnd(w)}  ${f.kis.padStart(18)}  ${(f.kisfo ?? '—').padStart(18)}  ${(f.diff ?? '').padStart(14)}  ${f.status}${basis}`,
    );
  }
  const b = report.summary.byStatus;
  const part = (k: keyof typeof b) => `${k} ${b[k].equal}/${b[k].total}`;
  lines.push(
    '',
    `${report.summary.equal} of ${report.summary.total} fields equal (${part('determined')}, ${part('fitted')}, ${part('open')}, ${part('input')})`,
  );
  return `${lines.join('\n').trimStart()}\n`;
}

/** `kisfo reconcile`: kisfo's figures against KIS's, field by field. */
export const reconcileCommand: Command = {
  name: 'reconcile',
  summary: "compare every field of KIS's answers with kisfo's engines (N of M fields equal)",
  help: `Usage: kisfo reconcile --in FILE [--scenario FILE] [--json] [--differences] [flags]

Computes every field of KIS's answers (a cassette of \`kisfo record\` or saved answers) with
kisfo's engines from a scenario — the one \`kisfo scenario from-kis\` builds, or --scenario when
you have completed it (e.g. with the overseas positions) — and prints, per field, KIS's value,
kisfo's and the difference, then "N of M fields equal". Each field has a status:
  determined  follows from what the answers carry (a difference is a real disagreement)
  fitted      depends on margin parameters the answers leave open (fitted; shown, not failed)
  open        needs what neither answer holds: today's fills and orders, overseas positions
  input       read from the answer to build the scenario

Exit status: 0 when every determined field is equal, ${EXIT['check-failed']} when one differs.

Flags:
  --in FILE           cassette (JSON lines) or saved answers (JSON)
  --scenario FILE     reconcile against this scenario instead of building one
  --json              the report as JSON (every field and the summary)
  --differences       print only the fields that differ
  --fx CCY=RATE,...   FX rates of the business date (for from-kis)
  --date YYYYMMDD     business date (default: the answers')
`,
  options: {
    in: { type: 'string' },
    scenario: { type: 'string' },
    json: { type: 'boolean' },
    differences: { type: 'boolean' },
    fx: { type: 'string' },
    date: { type: 'string' },
  },
  async run(args, ctx) {
    const name = 'reconcile';
    const answers = readAnswers(strFlag(args, 'in'), name);
    const path = strFlag(args, 'scenario');
    let scenario: Awaited<ReturnType<typeof loadScenarioFile>>;
    if (path !== undefined) {
      // As `ledger import` and `serve --scenario` read it: a missing file or a scenario with
      // errors is a file problem (13), each error by its path.
      try {
        scenario = await loadScenarioFile(path);
      } catch (e) {
        if (!(e instanceof KisfoInputError)) throw e;
        throw new InputErrorInContext(
          e,
          `--scenario ${path} has ${count(e.issues.length, 'problem', 'problems')}`,
        );
      }
    } else {
      const fx = fxFlag(strFlag(args, 'fx'), name);
      const date = dateFlag(strFlag(args, 'date'), name);
      scenario = scenarioFromKis(answers, {
        ...(fx === undefined ? {} : { fx }),
        ...(date === undefined ? {} : { businessDate: date }),
      }).scenario;
    }
    const report = reconcile(answers, scenario);
    if (boolFlag(args, 'json')) ctx.stdout.write(renderJson(report));
    else ctx.stdout.write(table(report, boolFlag(args, 'differences')));
    const bad = report.summary.determinedDifferent;
    if (bad === 0) return EXIT.ok;
    ctx.stderr.write(
      `${bad} determined field(s) differ from KIS — rerun with --differences to list only them.\n`,
    );
    return EXIT['check-failed'];
  },
};
