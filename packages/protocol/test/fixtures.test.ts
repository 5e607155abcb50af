import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeBody,
  domesticInquireBalance,
  encodeBody,
  overseasMarginDetail,
  rawOf,
  SpecError,
} from '../src/index.js';
import { fixture } from './helpers.js';

interface Example {
  response: { headers: Record<string, string>; body: Record<string, unknown> };
}

/** Every wire string of `raw` must come back identical from `encoded`. */
function assertSameFields(
  raw: Record<string, unknown>,
  encoded: Record<string, unknown>,
  path = '',
) {
  for (const [k, v] of Object.entries(raw)) {
    const p = path === '' ? k : `${path}.${k}`;
    if (Array.isArray(v)) {
      assert.equal((encoded[k] as unknown[]).length, v.length, p);
      for (const [i, row] of v.entries()) {
        const other = (encoded[k] as Record<string, unknown>[])[i]!;
        assertSameFields(row as Record<string, unknown>, other, `${p}[${i}]`);
      }
    } else if (typeof v === 'object' && v !== null) {
      assertSameFields(v as Record<string, unknown>, encoded[k] as Record<string, unknown>, p);
    } else {
      assert.equal(encoded[k], v, p);
    }
  }
}

describe("KIS's own example payloads", () => {
  it('domestic balance decodes through the spec and re-encodes field for field', () => {
    const ex = fixture<Example>('kis/domestic-inquire-balance.example.json');
    const body = decodeBody(domesticInquireBalance, ex.response.body);
    const row = body.output1[0]!;
    assert.equal(row.pchs_amt.toString(), '231825000');
    assert.equal(row.evlu_pfls_amt.toString(), '-1237500');
    assert.equal(row.excc_unpr.toString(), '309.10000000');
    assert.equal(row.sll_buy_dvsn_cd, '02');
    assert.equal(body.output2.mtnc_rt?.toString(), '0.00000000');
    assert.equal(body.msg_cd, 'KIOK0510');
    assert.equal(rawOf<Record<string, string>>(row)?.pchs_amt, '231825000');
    const encoded = encodeBody(domesticInquireBalance, body as unknown as Record<string, unknown>);
    assertSameFields(ex.response.body, encoded as unknown as Record<string, unknown>);
  });

  it('overseas margin detail decodes through the spec and re-encodes field for field', () => {
    const ex = fixture<Example>('kis/overseas-margin-detail.example.json');
    const body = decodeBody(overseasMarginDetail, ex.response.body);
    assert.equal(body.output.fm_brkg_mgn_amt.toString(), '49082990');
    assert.equal(body.output.acnt_net_risk_mgna_aply_yn, true);
    const encoded = encodeBody(overseasMarginDetail, body as unknown as Record<string, unknown>, {
      currencyDecimals: 0,
    });
    assertSameFields(ex.response.body, encoded as unknown as Record<string, unknown>);
  });

  it('a malformed payload fails naming every field at fault', () => {
    const ex = fixture<Example>('kis/domestic-inquire-balance.example.json');
    const body = structuredClone(ex.response.body) as {
      output1: Record<string, unknown>[];
      output2: Record<string, unknown>;
    };
    body.output1[0]!.evlu_amt = '23O587500';
    delete body.output2.dnca_cash;
    assert.throws(
      () => decodeBody(domesticInquireBalance, body),
      (e: unknown) =>
        e instanceof SpecError &&
        e.issues.some((i) => i.path === 'output1[0].evlu_amt' && i.label === '평가금액') &&
        e.issues.some((i) => i.path === 'output2.dnca_cash' && i.problem === 'missing'),
    );
  });
});
