// KIS's "no data" answer (KIOK0560) from the real kisfo server over loopback: a typed error,
// raised before decoding, that keeps the response.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { overseasMarginDetail } from '@kisfo/protocol';
import {
  errorClassFor,
  KisApiError,
  KisClient,
  KisDecodeError,
  KisNoDataError,
  MemoryTokenStore,
} from '../src/index.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

describe('no data for the query (KIOK0560)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ rateLimits: { real: 1000, paper: 1000 } });
  });
  after(() => server.close());

  const client = () =>
    new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      ...DEMO.real,
      tokenStore: new MemoryTokenStore(),
      rateLimit: false,
    });
  // Before the demo's business date (20250320), on a day the ledger holds no FX rates for.
  const noFiguresDate = '20250102';

  it('the server answers rt_cd "0", KIOK0560 and an empty output', async () => {
    const kis = client();
    const token = await kis.getAccessToken();
    const q = new URLSearchParams({
      CANO: DEMO.real.overseas.slice(0, 8),
      ACNT_PRDT_CD: DEMO.real.overseas.slice(9),
      CRCY_CD: 'TKR',
      INQR_DT: noFiguresDate,
    });
    const res = await fetch(`${server.realUrl}${overseasMarginDetail.path}?${q}`, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${token}`,
        appkey: DEMO.real.appKey,
        appsecret: DEMO.real.appSecret,
        tr_id: overseasMarginDetail.trId.real,
        custtype: 'P',
      },
    });
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(res.status, 200);
    assert.equal(body.rt_cd, '0');
    assert.equal(body.msg_cd, 'KIOK0560');
    assert.deepEqual(body.output, {});
  });

  it('the client throws KisNoDataError (by the code table), not a decode error, keeping the response', async () => {
    assert.equal(errorClassFor('KIOK0560'), KisNoDataError);
    const e = await client()
      .overseasFutureOption.marginDetail({
        account: DEMO.real.overseas,
        currency: 'TKR',
        date: noFiguresDate,
      })
      .then(
        () => assert.fail('expected a rejection'),
        (err: unknown) => err,
      );
    assert.ok(e instanceof KisNoDataError, String(e));
    assert.ok(e instanceof KisApiError);
    assert.ok(!(e instanceof KisDecodeError));
    assert.equal(e.msgCd, 'KIOK0560');
    assert.equal(e.trId, overseasMarginDetail.trId.real);
    assert.equal(e.rtCd, '0');
    assert.equal(e.status, 200);
    assert.equal(e.msg1, '조회할 내용이 없습니다');
    assert.equal((e.body as Record<string, unknown>).msg_cd, 'KIOK0560');
    assert.match(e.hint ?? '', /date/);
  });

  it('names the tr_id it sent even when the answer does not echo it', async () => {
    // The same answer with its tr_id header taken off on the way (a proxy that drops it).
    const kis = new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      ...DEMO.real,
      tokenStore: new MemoryTokenStore(),
      rateLimit: false,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        const headers = new Headers(res.headers);
        headers.delete('tr_id');
        return new Response(await res.text(), { status: res.status, headers });
      },
    });
    const e = await kis.overseasFutureOption
      .marginDetail({ account: DEMO.real.overseas, currency: 'TKR', date: noFiguresDate })
      .then(
        () => assert.fail('expected a rejection'),
        (err: unknown) => err,
      );
    assert.ok(e instanceof KisNoDataError, String(e));
    assert.equal(e.headers.tr_id, undefined);
    assert.equal(e.trId, overseasMarginDetail.trId.real);
  });

  it('a date with figures is still answered', async () => {
    const m = await client().overseasFutureOption.marginDetail({
      account: DEMO.real.overseas,
      currency: 'TKR',
      date: '20250320',
    });
    assert.equal(m.crcy_cd, 'TKR');
  });
});
