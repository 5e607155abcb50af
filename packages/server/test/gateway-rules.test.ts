import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CORP_APP, OTHER_APP, PAPER_APP, REAL_APP } from './http-fake-back-office.js';
import {
  balanceQuery,
  cp949Bytes,
  type Harness,
  inquire,
  issueToken,
  kisHeaders,
  marginQuery,
  TRANSPORTS,
} from './http-harness.js';

const CORP_HEADERS = {
  custtype: 'B',
  personalseckey: 'corp-personal-secret-key',
  seq_no: '001',
  phone_number: '01012345678',
  ip_addr: '203.0.113.7',
  gt_uid: 'GT0000000000000000000000000001',
};

/** Asserts a KIS failure envelope: exact keys, code, rt_cd, status, msg1 80 CP949 bytes. */
function assertEnvelope(
  r: { status: number; body: Record<string, unknown>; headers: Headers },
  msgCd: string,
  rtCd: string,
  status: number,
) {
  assert.equal(r.body.msg_cd, msgCd, JSON.stringify(r.body));
  assert.equal(r.body.rt_cd, rtCd);
  assert.equal(r.status, status);
  assert.deepEqual(Object.keys(r.body).sort(), ['msg1', 'msg_cd', 'rt_cd']);
  assert.equal(cp949Bytes(String(r.body.msg1)), 80);
  assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
}

