// What a KIS client can see beyond the figures, read off a raw socket: the access token starts with
// KIS's own JWT header bytes, and a method an inquiry does not take is answered on that inquiry's
// path as every inquiry answer is (tr_id and gt_uid echoed).
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { domesticInquireBalance, overseasMarginDetail } from '@kisfo/protocol';
import { verifyJwt } from '../src/http/oauth/jwt.js';
import { type Listener, listen } from '../src/index.js';
import { kisFixture, REAL_APP } from './http-fake-back-office.js';
import { balanceQuery, harness, issueToken, kisHeaders, marginQuery } from './http-harness.js';
import { rawHeader, rawRequest } from './raw-http.js';

/** The header segment of a compact JWT. */
const headerOf = (jwt: string) => jwt.slice(0, jwt.indexOf('.') + 1);

describe('KIS likeness on the wire', () => {
  const h = harness();
  let listener: Listener;
  before(async () => {
    listener = await listen(h.apps.real, { host: '127.0.0.1', port: 0 });
  });
  after(() => listener.close());

  it("issues tokens that begin with KIS's JWT header bytes", async () => {
    const res = await rawRequest(listener.url, {
      method: 'POST',
      path: '/oauth2/tokenP',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        appkey: REAL_APP.appKey,
        appsecret: REAL_APP.appSecret,
      }),
    });
    assert.equal(res.status, 200, res.body);
    const token = String((JSON.parse(res.body) as { access_token: string }).access_token);
    const example = String(kisFixture('token.examples.json').issue_response.body.access_token);
    // {"typ":"JWT","alg":"HS512"} in that order: eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.
    assert.equal(headerOf(token), headerOf(example));
    assert.equal(headerOf(token), 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9.');
  });

  it('still verifies a token signed with the earlier header, and nothing else', () => {
    const secret = Buffer.alloc(64, 7);
    const now = 1_700_000_000;
    const claims = { sub: 'token', iss: 'kisfo', aud: 'real', app: 'a', jti: 'j', iat: now };
    const sign = (header: object) => {
      const h64 = Buffer.from(JSON.stringify(header)).toString('base64url');
      const p64 = Buffer.from(JSON.stringify({ ...claims, exp: now + 86400 })).toString(
        'base64url',
      );
      const sig = createHmac('sha512', secret).update(`${h64}.${p64}`).digest('base64url');
      return `${h64}.${p64}.${sig}`;
    };
    assert.equal(verifyJwt(sign({ alg: 'HS512', typ: 'JWT' }), secret)?.jti, 'j');
    assert.equal(verifyJwt(sign({ typ: 'JWT', alg: 'HS512' }), secret)?.jti, 'j');
    assert.equal(verifyJwt(sign({ typ: 'JWT', alg: 'HS256' }), secret), undefined);
    assert.equal(verifyJwt(sign({ alg: 'none', typ: 'JWT' }), secret), undefined);
  });

  it('answers a method an inquiry does not take with MCA00124, tr_id and gt_uid echoed', async () => {
    const token = await issueToken(h.real, REAL_APP);
    for (const [method, path, trId] of [
      ['POST', balanceQuery('80012345'), domesticInquireBalance.trId.real],
      ['PUT', marginQuery(), overseasMarginDetail.trId.real],
      ['DELETE', balanceQuery('80012345'), domesticInquireBalance.trId.real],
    ] as const) {
      const res = await rawRequest(listener.url, {
        method,
        path,
        headers: kisHeaders(REAL_APP, token, trId, { gt_uid: 'GT-METHOD-1' }),
        body: method === 'POST' ? '{}' : '',
      });
      const what = `${method} ${path.split('?')[0]}`;
      assert.equal(res.status, 404, what);
      assert.equal(JSON.parse(res.body).msg_cd, 'MCA00124', what);
      assert.equal(rawHeader(res, 'Content-Type'), 'application/json; charset=utf-8', what);
      assert.equal(rawHeader(res, 'tr_id'), trId, what);
      assert.equal(rawHeader(res, 'gt_uid'), 'GT-METHOD-1', what);
    }
    // A path no inquiry has: MCA00124 as before.
    const unknown = await rawRequest(listener.url, {
      path: '/uapi/nothing/here',
      headers: kisHeaders(REAL_APP, token, 'CTFO6118R'),
    });
    assert.equal(unknown.status, 404);
    assert.equal(JSON.parse(unknown.body).msg_cd, 'MCA00124');
  });
});
