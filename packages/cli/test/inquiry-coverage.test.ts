// Every inquiry spec is served, callable from the SDK and shown by the CLI: each one is driven
// end to end against the real server, and the server's own request log says what arrived.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLIENT_INQUIRY_METHODS, KisClient, MemoryTokenStore } from '@kisfo/client';
import { type Decimal, INQUIRY_SPECS } from '@kisfo/protocol';
import {
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  INQUIRY_BINDINGS,
  type RunningServer,
  startServer,
} from '@kisfo/server';
import { INQUIRY_COMMANDS, main } from '../src/index.js';

type SpecKey = keyof typeof INQUIRY_SPECS;
const SPEC_KEYS = Object.keys(INQUIRY_SPECS) as SpecKey[];
const DOMESTIC = '80012345-03';
const OVERSEAS = '12345678-08';

/** What each call needs beyond its defaults (the account, and the margin detail's view/date). */
function argsFor(key: SpecKey, businessDate: string) {
  if (key === 'overseasMarginDetail')
    return { account: OVERSEAS, currency: 'TKR' as const, date: businessDate };
  return { account: DOMESTIC };
}

describe('every inquiry spec, end to end', () => {
  let server: RunningServer;
  const log: { path: string; tr_id?: string; status: number }[] = [];
  let businessDate = '';
  const client = () =>
    new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      appKey: DEMO_REAL_APPKEY,
      appSecret: DEMO_REAL_APPSECRET,
      tokenStore: new MemoryTokenStore(),
      rateLimit: { perSecond: 1000 },
    });

  const home = mkdtempSync(join(tmpdir(), 'kisfo-coverage-'));
  before(async () => {
    // The CLI's file token store reads the process environment: keep it out of the user's cache.
    process.env.KISFO_TOKEN_DIR = join(home, 'tokens');
    server = await startServer({
      port: 0,
      rateLimits: { real: 1000, paper: 1000 },
      logger: (line) => log.push(JSON.parse(line)),
    });
    businessDate = server.backOffice.businessDate();
  });
  after(() => server.close());

  it('has a server binding for every spec', () => {
    const bound = new Set(INQUIRY_BINDINGS.map((b) => b.spec));
    for (const key of SPEC_KEYS) assert.ok(bound.has(INQUIRY_SPECS[key]), `${key} has no binding`);
  });

  for (const key of SPEC_KEYS) {
    const spec = INQUIRY_SPECS[key];
    it(`${key}: the SDK method ${CLIENT_INQUIRY_METHODS[key]} sends ${spec.trId.real}`, async () => {
      const [resource, method] = CLIENT_INQUIRY_METHODS[key].split('.') as [string, string];
      const target = (client() as unknown as Record<string, Record<string, unknown>>)[resource]!;
      const fn = target[method] as (p: unknown) => Promise<unknown>;
      assert.equal(typeof fn, 'function', `${CLIENT_INQUIRY_METHODS[key]} is not a method`);
      const before = log.length;
      await fn.call(target, argsFor(key, businessDate));
      const sent = log.slice(before).filter((e) => e.path === spec.path);
      assert.ok(sent.length > 0, `no request to ${spec.path}`);
      for (const e of sent) {
        assert.equal(e.tr_id, spec.trId.real);
        assert.equal(e.status, 200);
      }
    });

    it(`${key}: \`kisfo ${INQUIRY_COMMANDS[key]}\` shows it`, async () => {
      const out: string[] = [];
      const err: string[] = [];
      const before = log.length;
      const extra = key === 'overseasMarginDetail' ? ['--date', businessDate] : [];
      const code = await main([INQUIRY_COMMANDS[key], '--json', ...extra], {
        stdout: { write: (s: string) => out.push(s) },
        stderr: { write: (s: string) => err.push(s) },
        env: {
          KIS_ENV: 'real',
          KIS_BASE_URL: server.realUrl,
          KIS_APP_KEY: DEMO_REAL_APPKEY,
          KIS_APP_SECRET: DEMO_REAL_APPSECRET,
          KIS_ACCOUNT: key === 'overseasMarginDetail' ? OVERSEAS : DOMESTIC,
          XDG_CONFIG_HOME: home,
        },
      });
      assert.equal(code, 0, err.join(''));
      assert.ok(JSON.parse(out.join('')));
      assert.ok(
        log.slice(before).some((e) => e.path === spec.path && e.tr_id === spec.trId.real),
        `kisfo ${INQUIRY_COMMANDS[key]} sent nothing to ${spec.path}`,
      );
    });
  }
});