for (const transport of TRANSPORTS) {
  describe(`gateway rules (${transport.name})`, () => {
    let h: Harness & { close(): Promise<void> };
    let realToken: string;
    let paperToken: string;
    let corpToken: string;
    before(async () => {
      h = await transport.make();
      realToken = await issueToken(h.real, REAL_APP);
      paperToken = await issueToken(h.paper, PAPER_APP);
      corpToken = await issueToken(h.real, CORP_APP);
    });
    after(() => h.close());

    it('answers a valid request on each host', async () => {
      const real = await inquire(
        h.real,
        balanceQuery('80012345'),
        kisHeaders(REAL_APP, realToken, 'CTFO6118R'),
      );
      assert.equal(real.status, 200);
      assert.equal(real.body.msg_cd, 'KIOK0510');
      const paper = await inquire(
        h.paper,
        balanceQuery('50012345'),
        kisHeaders(PAPER_APP, paperToken, 'VTFO6118R'),
      );
      assert.equal(paper.status, 200);
      assert.equal(paper.body.output1.length, 3);
      assert.equal(paper.headers.get('tr_id'), 'VTFO6118R');
    });

    it('refuses an unknown app key (EGW00103) and a wrong app secret (EGW00105)', async () => {
      const unknown = await inquire(h.real, balanceQuery('80012345'), {
        ...kisHeaders(REAL_APP, realToken, 'CTFO6118R'),
        appkey: 'PSunknown',
      });
      assertEnvelope(unknown, 'EGW00103', '1', 500);
      const wrong = await inquire(h.real, balanceQuery('80012345'), {
        ...kisHeaders(REAL_APP, realToken, 'CTFO6118R'),
        appsecret: 'not-the-secret',
      });
      assertEnvelope(wrong, 'EGW00105', '1', 500);
    });

    it('refuses a token used with another app’s keys (EGW00121)', async () => {
      const r = await inquire(
        h.real,
        balanceQuery('70012345'),
        kisHeaders(OTHER_APP, realToken, 'CTFO6118R'),
      );
      assertEnvelope(r, 'EGW00121', '1', 500);
    });

    it('refuses a paper app key on the real host (EGW02004)', async () => {
      const r = await inquire(
        h.real,
        balanceQuery('50012345'),
        kisHeaders(PAPER_APP, paperToken, 'CTFO6118R'),
      );
      assertEnvelope(r, 'EGW02004', '1', 500);
      assert.equal(r.body.msg1.trim(), '실전투자 도메인은 모의투자 앱키로 호출하실 수 없습니다.');
    });

    it('refuses real TR IDs on the paper host, and OTFM3115R there (EGW02006)', async () => {
      const real = await inquire(
        h.paper,
        balanceQuery('50012345'),
        kisHeaders(PAPER_APP, paperToken, 'CTFO6118R'),
      );
      assertEnvelope(real, 'EGW02006', '1', 500);
      assert.equal(real.body.msg1.trim(), '모의투자 TR 이 아닙니다.');
      const margin = await inquire(
        h.paper,
        marginQuery('50012345', '03'),
        kisHeaders(PAPER_APP, paperToken, 'OTFM3115R'),
      );
      assertEnvelope(margin, 'EGW02006', '1', 500);
    });

    it('refuses a tr_id of another path (MCA00124), a paper TR on real, and unknown paths (404)', async () => {
      const other = await inquire(
        h.real,
        balanceQuery('80012345'),
        kisHeaders(REAL_APP, realToken, 'OTFM3115R'),
      );
      assertEnvelope(other, 'MCA00124', '1', 404);
      const paperTr = await inquire(
        h.real,
        balanceQuery('80012345'),
        kisHeaders(REAL_APP, realToken, 'VTFO6118R'),
      );
      assertEnvelope(paperTr, 'MCA00124', '1', 404);
      const unknown = await inquire(
        h.real,
        '/uapi/domestic-stock/v1/trading/inquire-balance',
        kisHeaders(REAL_APP, realToken, 'TTTC8434R'),
      );
      assertEnvelope(unknown, 'MCA00124', '1', 404);
      const missing = await inquire(h.real, balanceQuery('80012345'), {
        ...kisHeaders(REAL_APP, realToken, ''),
        tr_id: '',
      });
      assertEnvelope(missing, 'OPSQ2001', '2', 200);
      assert.match(missing.body.msg1, /tr_id/);
    });

    it('requires the corporate headers when custtype is B (OPSQ2001 naming the field)', async () => {
      const none = await inquire(
        h.real,
        balanceQuery('60012345'),
        kisHeaders(CORP_APP, corpToken, 'CTFO6118R', { custtype: 'B' }),
      );
      assertEnvelope(none, 'OPSQ2001', '2', 200);
      assert.equal(
        none.body.msg1.trim(),
        'ERROR INVALID INPUT: personalseckey(고객식별키) missing',
      );
      for (const field of ['seq_no', 'phone_number', 'ip_addr']) {
        const headers = kisHeaders(CORP_APP, corpToken, 'CTFO6118R', CORP_HEADERS);
        delete headers[field];
        const r = await inquire(h.real, balanceQuery('60012345'), headers);
        assertEnvelope(r, 'OPSQ2001', '2', 200);
        assert.ok(r.body.msg1.startsWith(`ERROR INVALID INPUT: ${field}(`), r.body.msg1);
      }
      const ok = await inquire(
        h.real,
        balanceQuery('60012345'),
        kisHeaders(CORP_APP, corpToken, 'CTFO6118R', CORP_HEADERS),
      );
      assert.equal(ok.body.rt_cd, '0');
      assert.equal(ok.headers.get('gt_uid'), CORP_HEADERS.gt_uid, 'gt_uid echoed');
    });

    it('validates query parameters by the spec (OPSQ2001 naming the field, cut to 80 bytes)', async () => {
      const r = await inquire(
        h.real,
        balanceQuery('80012345', '03', { MGNA_DVSN: '09' }),
        kisHeaders(REAL_APP, realToken, 'CTFO6118R'),
      );
      assertEnvelope(r, 'OPSQ2001', '2', 200);
      assert.ok(r.body.msg1.startsWith('ERROR INVALID INPUT: MGNA_DVSN(증거금 구분)'), r.body.msg1);
      const date = await inquire(
        h.real,
        marginQuery('12345678', '08', 'TKR', '20240231'),
        kisHeaders(REAL_APP, realToken, 'OTFM3115R'),
      );
      assertEnvelope(date, 'OPSQ2001', '2', 200);
      assert.match(date.body.msg1, /INQR_DT/);
      const noCusttype = await inquire(h.real, marginQuery(), {
        ...kisHeaders(REAL_APP, realToken, 'OTFM3115R'),
        custtype: '',
      });
      assertEnvelope(noCusttype, 'OPSQ2001', '2', 200);
      assert.match(noCusttype.body.msg1, /custtype/);
    });

    it('refuses accounts that do not belong to the app (OPSQ2000)', async () => {
      const r = await inquire(
        h.real,
        balanceQuery('70012345'),
        kisHeaders(REAL_APP, realToken, 'CTFO6118R'),
      );
      assertEnvelope(r, 'OPSQ2000', '2', 200);
      assert.equal(r.body.msg1.trim(), 'ERROR : INPUT INVALID_CHECK_ACNO');
    });

    it('limits calls per app key per second (EGW00201); paper allows 2/s', async () => {
      const headers = kisHeaders(PAPER_APP, paperToken, 'VTFO6118R');
      h.clock.now += 10_000; // a full bucket
      const codes: string[] = [];
      for (let i = 0; i < 3; i++)
        codes.push((await inquire(h.paper, balanceQuery('50012345'), headers)).body.msg_cd);
      assert.deepEqual(codes, ['KIOK0510', 'KIOK0510', 'EGW00201']);
      const limited = await inquire(h.paper, balanceQuery('50012345'), headers);
      assertEnvelope(limited, 'EGW00201', '1', 500);
      h.clock.now += 500; // half a second refills one call
      assert.equal(
        (await inquire(h.paper, balanceQuery('50012345'), headers)).body.msg_cd,
        'KIOK0510',
      );
    });

    it('answers an unexpected fault with EGW00002 and HTTP 500, no stack trace', async () => {
      h.backOffice.failWith = new Error('disk on fire at /secret/path');
      try {
        const r = await inquire(
          h.real,
          marginQuery(),
          kisHeaders(REAL_APP, realToken, 'OTFM3115R'),
        );
        assertEnvelope(r, 'EGW00002', '1', 500);
        assert.ok(!JSON.stringify(r.body).includes('fire'));
        assert.equal(r.headers.get('tr_id'), 'OTFM3115R', 'tr_id echoed on a fault too');
      } finally {
        h.backOffice.failWith = undefined;
      }
    });
  });
}
