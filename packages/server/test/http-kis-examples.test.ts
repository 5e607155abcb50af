import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type JsonBody, kisFixture, REAL_APP } from './http-fake-back-office.js';
import { cp949Bytes, type Harness, issueToken, postJson, TRANSPORTS } from './http-harness.js';

const examples = ['domestic-inquire-balance.example.json', 'overseas-margin-detail.example.json'];

for (const transport of TRANSPORTS) {
  describe(`KIS portal examples answered byte-for-byte in shape (${transport.name})`, () => {
    let h: Harness & { close(): Promise<void> };
    let token: string;
    before(async () => {
      h = await transport.make();
      token = await issueToken(h.real, REAL_APP);
    });
    after(() => h.close());

    for (const name of examples) {
      it(name, async () => {
        const ex = kisFixture(name);
        const query = new URLSearchParams(ex.request.query);
        const res = await h.real(`${ex.request.path}?${query}`, {
          method: ex.request.method,
          headers: {
            ...ex.request.headers,
            'content-type': 'application/json; charset=utf-8',
            authorization: `Bearer ${token}`,
            appkey: REAL_APP.appKey,
            appsecret: REAL_APP.appSecret,
          },
        });
        assert.equal(res.status, ex.response.status);
        for (const [k, v] of Object.entries(ex.response.headers))
          assert.equal(res.headers.get(k), v, k);
        const body = (await res.json()) as JsonBody;
        // The fake serves the example's own figures, so the whole body must come back identical:
        // same keys, msg1 padded to 80 CP949 bytes, ctx keys 200 characters, prices 8 decimals.
        assert.deepEqual(body, ex.response.body);
        assert.equal(cp949Bytes(body.msg1), 80);
        if ('ctx_area_fk200' in body) {
          assert.equal(body.ctx_area_fk200.length, 200);
          assert.equal(body.ctx_area_nk200.length, 200);
          assert.match(body.output1[0].excc_unpr, /^\d+\.\d{8}$/);
        }
      });
    }

    it('answers the token example with the example’s shape', async () => {
      const ex = kisFixture('token.examples.json');
      const res = await postJson(h.real, ex.issue_request.path, {
        ...ex.issue_request.body,
        appkey: REAL_APP.appKey,
        appsecret: REAL_APP.appSecret,
      });
      assert.equal(res.status, ex.issue_response.status);
      const body = (await res.json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body), Object.keys(ex.issue_response.body));
      for (const [k, v] of Object.entries(ex.issue_response.body))
        assert.equal(typeof body[k], typeof v);
      assert.match(
        String(body.access_token_token_expired),
        /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
      );
      assert.match(String(body.access_token), /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    });

    it('pads margin-detail amounts by the view currency', async () => {
      const res = await h.real(
        '/uapi/overseas-futureoption/v1/trading/margin-detail?CANO=12345678&ACNT_PRDT_CD=08&CRCY_CD=USD&INQR_DT=20240522',
        {
          headers: {
            authorization: `Bearer ${token}`,
            appkey: REAL_APP.appKey,
            appsecret: REAL_APP.appSecret,
            tr_id: 'OTFM3115R',
            custtype: 'P',
          },
        },
      );
      const body = (await res.json()) as JsonBody;
      assert.equal(body.output.fm_brkg_mgn_amt, '49082990.00');
      assert.equal(res.headers.get('tr_cont'), 'D');
    });
  });
}

describe('error examples', () => {
  it('every error example’s text is what kisfo pads into msg1', async () => {
    const { envelopeFor } = await import('@kisfo/protocol');
    const errors = kisFixture('errors.examples.json');
    for (const [code, ex] of Object.entries(errors)) {
      if (code.startsWith('_')) continue;
      const env = envelopeFor(code as 'EGW00121');
      assert.equal(env.msg1.trimEnd(), (ex as { msg1: string }).msg1, code);
      assert.equal(env.rt_cd, (ex as { rt_cd: string }).rt_cd, code);
    }
  });
});
