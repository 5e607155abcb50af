// The CLI's one table from input errors to exit codes: every row a real class, each class the
// exit code it had before, and a bad cassette or answers file through the real binary.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CassetteFormatError, type KisfoInputError, SpecError } from '@kisfo/protocol';
import {
  KisMasterParseError,
  KrxInputError,
  KrxMasterError,
  OverseasInputError,
  Pa2ParseError,
} from '@kisfo/risk';
import { AnswersError, LedgerConflictError, LedgerValidationError } from '@kisfo/server';
import { InputErrorInContext } from '../src/cli-errors.js';
import { reportError } from '../src/error-report.js';
import { EXIT } from '../src/exit-codes.js';
import { INPUT_ERROR_NAMES } from '../src/input-error-report.js';
import { isolatedEnv, run } from './cli-helpers.js';

const SAMPLES: [KisfoInputError, number][] = [
  [new LedgerValidationError([{ path: 'accounts', message: 'expected an array' }]), EXIT.file],
  [new LedgerConflictError('fills.F1', 'fill id already recorded'), EXIT['invalid-request']],
  [new KisMasterParseError('fo_idx_code_mts.mst', 2, 'expected 9 columns'), EXIT.file],
  [new KrxMasterError('fo_idx_code_mts.mst line 4', 'line 4.standardCode', 'bad'), EXIT.file],
  [new Pa2ParseError(3, 'strike (columns 48-54)', 'expected digits'), EXIT.file],
  [new CassetteFormatError(1, 'not JSON'), EXIT.usage],
  [new AnswersError('expected { balances: [...], marginDetails: [...] }'), EXIT.usage],
  [new KrxInputError('fills[0].qty', 'must be positive'), EXIT['invalid-request']],
  [new OverseasInputError('positions[0].quantity', 'not whole'), EXIT['invalid-request']],
  [
    new SpecError([{ path: 'CANO', field: 'CANO', label: '종합계좌번호', problem: 'missing' }]),
    EXIT['invalid-request'],
  ],
];

describe('input errors in the CLI', () => {
  it('the table has a row only for real classes', () => {
    const names = new Set(SAMPLES.map(([e]) => e.name));
    for (const n of INPUT_ERROR_NAMES) assert.ok(names.has(n), n);
  });

  it('each class exits as before, with a next step; a command’s words keep the code', () => {
    for (const [e, code] of SAMPLES) {
      const r = reportError(e);
      assert.equal(r.code, code, e.name);
      assert.ok(r.next.length > 0, e.name);
      const told = reportError(new InputErrorInContext(e, `in.json: ${e.message}`, 'do X'));
      assert.deepEqual(
        [told.code, told.message, told.next],
        [code, `in.json: ${e.message}`, 'do X'],
      );
    }
    // A scenario's problems are listed one a line, as before.
    const r = reportError(
      new LedgerValidationError([
        { path: 'businessDate', message: 'expected YYYYMMDD' },
        { path: 'accounts', message: 'expected an array' },
      ]),
    );
    assert.equal(r.message, 'the scenario has 2 problems; nothing was written');
    assert.equal(r.details, '  businessDate: expected YYYYMMDD\n  accounts: expected an array');
    assert.match(reportError(SAMPLES[1]![0]).message, /^the ledger refuses it: fills\.F1: /);
  });

  it('a bad cassette for serve --replay and bad answers for reconcile are usage errors (2)', async () => {
    const env = isolatedEnv();
    const cassette = join(env.HOME!, 'bad.jsonl');
    writeFileSync(cassette, '{"v":1}\n');
    const a = await run(['serve', '--replay', cassette, '--port', '0'], env);
    assert.equal(a.code, EXIT.usage, a.stderr);
    assert.match(a.stderr, /bad\.jsonl: cassette line 1: /);
    assert.match(a.stderr, /^next: /m);
    const answers = join(env.HOME!, 'answers.json');
    writeFileSync(answers, '{ "balances": 3 }');
    const b = await run(['reconcile', '--in', answers], env);
    assert.equal(b.code, EXIT.usage, b.stderr);
    assert.match(b.stderr, /answers\.json: expected \{ balances/);
  });
});
