// The exact header bytes of every kind of answer on both hosts, read off a raw socket: standard
// names in canonical case, KIS's own (`tr_id`, `tr_cont`, `gt_uid`) lowercase, `tr_id` (and
// `gt_uid` when sent) echoed on every inquiry answer, errors included.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  domesticInquireBalance,
  domesticInquireDeposit,
  INQUIRY_SPECS,
  overseasMarginDetail,
} from '@kisfo/protocol';
import {
  DEMO_PAPER_APPKEY,
  DEMO_PAPER_APPSECRET,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  type RunningServer,
  startServer,
} from '../src/index.js';
import { type RawResponse, rawHeader, rawRequest } from './raw-http.js';

/** Every header name an answer may carry, exactly as written on the wire. */
const WIRE_NAMES = new Set([
  'Content-Type',
  'Content-Length',
  'Date',
  'Connection',
  'Keep-Alive',
  'Transfer-Encoding',
  'WWW-Authenticate',
  'tr_id',
  'tr_cont',
  'gt_uid',
]);

function assertWireCase(res: RawResponse, what: string): void {
  for (const [name] of res.headers) {
    assert.ok(WIRE_NAMES.has(name), `${what}: header name ${JSON.stringify(name)} off the wire`);
  }
  assert.equal(rawHeader(res, 'Content-Type'), 'application/json; charset=utf-8', what);
  assert.ok(rawHeader(res, 'Content-Length') !== undefined, `${what}: Content-Length`);
  assert.ok(!/^content-type:/m.test(res.head), `${what}: no lowercase content-type`);
  // KIS's Python samples make an attribute of every all-lowercase name: each must be one.
  for (const [name] of res.headers) {
    if (name === name.toLowerCase()) assert.match(name, /^[a-z_][a-z0-9_]*$/, `${what}: ${name}`);
  }
}

const apps = {
  real: { appkey: DEMO_REAL_APPKEY, appsecret: DEMO_REAL_APPSECRET },
  paper: { appkey: DEMO_PAPER_APPKEY, appsecret: DEMO_PAPER_APPSECRET },
};
type Host = keyof typeof apps;

