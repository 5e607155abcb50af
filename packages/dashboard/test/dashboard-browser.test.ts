// End-to-end: `kisfo serve` (demo ledger) in a child process, Debian's Chromium headless, every
// view checked against what the SDK's inquiries return over loopback HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KisClient, MemoryTokenStore } from '@kisfo/client';
import { type DomesticBalanceInput, domesticWhatIf, type KrxPosition } from '@kisfo/risk';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET } from '@kisfo/server';
import type { Page } from 'playwright-core';
import { formatField } from '../src/app/field-format.js';
import { formatAmount } from '../src/app/format.js';
import {
  fieldLabel,
  MARGIN_DETAIL_FIELDS,
  POSITION_FIELDS,
  SUMMARY_FIELDS,
} from '../src/app/labels.js';
import {
  type Browser,
  launchBrowser,
  type ServedLedger,
  serveLedger,
  shot,
} from './browser-harness.js';

const D = '80012345-03';
const O = '12345678-08';

describe('dashboard in Chromium against kisfo serve', () => {
  let server: ServedLedger;
  let browser: Browser;
  let page: Page;
  let base: string;
  const client = () =>
    new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      appKey: DEMO_REAL_APPKEY,
      appSecret: DEMO_REAL_APPSECRET,
      account: D,
      tokenStore: new MemoryTokenStore(),
      rateLimit: { perSecond: 100 },
    });
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.adminUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(res.ok, `${method} ${path}: HTTP ${res.status}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const text = async (selector: string) =>
    ((await page.locator(selector).first().textContent()) ?? '').trim();
  const go = async (hash: string, ready: string) => {
    await page.goto(`${base}${hash}`);
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
  };

  before(async () => {
    server = await serveLedger();
    browser = await launchBrowser();
    page = browser.page;
    base = server.link.split('#')[0]!;
    // The banner's one-time link signs this tab in.
    await page.goto(server.link);
    await page.locator('[data-testid=accounts]').waitFor({ timeout: 15_000 });
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the link is spent once used, and the fragment is gone from the address bar', async () => {
    assert.ok(!page.url().includes('code='));
    const res = await fetch(`${base}api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: server.link.split('#code=')[1] }),
    });
    assert.equal(res.status, 401);
  });

  it('accounts list: every ledger account, the business date and environments', async () => {
    const health = (await (await fetch(`${server.realUrl}/kisfo/health`)).json()) as {
      businessDate: string;
    };
    const bd = health.businessDate;
    assert.equal(
      await text('[data-testid=business-date]'),
      `${bd.slice(0, 4)}-${bd.slice(4, 6)}-${bd.slice(6)}`,
    );
    const ledger = (await admin('GET', '/kisfo/admin/accounts')) as {
      accounts: { id: string; kind: string }[];
    };
    const ids = await page
      .locator('[data-testid=accounts] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
    assert.deepEqual(ids.sort(), ledger.accounts.map((a) => a.id).sort());
    assert.equal(
      await text(`[data-testid=accounts] tr[data-key="${D}"] [data-field=envs]`),
      '실전',
    );
    await shot(page, 'accounts');
  });

  for (const [mgna, excc, marginBasis, settlementBasis] of [
    ['01', '1', 'initial', 'settlement'],
    ['02', '2', 'maintenance', 'purchase'],
  ] as const) {
    it(`domestic view (MGNA_DVSN ${mgna}, EXCC_STAT_CD ${excc}): every output1 and output2 field as the SDK reads it`, async () => {
      await go(`#/domestic/${D}`, '[data-testid=positions] tbody tr[data-key]');
      await page.locator(`[data-testid=switch-mgna] input[value="${mgna}"]`).check();
      await page.locator(`[data-testid=switch-excc] input[value="${excc}"]`).check();
      // Show every output1 column.
      await page.locator('details.columns summary').click();
      for (const f of POSITION_FIELDS) {
        const box = page.locator(`input[data-column="${f}"]`);
        if (!(await box.isChecked())) await box.check();
      }
      const sdk = await client().domesticFutureOption.inquireBalance({
        marginBasis,
        settlementBasis,
      });
      // Wait for the switched figures.
      await page
        .locator('[data-testid=summary] [data-field=mgna_tota]')
        .filter({ hasText: formatField('mgna_tota', sdk.summary.mgna_tota.toString()) })
        .waitFor({ timeout: 10_000 });
      assert.equal(
        await page.locator('[data-testid=positions]').getAttribute('data-rows'),
        String(sdk.positions.length),
      );
      for (const p of sdk.positions) {
        const row = page.locator(
          `[data-testid=positions] tr[data-key="${p.pdno}|${p.sll_buy_dvsn_cd ?? ''}|${p.sll_buy_dvsn_name}"]`,
        );
        for (const f of POSITION_FIELDS) {
          const want = formatField(f, String((p as unknown as Record<string, unknown>)[f] ?? ''));
          assert.equal(
            ((await row.locator(`[data-field="${f}"]`).textContent()) ?? '').trim(),
            want,
            `${p.pdno} ${f}`,
          );
        }
      }
      for (const f of SUMMARY_FIELDS) {
        const v = (sdk.summary as unknown as Record<string, unknown>)[f];
        assert.equal(
          await text(`[data-testid=summary] [data-field="${f}"]`),
          formatField(f, String(v ?? '')),
          f,
        );
      }
      await shot(page, `domestic-${mgna}-${excc}`);
    });
  }

  it('domestic view: sortable by keyboard; the KRX scan marks its worst scenario', async () => {
    await go(`#/domestic/${D}`, '[data-testid=positions] tbody tr[data-key]');
    const sort = page.locator('button[data-sort="evlu_pfls_amt"]');
    await sort.focus();
    await page.keyboard.press('Enter');
    const values = await page
      .locator('[data-testid=positions] tbody tr[data-key] [data-field=evlu_pfls_amt]')
      .allTextContents();
    const nums = values.map((v) => Number(v.replaceAll(',', '')));
    assert.deepEqual(
      nums,
      [...nums].sort((a, b) => a - b),
    );
    await page.locator('[data-testid=scan-table]').locator('xpath=..').locator('summary').click();
    const pnl = (
      await page.locator('[data-testid=scan-table] tbody td:nth-child(4)').allTextContents()
    ).map((v) => Number(v.replaceAll(',', '')));
    const worst = await page
      .locator('[data-testid=scan-table] tr[data-worst=true] td:nth-child(4)')
      .textContent();
    assert.equal(Number(worst!.replaceAll(',', '')), Math.min(...pnl));
    await page.locator('[data-testid=payoff-chart] canvas').waitFor({ timeout: 10_000 });
  });

  for (const crcy of ['TKR', 'USD'] as const) {
    it(`overseas view (CRCY_CD ${crcy}): the margin tree and every field as the SDK reads them`, async () => {
      await go(`#/overseas/${O}`, '[data-testid=margin-tree]');
      await page.locator(`[data-testid=switch-crcy] input[value="${crcy}"]`).check();
      const health = (await (await fetch(`${server.realUrl}/kisfo/health`)).json()) as {
        businessDate: string;
      };
      const sdk = await client().overseasFutureOption.marginDetail({
        account: O,
        currency: crcy,
        date: health.businessDate,
      });
      const dec = crcy === 'TKR' ? 0 : 2;
      const want = (f: string) =>
        formatField(f, String((sdk as unknown as Record<string, unknown>)[f]), dec);
      await page
        .locator('[data-testid=tree-account] > details > summary [data-role=initial]')
        .filter({ hasText: want('fm_brkg_mgn_amt') })
        .waitFor({ timeout: 10_000 });
      assert.equal(
        await text('[data-testid=tree-account] > details > summary [data-role=maintenance]'),
        want('fm_mntn_mgn_amt'),
      );
      assert.equal(
        await text('[data-testid=tree-span] > details > summary [data-role=initial]'),
        want('fm_span_brkg_mgn_amt'),
      );
      await page.locator('details.all-fields summary').click();
      for (const f of MARGIN_DETAIL_FIELDS) {
        if (f === 'acnt_net_risk_mgna_aply_yn') continue; // a flag, shown as Y/N
        assert.equal(await text(`[data-testid=all-fields] [data-field="${f}"]`), want(f), f);
      }
      // Drill down by keyboard: account → SPAN → CME ES → its positions.
      const es = page.locator('[data-testid="tree-class-CME-ES"] > details');
      await es.locator('> summary').focus();
      if ((await es.getAttribute('open')) !== null) await page.keyboard.press('Enter'); // open from a previous pass
      assert.equal(await es.getAttribute('open'), null);
      await page.keyboard.press('Enter');
      assert.equal(await es.getAttribute('open'), '');
      assert.ok((await page.locator('[data-testid^="tree-pos-CME:ES:"]').count()) >= 2);
      for (const p of await page.locator('[data-testid^="tree-pos-CME:ES:"]').all())
        assert.ok(await p.isVisible());
      // 16 scenarios for a SPAN class, the worst one marked and the largest.
      const losses = (
        await page.locator('[data-testid=risk-array-table] tbody td').allTextContents()
      ).map((v) => Number(v.replaceAll(',', '')));
      assert.equal(losses.length, 16);
      const worst = await text('[data-testid=risk-array-table] td[data-worst=true]');
      assert.equal(Number(worst.replaceAll(',', '')), Math.max(...losses));
      await shot(page, `overseas-${crcy}`);
    });
  }

  it('what-if (domestic): adding a searched instrument changes the figures to the engine result', async () => {
    await go(`#/what-if/${D}`, '[data-testid=figures]');
    const view = (await (
      await fetch(`${base}api/accounts/${D}/domestic`, {
        headers: { Authorization: `Bearer ${server.adminToken}` },
      })
    ).json()) as { input: DomesticBalanceInput };
    await page.locator('[data-testid=search]').fill('101W09');
    await page.locator('[data-testid="pick-101W09"]').click();
    await page.locator('[data-testid=add-qty]').fill('3');
    await page.locator('[data-testid=add]').click();
    // The reference: the engine itself, in Node, on the same book (101W09 was short 1: +3 → long 2).
    const price = (
      (await admin('GET', '/kisfo/dashboard/api/instruments')) as {
        instruments: { code: string; price: string }[];
      }
    ).instruments.find((i) => i.code === '101W09')!.price;
    const book: KrxPosition[] = view.input.account.positions.map((p) =>
      p.pdno === '101W09'
        ? { pdno: '101W09', side: 'long', qty: 2, avgPrice: price, priorSettlement: price }
        : p,
    );
    const w = domesticWhatIf(view.input, book);
    assert.notEqual(w.change.initial.toString(), '0');
    for (const f of ['initial', 'maintenance', 'orderable', 'marginCall'] as const) {
      const row = page.locator(`[data-testid=figures] tr[data-key=${f}]`);
      await row
        .locator('[data-field=after]')
        .filter({ hasText: formatAmount(w.after[f].toString()) })
        .waitFor({ timeout: 10_000 });
      assert.equal(
        ((await row.locator('[data-field=before]').textContent()) ?? '').trim(),
        formatAmount(w.before[f].toString()),
      );
      assert.equal(
        ((await row.locator('[data-field=change]').textContent()) ?? '').trim(),
        formatAmount(w.change[f].toString()),
      );
    }
    await page.locator('[data-testid=check-server]').click();
    await page
      .locator('[data-testid=check-result][data-result=matches]')
      .waitFor({ timeout: 10_000 });
    // Export: the CSV carries the same figures.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=csv-export]').click(),
    ]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString('utf8').split('\r\n');
    assert.equal(lines[1], `initial,${w.before.initial},${w.after.initial},${w.change.initial}`);
    await shot(page, 'what-if-domestic');
  });

  it('what-if (overseas): a resize and a CSV upload, each matching the server to the unit', async () => {
    await go(`#/what-if/${O}`, '[data-testid=figures]');
    await page.locator('[data-testid="qty-CME:ES:202506"]').fill('5');
    await page.locator('[data-testid="qty-CME:ES:202506"]').blur();
    await page.locator('[data-testid=check-server]').click();
    await page
      .locator('[data-testid=check-result][data-result=matches]')
      .waitFor({ timeout: 10_000 });
    const afterResize = await text(
      '[data-testid=figures] tr[data-key=initial] [data-field=change]',
    );
    assert.notEqual(afterResize, '0');
    await page.locator('[data-testid=csv-upload]').setInputFiles({
      name: 'book.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('instrument,quantity\r\nCME:ES:202506,2\r\nEUREX:FDAX:202506,-1\r\n'),
    });
    await page.locator('[data-testid=book] tbody tr').nth(1).waitFor();
    assert.equal(await page.locator('[data-testid=book] tbody tr').count(), 2);
    const srv = (await admin('POST', `/kisfo/dashboard/api/accounts/${O}/what-if`, {
      crcyCd: 'TKR',
      positions: [
        { exchange: 'CME', classCode: 'ES', contractMonth: '202506', quantity: '2' },
        { exchange: 'EUREX', classCode: 'FDAX', contractMonth: '202506', quantity: '-1' },
      ],
    })) as { after: Record<string, string> };
    assert.equal(
      await text('[data-testid=figures] tr[data-key=initial] [data-field=after]'),
      formatAmount(srv.after.initial!),
    );
    assert.equal(
      await text('[data-testid=figures] tr[data-key=orderable] [data-field=after]'),
      formatAmount(srv.after.orderable!),
    );
    await page.locator('[data-testid=csv-upload]').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('instrument,quantity\r\nES,2\r\n'),
    });
    assert.match(await text('[data-testid=csv-error]'), /line 2/);
    await shot(page, 'what-if-overseas');
  });

  it('live: an admin-API write and a business-day advance appear in the open page without a reload', async () => {
    await go(`#/domestic/${D}`, '[data-testid=summary] [data-field=dnca_cash]');
    const stamp = await page.locator('[data-testid=last-change]').getAttribute('data-changed-at');
    await page.evaluate(() => {
      (globalThis as { __noReload?: boolean }).__noReload = true;
    });
    await admin('PUT', '/kisfo/admin/deposits', { account: D, currency: 'KRW', cash: '987654321' });
    await page
      .locator('[data-testid=summary] [data-field=dnca_cash]')
      .filter({ hasText: '987,654,321' })
      .waitFor({ timeout: 10_000 });
    const stamp2 = await page.locator('[data-testid=last-change]').getAttribute('data-changed-at');
    assert.notEqual(stamp2, stamp);
    const before = await text('[data-testid=business-date]');
    await admin('POST', '/kisfo/admin/business-day/advance', {});
    await page
      .locator('[data-testid=business-date]')
      .filter({ hasNotText: before })
      .waitFor({ timeout: 10_000 });
    assert.equal(
      await page.evaluate(() => (globalThis as { __noReload?: boolean }).__noReload),
      true,
    );
    await shot(page, 'live-update');
  });

  it('narrow window and English labels: the views still render, headers in English', async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    await go(`#/overseas/${O}`, '[data-testid=margin-tree]');
    await page.locator('[data-testid=lang-toggle]').click();
    assert.equal(await text('[data-testid=headline] dt'), fieldLabel('fm_brkg_mgn_amt').en);
    assert.equal(
      await page.locator('[data-testid=headline] dt span').first().getAttribute('title'),
      `${fieldLabel('fm_brkg_mgn_amt').ko} (fm_brkg_mgn_amt)`,
    );
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await shot(page, 'overseas-narrow-en');
    await page.locator('[data-testid=lang-toggle]').click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