describe('선물옵션 총자산현황 against the balance', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      port: 0,
      rateLimits: { real: 1000, paper: 1000 },
      logger: () => {},
    });
  });
  after(() => server.close());

  it('every figure is the balance’s own, at the initial and the maintenance basis', async () => {
    const c = new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      appKey: DEMO_REAL_APPKEY,
      appSecret: DEMO_REAL_APPSECRET,
      account: DOMESTIC,
      tokenStore: new MemoryTokenStore(),
      rateLimit: { perSecond: 1000 },
    });
    const d = await c.domesticFutureOption.inquireDeposit();
    const initial = (await c.domesticFutureOption.inquireBalance({ marginBasis: 'initial' }))
      .summary;
    const maintenance = (
      await c.domesticFutureOption.inquireBalance({ marginBasis: 'maintenance' })
    ).summary;
    const same = (a: Decimal, b: Decimal | undefined, what: string) =>
      assert.equal(a.toString(), b?.toString(), what);
    same(d.dnca_tota, initial.dnca_cash, 'dnca_tota = dnca_cash');
    same(d.dnca_sbst, initial.dnca_sbst, 'dnca_sbst');
    same(d.frcr_evlu_amt, initial.frcr_dncl_amt, 'frcr_evlu_amt = frcr_dncl_amt');
    same(d.brkg_mgna_cash, initial.cash_mgna, 'brkg_mgna_cash = initial cash_mgna');
    same(d.brkg_mgna_sbst, initial.sbst_mgna, 'brkg_mgna_sbst = initial sbst_mgna');
    same(d.cash_mntn_amt, maintenance.cash_mgna, 'cash_mntn_amt = maintenance cash_mgna');
    same(d.ord_psbl_tota, initial.ord_psbl_tota, 'ord_psbl_tota');
    same(d.ord_psbl_cash, initial.ord_psbl_cash, 'ord_psbl_cash');
    same(d.sbst_rlse_psbl_amt, initial.ord_psbl_sbst, 'sbst_rlse_psbl_amt = ord_psbl_sbst');
    same(d.wdrw_psbl_tot_amt, initial.wdrw_psbl_tot_amt, 'wdrw_psbl_tot_amt');
    same(d.excc_dfpa, initial.thdt_dfpa.add(initial.rnwl_dfpa), 'excc_dfpa = thdt + rnwl');
    same(d.opt_dfpa, initial.opt_dfpa, 'opt_dfpa');
    same(d.brkg_fee, initial.fee, 'brkg_fee = fee');
    same(d.nxdy_dnca, initial.nxdy_dnca, 'nxdy_dnca');
    same(d.prsm_dpast_amt, initial.prsm_dpast, 'prsm_dpast_amt = prsm_dpast');
    same(d.trad_pfls_smtl, d.futr_trad_pfls.add(d.opt_trad_pfls_amt), 'trad_pfls_smtl');
    same(d.evlu_pfls_smtl, d.futr_evlu_pfls_amt.add(d.opt_evlu_pfls_amt), 'evlu_pfls_smtl');
    same(d.add_mgna_tota, initial.add_mgna_tota, 'add_mgna_tota');
    // The demo's margin is not zero, so the two bases differ and the maintenance figure is real.
    assert.ok(maintenance.cash_mgna.lte(initial.cash_mgna));
  });

  it('on the paper host it is refused before anything is sent', async () => {
    let sent = 0;
    const c = new KisClient({
      env: 'paper',
      baseURL: server.paperUrl,
      appKey: 'x'.repeat(36),
      appSecret: 'y'.repeat(180),
      account: '50012345-01',
      tokenStore: new MemoryTokenStore(),
      fetch: (u, i) => {
        sent++;
        return fetch(u, i);
      },
    });
    await assert.rejects(c.domesticFutureOption.inquireDeposit(), { name: 'KisNotSupportedError' });
    assert.equal(sent, 0);
  });
});
