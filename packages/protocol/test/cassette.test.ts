import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CassetteFormatError,
  CassetteRedactor,
  cassetteLine,
  parseCassette,
  type RawExchange,
  ReplayIndex,
  requestKey,
} from '../src/index.js';

const KEY = 'PSabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET = 'very-secret-app-secret-0123456789abcdefghijklmnop';
const SECKEY = 'CUSTOMER-KEY-778899';
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.payload.signature';

function exchange(over: Partial<RawExchange['request']> = {}, body = '{}'): RawExchange {
  return {
    recordedAt: '2025-03-20T00:00:00.000Z',
    durationMs: 1,
    source: 'proxy',
    request: {
      method: 'GET',
      path: '/uapi/domestic-futureoption/v1/trading/inquire-balance',
      query: [
        ['CANO', '80012345'],
        ['ACNT_PRDT_CD', '03'],
      ],
      headers: [
        ['Authorization', `Bearer ${TOKEN}`],
        ['appkey', KEY],
        ['appsecret', SECRET],
        ['personalseckey', SECKEY],
        ['phone_number', '01012345678'],
        ['tr_id', 'CTFO6118R'],
        ['tr_cont', 'N'],
        ['User-Agent', 'bot/1.0'],
      ],
      body: null,
      ...over,
    },
    response: { status: 200, headers: [['Content-Type', 'application/json']], body },
  };
}

describe('cassette redaction', () => {
  it('replaces every secret wherever it occurs and keeps only the headers that matter', () => {
    const r = new CassetteRedactor();
    const body = JSON.stringify({
      msg1: `echo ${KEY} ${SECKEY}`,
      approval_key: 'abcdef-approval-123',
    });
    const line = cassetteLine(r.redact(exchange({}, body)));
    for (const s of [KEY, SECRET, SECKEY, TOKEN, '01012345678', 'abcdef-approval-123']) {
      assert.equal(line.includes(s), false, s);
    }
    const e = parseCassette(line)[0]!;
    assert.deepEqual(e.request.headers, {
      authorization: '[REDACTED]',
      appkey: '[REDACTED]',
      appsecret: '[REDACTED]',
      personalseckey: '[REDACTED]',
      phone_number: '[REDACTED]',
      tr_id: 'CTFO6118R',
      tr_cont: 'N',
    });
  });

  it('a token issued in one exchange is redacted in later ones (revoke body, echoes)', () => {
    const r = new CassetteRedactor();
    r.redact({
      ...exchange({ method: 'POST', path: '/oauth2/tokenP', query: [], headers: [] }),
      response: {
        status: 200,
        headers: [],
        body: JSON.stringify({ access_token: 'fresh-token-abcdefghijkl', expires_in: 86400 }),
      },
    });
    const revoke = r.redact(
      exchange(
        { method: 'POST', path: '/oauth2/revokeP', query: [], headers: [] },
        '{"note":"fresh-token-abcdefghijkl"}',
      ),
    );
    assert.equal(cassetteLine(revoke).includes('fresh-token-abcdefghijkl'), false);
  });

  it('masks accounts consistently, as whole numbers only', () => {
    const r = new CassetteRedactor({ maskAccounts: true });
    const body = JSON.stringify({
      output1: [{ cano: '80012345', evlu_amt: '1800123450' }],
      ctx_area_fk200: '80012345^03^01^1^'.padEnd(200, ' '),
    });
    const a = r.redact(exchange({}, body));
    const b = r.redact(
      exchange({ query: [['CANO', '12345678']] }, '{"output":{"cano":"12345678"}}'),
    );
    const c = r.redact(exchange({}, body));
    assert.deepEqual(
      [...r.accountMap],
      [
        ['80012345', '00000001'],
        ['12345678', '00000002'],
      ],
    );
    const parsed = JSON.parse(a.response.body);
    assert.equal(parsed.output1[0].cano, '00000001');
    assert.equal(parsed.output1[0].evlu_amt, '1800123450', 'digits inside an amount untouched');
    assert.equal(parsed.ctx_area_fk200.length, 200);
    assert.ok(parsed.ctx_area_fk200.startsWith('00000001^03^'));
    assert.equal(a.request.query[0]![1], '00000001');
    assert.equal(b.request.query[0]![1], '00000002');
    assert.deepEqual(c, a, 'the same account, the same fake, every time');
  });

  it('appending to a masked cassette: its accounts stay, new ones get unused fakes', () => {
    const r = new CassetteRedactor({
      maskAccounts: true,
      reservedAccounts: ['00000001', '00000002'],
    });
    const a = r.redact(exchange({ query: [['CANO', '00000001']] }));
    const b = r.redact(exchange({ query: [['CANO', '55556666']] }));
    assert.equal(a.request.query[0]![1], '00000001');
    assert.equal(b.request.query[0]![1], '00000003');
  });
});

describe('cassette parsing and matching', () => {
  it('names the bad line', () => {
    assert.throws(
      () => parseCassette('\n{"v":1}\n'),
      (e: unknown) => e instanceof CassetteFormatError && e.line === 2,
    );
    assert.throws(() => parseCassette('nope'), /line 1: not JSON/);
  });

  it('matches on method, path, query, tr_id and tr_cont; ignores volatile headers and padding', () => {
    const base = {
      method: 'GET',
      path: '/p',
      query: [
        ['A', '1'],
        ['K', 'x^   '],
      ] as [string, string][],
    };
    const k = requestKey({ ...base, headers: { tr_id: 'T', tr_cont: '' } });
    assert.equal(
      k,
      requestKey({
        ...base,
        query: [
          ['K', 'x^'],
          ['A', '1'],
        ],
        headers: { tr_id: 'T', gt_uid: 'abc' },
      }),
    );
    assert.notEqual(k, requestKey({ ...base, headers: { tr_id: 'T', tr_cont: 'N' } }));
    assert.notEqual(k, requestKey({ ...base, headers: { tr_id: 'U' } }));
    assert.notEqual(k, requestKey({ ...base, query: [['A', '2']], headers: { tr_id: 'T' } }));
  });

  it('answers repeated recordings in order, then the last; tokens fresh each time', () => {
    const e = (body: string) =>
      new CassetteRedactor().redact({
        ...exchange(),
        response: { status: 200, headers: [], body },
      });
    const index = new ReplayIndex([e('"one"'), e('"two"')], { now: () => Date.UTC(2025, 2, 20) });
    const req = {
      method: 'GET',
      path: exchange().request.path,
      query: [
        ['CANO', '80012345'],
        ['ACNT_PRDT_CD', '03'],
      ] as [string, string][],
      headers: { tr_id: 'CTFO6118R', tr_cont: 'N' },
    };
    assert.deepEqual(
      [1, 2, 3].map(() => index.answer(req).response.body),
      ['"one"', '"two"', '"two"'],
    );
    const t1 = index.answer({ method: 'POST', path: '/oauth2/tokenP', query: [], headers: {} });
    const t2 = index.answer({ method: 'POST', path: '/oauth2/tokenP', query: [], headers: {} });
    const b1 = JSON.parse(t1.response.body);
    assert.notEqual(b1.access_token, JSON.parse(t2.response.body).access_token);
    assert.equal(b1.access_token_token_expired, '2025-03-21 09:00:00');
  });
});
