// Parameters as JavaScript callers pass them (numbers, null, names of Object.prototype members,
// no parameters at all): each is a KisValidationError naming the field before any request,
// counted on the real kisfo server over loopback.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FetchLike, KisNotFoundError, KisValidationError } from '../src/index.js';
import { demoRealClient } from './helpers/demo-client.js';
import { DEMO, startTestServer, type TestServer } from './helpers/server.js';

describe('parameters of every type, refused before any request', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ rateLimits: { real: 1000, paper: 1000 } });
  });
  after(() => server.close());

  it('names the field for non-strings, prototype names and missing parameters', async () => {
    let requests = 0;
    const f: FetchLike = (url, init) => {
      requests++;
      return fetch(url, init);
    };
    const client = demoRealClient(server.realUrl, { rateLimit: false, fetch: f });
    const d = client.domesticFutureOption;
    const o = client.overseasFutureOption;
    // biome-ignore lint/suspicious/noExplicitAny: callers without types pass anything
    const anyValue = (v: unknown) => v as any;
    const margin = (p: Record<string, unknown>) =>
      o.marginDetail({ account: DEMO.real.overseas, currency: 'TKR', date: '20250320', ...p });
    const cases: [string, () => Promise<unknown>, string][] = [
      ['account 8001234503', () => d.inquireBalance({ account: anyValue(8001234503) }), 'account'],
      ['account {}', () => d.inquireDeposit({ account: anyValue({}) }), 'account'],
      ['account [] (margin)', () => margin({ account: [] }), 'account'],
      [
        'marginBasis toString',
        () => d.inquireBalance({ marginBasis: anyValue('toString') }),
        'marginBasis',
      ],
      [
        'marginBasis __proto__',
        () => d.inquireBalance({ marginBasis: anyValue('__proto__') }),
        'marginBasis',
      ],
      [
        'settlementBasis constructor',
        () => d.inquireBalance({ settlementBasis: anyValue('constructor') }),
        'settlementBasis',
      ],
      ['date null', () => margin({ date: null }), 'INQR_DT'],
      ['date 20250320 (a number)', () => margin({ date: 20250320 }), 'INQR_DT'],
      ['currency 1', () => margin({ currency: 1 }), 'CRCY_CD'],
      ['no parameters', () => o.marginDetail(anyValue(undefined)), 'CRCY_CD'],
    ];
    for (const [name, call, field] of cases) {
      const e = await call().catch((x: unknown) => x);
      assert.ok(e instanceof KisValidationError, `${name}: ${String(e)}`);
      assert.equal(e.field, field, `${name}: ${e.message}`);
    }
    // The wire value is never what a prototype lookup found, and the problem says what came.
    const proto = (await d
      .inquireBalance({ marginBasis: anyValue('toString') })
      .catch((x: unknown) => x)) as KisValidationError;
    assert.match(proto.message, /"toString" is not allowed \(allowed: initial, maintenance\)/);
    const num = (await margin({ date: 20250320 }).catch((x: unknown) => x)) as KisValidationError;
    assert.match(num.message, /must be a string, got number/);
    assert.equal(requests, 0);
    // null parameters are no parameters: the defaults, and a real answer.
    const r = await d.inquireBalance(anyValue(null));
    assert.ok(r.positions.length > 0);
  });

  it('an account of the other kind (OPSQ2000) is hinted at with the product code the inquiry needs', async () => {
    const client = demoRealClient(server.realUrl, { rateLimit: false });
    const domestic = await client.domesticFutureOption
      .inquireBalance({ account: DEMO.real.overseas })
      .catch((x: unknown) => x as KisNotFoundError);
    assert.ok(domestic instanceof KisNotFoundError && domestic.msgCd === 'OPSQ2000');
    assert.match(
      domestic.hint ?? '',
      /CTFO6118R needs the domestic F\/O account \(product code 03\)/,
    );
    const overseas = await client.overseasFutureOption
      .marginDetail({ account: DEMO.real.account, currency: 'TKR', date: '20250320' })
      .catch((x: unknown) => x as KisNotFoundError);
    assert.ok(overseas instanceof KisNotFoundError && overseas.msgCd === 'OPSQ2000');
    assert.match(overseas.hint ?? '', /overseas F\/O account \(product code 08\)/);
    assert.doesNotMatch(domestic.hint ?? '', /08/);
  });
});
