import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Decimal,
  type DecodedBody,
  type DecodedRecord,
  decodeBody,
  type domesticBalanceSummaryFields,
  domesticInquireBalance,
  type OverseasMarginDetailSpec,
  type RawRecord,
} from '../src/index.js';
import { fixture } from './helpers.js';

// These checks run in the type-checker (`npm run typecheck`): a field renamed or a kind changed
// in the spec tables breaks them, so the derived types cannot drift from the tables.
type Summary = DecodedRecord<typeof domesticBalanceSummaryFields>;
type RawSummary = RawRecord<typeof domesticBalanceSummaryFields>;
type Margin = DecodedBody<OverseasMarginDetailSpec>['output'];

const amountIsDecimal: Summary['nxdy_dnca'] extends Decimal ? true : false = true;
const rawIsString: RawSummary['nxdy_dnca'] extends string ? true : false = true;
const optionalExtra: undefined extends Summary['mtnc_rt'] ? true : false = true;
const flagIsBoolean: Margin['acnt_net_risk_mgna_aply_yn'] extends boolean ? true : false = true;
// @ts-expect-error not a field of output2
type NotAField = Summary['no_such_field'];

describe('derived types', () => {
  it('type the decoded example as the specs say', () => {
    const ex = fixture<{ response: { body: unknown } }>(
      'kis/domestic-inquire-balance.example.json',
    );
    const body = decodeBody(domesticInquireBalance, ex.response.body);
    const next: Decimal = body.output2.nxdy_dnca;
    const name: string = body.output1[0]!.prdt_name;
    assert.ok(next instanceof Decimal);
    assert.equal(name, 'F 202212');
    assert.ok(amountIsDecimal && rawIsString && optionalExtra && flagIsBoolean);
    const unused: NotAField | undefined = undefined;
    assert.equal(unused, undefined);
  });
});
