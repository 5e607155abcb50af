import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import { SAMPLE_KRX_MARGIN_PARAMETERS } from '@kisfo/risk';
import {
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  DEMO_SCENARIO,
  parseAnswers,
  type RunningServer,
  reconcile,
  type Scenario,
  scaledKrxMargin,
  scenarioFromKis,
  silentSink,
  startRecordingProxy,
  startServer,
} from '../src/index.js';
import { runSession } from './record-session.js';

// A futures-only book whose KOSPI200 level is the front future's price: then nothing but the
// margin rates is left open, and the broker's rates (here 1.25 × / 1.1 × the samples) must come
// back out of KIS's margin totals.
const dir = mkdtempSync(join(tmpdir(), 'kisfo-fit-'));
const ACCOUNT = '80055555-03';
const BROKER = { initial: Decimal.parse('1.25'), maintenance: Decimal.parse('1.1') };
const scenario: Scenario = {
  version: 1,
  businessDate: '20250320',
  apps: [{ ...DEMO_SCENARIO.apps![0]!, accounts: [ACCOUNT] }],
  accounts: [{ id: ACCOUNT, kind: 'domestic', cash: { KRW: '90000000' }, substitutes: '30000000' }],
  underlyings: [{ group: 'KOSPI200', level: '345.85', vol: '0.18' }],
  prices: [
    { instrument: '101W06', price: '345.85', priorSettlement: '344.10' },
    { instrument: '101W09', price: '347.10', priorSettlement: '345.40' },
    { instrument: '105W06', price: '345.84', priorSettlement: '344.08' },
  ],
  positions: [
    { account: ACCOUNT, instrument: '101W06', side: 'long', qty: 3, avgPrice: '343.00' },
    { account: ACCOUNT, instrument: '101W09', side: 'short', qty: 1, avgPrice: '347.00' },
    { account: ACCOUNT, instrument: '105W06', side: 'long', qty: 2, avgPrice: '344.20' },
  ],
  risk: {
    krxMargin: scaledKrxMargin(SAMPLE_KRX_MARGIN_PARAMETERS, BROKER),
    krxSettlement: 'sample',
  },
};
const cassette = join(dir, 'fit.jsonl');

let server: RunningServer;
before(async () => {
  const path = join(dir, 'scenario.json');
  writeFileSync(path, JSON.stringify(scenario));
  server = await startServer({
    scenario: path,
    port: 0,
    logger: silentSink,
    rateLimits: { real: 10_000 },
  });
  const proxy = await startRecordingProxy({ target: server.realUrl, out: cassette });
  try {
    const app = {
      appkey: DEMO_REAL_APPKEY,
      appsecret: DEMO_REAL_APPSECRET,
      domestic: ACCOUNT,
      date: '20250320',
    };
    await runSession(proxy.url, app, { mgna: ['01', '02'] });
  } finally {
    await proxy.close();
  }
});
after(() => server.close());

describe('from-kis fits the margin rates that explain KIS’s totals', () => {
  it('recovers the broker’s scale of each level, with no residual', () => {
    const answers = parseAnswers(readFileSync(cassette, 'utf8'));
    const { marginFit, scenario: built } = scenarioFromKis(answers);
    assert.ok(marginFit !== undefined);
    assert.equal(marginFit.scale.initial, '1.25');
    assert.ok(
      Math.abs(Number(marginFit.scale.maintenance) - 1.1) < 1e-6,
      marginFit.scale.maintenance,
    );
    assert.deepEqual(marginFit.residual, { initial: '0', maintenance: '0' });
    assert.notEqual(built.risk?.krxMargin, 'sample');
    // With the fitted rates every margin figure agrees too (not only the determined ones).
    const r = reconcile(answers, built);
    const fitted = r.fields.filter((f) => f.status === 'fitted');
    assert.ok(fitted.length >= 10);
    assert.deepEqual(
      fitted.filter((f) => !f.equal).map((f) => `${f.scope} ${f.field}`),
      [],
    );
    assert.equal(r.summary.determinedDifferent, 0);
  });

  it('without the fit the margin differs — shown as fitted, never a determined failure', () => {
    const answers = parseAnswers(readFileSync(cassette, 'utf8'));
    const { scenario: built } = scenarioFromKis(answers, { fitMargin: false });
    const r = reconcile(answers, built);
    const mgna = r.fields.find((f) => f.field === 'output2.cash_mgna')!;
    assert.equal(mgna.status, 'fitted');
    assert.equal(mgna.equal, false);
    assert.equal(r.summary.determinedDifferent, 0, 'the orderable amounts use KIS’s own margin');
  });
});
