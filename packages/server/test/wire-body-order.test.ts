// The body bytes of each inquiry answer in KIS's field order, read off a raw socket (a client's JSON
// parser would hide the order): the balance writes its continuation keys first, as KIS's portal
// example of CTFO6118R does, on every page, the last one and a KIOK0560 answer alike.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Listener, listen } from '../src/index.js';
import { kisFixture, REAL_APP } from './http-fake-back-office.js';
import { balanceQuery, harness, issueToken, kisHeaders, marginQuery } from './http-harness.js';
import { rawHeader, rawRequest } from './raw-http.js';

const BALANCE_EXAMPLE = kisFixture('domestic-inquire-balance.example.json');
const MARGIN_EXAMPLE = kisFixture('overseas-margin-detail.example.json');

/** The top-level names of a JSON object text, in the order they are written. */
function topLevelOrder(json: string): string[] {
  return Object.keys(JSON.parse(json) as Record<string, unknown>);
}

describe('inquiry bodies in KIS field order, on raw bytes', () => {
  const h = harness();
  let listener: Listener;
  let token = '';
  before(async () => {
    listener = await listen(h.apps.real, { host: '127.0.0.1', port: 0 });
    token = await issueToken(h.real, REAL_APP);
  });
  after(() => listener.close());

  const get = (path: string, trId: string, extra: Record<string, string> = {}) =>
    rawRequest(listener.url, { path, headers: kisHeaders(REAL_APP, token, trId, extra) });

  it("answers the portal's balance example with the example's own bytes", async () => {
    const q = new URLSearchParams(BALANCE_EXAMPLE.request.query);
    const res = await get(`${BALANCE_EXAMPLE.request.path}?${q}`, 'CTFO6118R');
    assert.equal(res.status, 200);
    assert.equal(rawHeader(res, 'tr_cont'), 'D');
    // Same fields, same values, same order: ctx_area_fk200, ctx_area_nk200, output1, output2, rt_cd …
    assert.equal(res.body, JSON.stringify(BALANCE_EXAMPLE.response.body));
  });

  it('writes the continuation keys first on every page, the last one included', async () => {
    const order = topLevelOrder(JSON.stringify(BALANCE_EXAMPLE.response.body));
    let keys = { fk: '', nk: '' };
    const trConts: string[] = [];
    for (let page = 0; page < 5; page += 1) {
      const res = await get(
        balanceQuery('80099999', '03', { CTX_AREA_FK200: keys.fk, CTX_AREA_NK200: keys.nk }),
        'CTFO6118R',
        page === 0 ? {} : { tr_cont: 'N' },
      );
      assert.equal(res.status, 200, res.body);
      assert.deepEqual(topLevelOrder(res.body), order, `page ${page + 1}`);
      assert.ok(
        res.body.startsWith('{"ctx_area_fk200":"80099999^03^01^1^ '),
        res.body.slice(0, 40),
      );
      const body = JSON.parse(res.body) as { ctx_area_fk200: string; ctx_area_nk200: string };
      keys = { fk: body.ctx_area_fk200, nk: body.ctx_area_nk200 };
      trConts.push(rawHeader(res, 'tr_cont') ?? '');
      if (trConts.at(-1) === 'D') break;
    }
    assert.deepEqual(trConts, ['M', 'M', 'D']);
    assert.equal(keys.nk, ' '.repeat(200), 'the last page sends a blank next key');
  });

  it('writes KIOK0560 (no positions) in the same order, keys blank', async () => {
    const res = await get(balanceQuery('80055555'), 'CTFO6118R');
    assert.equal(res.status, 200);
    assert.deepEqual(topLevelOrder(res.body), [
      'ctx_area_fk200',
      'ctx_area_nk200',
      'output1',
      'output2',
      'rt_cd',
      'msg_cd',
      'msg1',
    ]);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    assert.equal(body.msg_cd, 'KIOK0560');
    assert.deepEqual(body.output1, []);
  });

  it("answers the portal's margin-detail example with the example's own bytes", async () => {
    const q = MARGIN_EXAMPLE.request.query as Record<string, string>;
    const res = await get(marginQuery(q.CANO, q.ACNT_PRDT_CD, q.CRCY_CD, q.INQR_DT), 'OTFM3115R');
    assert.equal(res.status, 200);
    assert.equal(res.body, JSON.stringify(MARGIN_EXAMPLE.response.body));
  });
});
