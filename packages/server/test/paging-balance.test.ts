import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type JsonBody, OTHER_APP, REAL_APP } from './http-fake-back-office.js';
import {
  balanceQuery,
  harness,
  inquire,
  issueToken,
  kisHeaders,
  type Send,
} from './http-harness.js';

const BIG = { cano: '80099999', acntPrdtCd: '03' };

interface Page {
  status: number;
  trCont: string | null;
  body: JsonBody;
}

async function page(
  send: Send,
  token: string,
  keys: { fk: string; nk: string } | undefined,
  cano = BIG.cano,
  more: Record<string, string> = {},
  app = REAL_APP,
): Promise<Page> {
  const r = await inquire(
    send,
    balanceQuery(cano, '03', {
      ...more,
      CTX_AREA_FK200: keys?.fk ?? '',
      CTX_AREA_NK200: keys?.nk ?? '',
    }),
    kisHeaders(app, token, 'CTFO6118R', keys === undefined ? {} : { tr_cont: 'N' }),
  );
  return { status: r.status, trCont: r.headers.get('tr_cont'), body: r.body };
}

const keysOf = (p: Page) => ({
  fk: p.body.ctx_area_fk200 as string,
  nk: p.body.ctx_area_nk200 as string,
});

/** Page through the account as a KIS client does; returns every page. */
async function allPages(send: Send, token: string): Promise<Page[]> {
  const pages = [await page(send, token, undefined)];
  while (pages.at(-1)!.trCont === 'M') pages.push(await page(send, token, keysOf(pages.at(-1)!)));
  return pages;
}

describe('paging the domestic balance', () => {
  it('serves 20 rows a page: tr_cont M while more follows, D on the last; output2 the same', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    const pages = await allPages(h.real, token);
    assert.deepEqual(
      pages.map((p) => p.trCont),
      ['M', 'M', 'D'],
    );
    assert.deepEqual(
      pages.map((p) => p.body.output1.length),
      [20, 20, 5],
    );
    const codes = pages.flatMap((p) => p.body.output1.map((r: { pdno: string }) => r.pdno));
    assert.equal(new Set(codes).size, 45, 'no row twice, none missing');
    assert.deepEqual(codes, [...codes].sort());
    for (const p of pages) {
      assert.equal(p.body.ctx_area_fk200, '80099999^03^01^1^'.padEnd(200, ' '));
      assert.equal(p.body.ctx_area_nk200.length, 200);
      assert.deepEqual(p.body.output2, pages[0]!.body.output2);
      assert.equal(p.body.msg_cd, 'KIOK0510');
    }
    assert.equal(pages[2]!.body.ctx_area_nk200.trim(), '', 'blank key on the last page');
    assert.notEqual(pages[0]!.body.ctx_area_nk200.trim(), '');
    assert.equal(h.backOffice.balanceCalls, 1, 'later pages slice the first answer');
  });

  it('answers SYDB0050 (rt_cd 7) when the account changed after page 1', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    const first = await page(h.real, token, undefined);
    const second = await page(h.real, token, keysOf(first));
    assert.equal(second.body.rt_cd, '0');
    h.backOffice.bump(BIG); // a fill lands between pages
    const third = await page(h.real, token, keysOf(second));
    assert.equal(third.status, 200);
    assert.equal(third.body.rt_cd, '7');
    assert.equal(third.body.msg_cd, 'SYDB0050');
    assert.equal(third.body.msg1.trim(), '조회이후에 자료가 변경되었습니다.(다시 조회하세요)');
    // Starting over works and sees the new version.
    const again = await allPages(h.real, token);
    assert.equal(again.at(-1)!.trCont, 'D');
  });

  it('refuses keys from another account, app or query, and edited keys (OPSQ2001 naming CTX_AREA_NK200)', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    const otherToken = await issueToken(h.real, OTHER_APP);
    const keys = keysOf(await page(h.real, token, undefined));
    const refusals: Page[] = [
      await page(h.real, token, keys, '80055555'),
      await page(h.real, otherToken, keys, '70012345', {}, OTHER_APP),
      await page(h.real, token, keys, BIG.cano, { MGNA_DVSN: '02' }),
      await page(h.real, token, keys, BIG.cano, { EXCC_STAT_CD: '2' }),
      await page(h.real, token, { fk: keys.fk, nk: keys.nk.replace('K1.20.', 'K1.40.') }),
      await page(h.real, token, { fk: keys.fk, nk: 'garbage' }),
    ];
    for (const r of refusals) {
      assert.equal(r.body.msg_cd, 'OPSQ2001');
      assert.equal(r.body.rt_cd, '2');
      assert.ok(r.body.msg1.startsWith('ERROR INVALID INPUT: CTX_AREA_NK200'), r.body.msg1);
    }
    const fk = await page(h.real, token, { fk: '80012345^03^01^1^', nk: keys.nk });
    assert.ok(fk.body.msg1.startsWith('ERROR INVALID INPUT: CTX_AREA_FK200'), fk.body.msg1);
  });

  it('answers KIOK0560 with an empty output1 for an account without positions', async () => {
    const h = harness();
    const token = await issueToken(h.real, REAL_APP);
    const r = await page(h.real, token, undefined, '80055555');
    assert.equal(r.body.rt_cd, '0');
    assert.equal(r.body.msg_cd, 'KIOK0560');
    assert.deepEqual(r.body.output1, []);
    assert.equal(typeof r.body.output2.dnca_cash, 'string');
    assert.equal(r.trCont, 'D');
  });

  it('pages 10,000 positions: 500 pages, every row once, in order', async () => {
    const h = harness({ rateLimits: { real: 1_000_000 } });
    h.backOffice.setPositions(BIG, 10_000);
    const token = await issueToken(h.real, REAL_APP);
    const pages = await allPages(h.real, token);
    assert.equal(pages.length, 500);
    const codes = pages.flatMap((p) => p.body.output1.map((r: { pdno: string }) => r.pdno));
    assert.equal(codes.length, 10_000);
    assert.equal(new Set(codes).size, 10_000);
    assert.deepEqual(codes, [...codes].sort());
    assert.ok(pages.slice(0, -1).every((p) => p.trCont === 'M' && p.body.output1.length === 20));
    assert.equal(h.backOffice.balanceCalls, 1);
  });
});