describe('header names on the wire, every answer kind, both hosts', () => {
  let server: RunningServer;
  const tokens: Partial<Record<Host, string>> = {};
  const url = (host: Host) => (host === 'real' ? server.realUrl : server.paperUrl);
  const token = (host: Host, app = apps[host]) =>
    rawRequest(url(host), {
      method: 'POST',
      path: '/oauth2/tokenP',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ grant_type: 'client_credentials', ...app }),
    });
  const inquiry = (
    host: Host,
    path: string,
    trId: string,
    extra: Record<string, string> = {},
    app = apps[host],
  ) =>
    rawRequest(url(host), {
      path,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        authorization: `Bearer ${tokens[host]}`,
        appkey: app.appkey,
        appsecret: app.appsecret,
        tr_id: trId,
        tr_cont: '',
        custtype: 'P',
        ...extra,
      },
    });
  const balance = (cano: string, acnt: string) =>
    `${domesticInquireBalance.path}?${new URLSearchParams({
      CANO: cano,
      ACNT_PRDT_CD: acnt,
      MGNA_DVSN: '01',
      EXCC_STAT_CD: '1',
      CTX_AREA_FK200: '',
      CTX_AREA_NK200: '',
    })}`;
  let businessDate = '';
  const margin = (date = businessDate, cano = '12345678', acnt = '08') =>
    `${overseasMarginDetail.path}?${new URLSearchParams({
      CANO: cano,
      ACNT_PRDT_CD: acnt,
      CRCY_CD: 'TKR',
      INQR_DT: date,
    })}`;

  before(async () => {
    server = await startServer({ port: 0, logger: () => {}, rateLimits: { real: 3, paper: 2 } });
    businessDate = (
      (await (await fetch(`${server.realUrl}/kisfo/health`)).json()) as {
        businessDate: string;
      }
    ).businessDate;
    for (const host of ['real', 'paper'] as const) {
      const res = await token(host);
      assertWireCase(res, `${host} token`);
      assert.equal(res.status, 200);
      tokens[host] = (JSON.parse(res.body) as { access_token: string }).access_token;
    }
  });
  after(() => server.close());

  it('success answers: both inquiries with tr_id, tr_cont and gt_uid echoed', async () => {
    const cases: [Host, string, string][] = [
      ['real', balance('80012345', '03'), 'CTFO6118R'],
      ['real', margin(), 'OTFM3115R'],
      [
        'real',
        `${domesticInquireDeposit.path}?${new URLSearchParams({ CANO: '80012345', ACNT_PRDT_CD: '03' })}`,
        'CTRP6550R',
      ],
      ['paper', balance('50012345', '01'), 'VTFO6118R'],
    ];
    // Every inquiry route of the server is in the list.
    assert.deepEqual(
      new Set(cases.map(([, , trId]) => trId)),
      new Set(
        Object.values(INQUIRY_SPECS).flatMap((s) => [s.trId.real, s.trId.paper].filter(Boolean)),
      ),
    );
    for (const [host, path, trId] of cases) {
      const res = await inquiry(host, path, trId, { gt_uid: 'GT-0001' });
      const what = `${host} ${trId}`;
      assert.equal(res.status, 200, `${what}: ${res.body}`);
      assertWireCase(res, what);
      assert.equal(rawHeader(res, 'tr_id'), trId, what);
      assert.equal(rawHeader(res, 'gt_uid'), 'GT-0001', what);
      assert.match(rawHeader(res, 'tr_cont') ?? '', /^[DEFM]$/, what);
      assert.equal(JSON.parse(res.body).rt_cd, '0');
      await new Promise((r) => setTimeout(r, 600)); // keep under the paper host's 2/s
    }
  });

  it('KIS errors, gateway refusals and token errors echo tr_id in wire case', async () => {
    const otherDate = '29991231';
    const cases: [Host, () => Promise<RawResponse>, string, string | undefined][] = [
      // OPSQ2000: an account the app does not hold.
      [
        'real',
        () => inquiry('real', balance('99999999', '03'), 'CTFO6118R'),
        'OPSQ2000',
        'CTFO6118R',
      ],
      // OPSQ2001: a bad parameter, and a date after the business date.
      [
        'real',
        () => inquiry('real', balance('80012345', '3'), 'CTFO6118R'),
        'OPSQ2001',
        'CTFO6118R',
      ],
      ['real', () => inquiry('real', margin(otherDate), 'OTFM3115R'), 'OPSQ2001', 'OTFM3115R'],
      // MCA00124: a paper TR on the real host; EGW02006: a real TR on the paper host.
      [
        'real',
        () => inquiry('real', balance('80012345', '03'), 'VTFO6118R'),
        'MCA00124',
        'VTFO6118R',
      ],
      [
        'paper',
        () => inquiry('paper', balance('50012345', '01'), 'CTFO6118R'),
        'EGW02006',
        'CTFO6118R',
      ],
      // EGW02004: a paper key on the real host; EGW00121: no valid token.
      [
        'real',
        () =>
          inquiry(
            'real',
            balance('50012345', '01'),
            'CTFO6118R',
            { authorization: `Bearer ${tokens.paper}` },
            apps.paper,
          ),
        'EGW02004',
        'CTFO6118R',
      ],
      [
        'paper',
        () =>
          inquiry('paper', balance('50012345', '01'), 'VTFO6118R', {
            authorization: 'Bearer x.y.z',
          }),
        'EGW00121',
        'VTFO6118R',
      ],
      // An unknown path: MCA00124 from the not-found handler (no inquiry, no echo asked for).
      ['real', () => inquiry('real', '/uapi/nothing/here', 'CTFO6118R'), 'MCA00124', undefined],
      ['paper', () => inquiry('paper', '/uapi/nothing/here', 'VTFO6118R'), 'MCA00124', undefined],
    ];
    for (const [host, send, msgCd, echoed] of cases) {
      const res = await send();
      const what = `${host} ${msgCd}`;
      assertWireCase(res, what);
      assert.equal(JSON.parse(res.body).msg_cd, msgCd, `${what}: ${res.body}`);
      if (echoed !== undefined) {
        assert.equal(rawHeader(res, 'tr_id'), echoed, what);
        assert.equal(rawHeader(res, 'gt_uid'), undefined, `${what}: gt_uid only when sent`);
      }
      await new Promise((r) => setTimeout(r, 600));
    }
  });

  it('the rate limit EGW00201 on both hosts, tr_id and gt_uid echoed', async () => {
    for (const [host, path, trId] of [
      ['real', balance('80012345', '03'), 'CTFO6118R'],
      ['paper', balance('50012345', '01'), 'VTFO6118R'],
    ] as const) {
      let limited: RawResponse | undefined;
      for (let i = 0; i < 8 && limited === undefined; i++) {
        const res = await inquiry(host, path, trId, { gt_uid: 'GT-RATE' });
        if (JSON.parse(res.body).msg_cd === 'EGW00201') limited = res;
      }
      assert.ok(limited, `${host}: no EGW00201 in 8 calls`);
      assertWireCase(limited, `${host} EGW00201`);
      assert.equal(rawHeader(limited, 'tr_id'), trId);
      assert.equal(rawHeader(limited, 'gt_uid'), 'GT-RATE');
      await new Promise((r) => setTimeout(r, 1100));
    }
  });

  it('token endpoint errors: EGW00103, EGW02004 and EGW00133', async () => {
    const unknown = await token('real', { appkey: 'X'.repeat(36), appsecret: 'y'.repeat(180) });
    assertWireCase(unknown, 'EGW00103');
    assert.equal(JSON.parse(unknown.body).error_code, 'EGW00103');
    const paperKeyOnReal = await token('real', apps.paper);
    assertWireCase(paperKeyOnReal, 'token EGW02004');
    assert.equal(JSON.parse(paperKeyOnReal.body).error_code, 'EGW02004');
    // Revoke, then ask again within the minute: EGW00133 (not the envelope), HTTP 403.
    const revoke = await rawRequest(server.paperUrl, {
      method: 'POST',
      path: '/oauth2/revokeP',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ ...apps.paper, token: tokens.paper }),
    });
    assertWireCase(revoke, 'revoke');
    const again = await token('paper');
    assert.equal(again.status, 403);
    assertWireCase(again, 'EGW00133');
    assert.equal(JSON.parse(again.body).error_code, 'EGW00133');
  });
});
