// A scenario's master rows and product rules are kept only once every field of their type is
// checked: a row or rule that is not what it claims is refused with the path of each problem.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEMO_SCENARIO,
  exportScenario,
  importScenario,
  openLedger,
  validateScenario,
} from '../src/index.js';

const ROW = {
  file: 'fo_idx_code_mts.mst',
  line: 1,
  productType: '1',
  shortCode: '101603',
  standardCode: 'KR4101630009',
  name: 'F 202603',
  monthCode: '1',
  underlyingCode: 'KOSPI200',
  underlyingName: '코스피200',
};
const RULE = {
  family: 'test futures',
  match: { productCodes: ['1Z9'] },
  group: 'underlying',
  multiplier: '10',
  tickBands: [{ from: '0', tick: '5' }],
  settlement: 'cash',
  expiryRule: 'second-thursday',
  source: 'test rule',
};

const withMasters = (rows: unknown[], rules: unknown[] = []) => ({
  ...DEMO_SCENARIO,
  masters: [{ file: 'fo_idx_code_mts.mst', rows }],
  risk: { ...DEMO_SCENARIO.risk, krxProductRules: rules },
});

test('a master row missing a field of its type, or with a field of the wrong type, is named', () => {
  const { line: _, ...noLine } = ROW;
  const issues = validateScenario(
    withMasters([noLine, { ...ROW, line: 2, underlyingCode: 660 }, { ...ROW, line: 3, atm: 1 }]),
  );
  assert.deepEqual(
    issues.map((i) => i.path).filter((p) => p.startsWith('masters')),
    ['masters[0].rows[0].line', 'masters[0].rows[1].underlyingCode', 'masters[0].rows[2].atm'],
  );
});

test('a product rule with a bad optional field is named; a whole one round-trips', () => {
  const issues = validateScenario(
    withMasters(
      [ROW],
      [
        { ...RULE, optionModel: 'heston' },
        { ...RULE, strikeStep: '-1' },
      ],
    ),
  );
  assert.deepEqual(
    issues.map((i) => i.path),
    ['risk.krxProductRules[0].optionModel', 'risk.krxProductRules[1].strikeStep'],
  );
  const good = withMasters([ROW], [RULE]);
  assert.deepEqual(validateScenario(good), []);
  const store = openLedger();
  importScenario(store, good as never);
  const back = exportScenario(store);
  assert.deepEqual(back.risk?.krxProductRules, [RULE]);
  assert.deepEqual(back.masters, [{ file: 'fo_idx_code_mts.mst', rows: [ROW] }]);
  store.close();
});
