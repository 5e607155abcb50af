import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type CassetteEntry, cassetteLine, parseCassette } from '@kisfo/protocol';
import {
  answersFromCassette,
  DEMO_PAPER_APPKEY,
  DEMO_PAPER_APPSECRET,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  DEMO_SCENARIO,
  parseAnswers,
  type ReconcileReport,
  type RunningServer,
  reconcile,
  scenarioFromKis,
  silentSink,
  startRecordingProxy,
  startServer,
} from '../src/index.js';
import { BALANCE, MARGIN, runSession } from './record-session.js';

const dir = mkdtempSync(join(tmpdir(), 'kisfo-reconcile-'));
const cassette = join(dir, 'demo.jsonl');
const BD = DEMO_SCENARIO.businessDate;
const FX = DEMO_SCENARIO.fx![BD]!;

let server: RunningServer;
before(async () => {
  server = await startServer({
    // The answers are compared with the demo as written: keep it on its own date.
    businessDate: BD,
    port: 0,
    logger: silentSink,
    rateLimits: { real: 100_000, paper: 100_000 },
  });
  // The demo ledger, recorded through the proxy as a KIS account would be.
  for (const [url, app] of [
    [
      server.realUrl,
      {
        appkey: DEMO_REAL_APPKEY,
        appsecret: DEMO_REAL_APPSECRET,
        domestic: '80012345-03',
        overseas: '12345678-08',
        date: BD,
      },
    ],
    [
      server.paperUrl,
      {
        appkey: DEMO_PAPER_APPKEY,
        appsecret: DEMO_PAPER_APPSECRET,
        domestic: '50012345-01',
        date: BD,
        trId: 'VTFO6118R',
      },
    ],
  ] as const) {
    const proxy = await startRecordingProxy({ target: url, out: cassette });
    try {
      const { seen } = await runSession(proxy.url, app, { mgna: ['01', '02'], excc: ['1', '2'] });
      assert.ok(
        seen.every((s) => s.status === 200),
        'the recorded session succeeded',
      );
    } finally {
      await proxy.close();
    }
  }
});
after(() => server.close());

const differing = (r: ReconcileReport) =>
  r.fields
    .filter((f) => f.status === 'determined' && !f.equal)
    .map((f) => `${f.scope} ${f.field}: KIS ${f.kis} kisfo ${f.kisfo}`);

function run(text: string): ReconcileReport {
  const answers = parseAnswers(text);
  return reconcile(answers, scenarioFromKis(answers, { fx: FX }).scenario);
}

/** The parts of an answer body the edits touch. */
interface AnswerBody {
  output1: Record<string, string>[];
  output2: Record<string, string>;
  output: Record<string, string>;
}

/** The cassette with one field of one answer changed. */
function edited(edit: (e: CassetteEntry, body: AnswerBody) => boolean): string {
  let done = false;
  return parseCassette(readFileSync(cassette, 'utf8'))
    .map((e) => {
      if (done || e.response.body[0] !== '{') return cassetteLine(e);
      const body = JSON.parse(e.response.body) as AnswerBody;
      if (!edit(e, body)) return cassetteLine(e);
      done = true;
      return cassetteLine({ ...e, response: { ...e.response, body: JSON.stringify(body) } });
    })
    .join('\n');
}

const q = (e: CassetteEntry, n: string) => e.request.query.find(([k]) => k === n)?.[1];
const bump = (v: string) => (BigInt(v.trim()) + 1n).toString();

describe('scenario from-kis + reconcile on answers recorded from kisfo serve', () => {
  it('reads every complete inquiry: 2 domestic accounts × 4 balance queries, 7 margin views', () => {
    const a = answersFromCassette(parseCassette(readFileSync(cassette, 'utf8')));
    assert.equal(a.balances.length, 8);
    assert.equal(a.marginDetails.length, 7);
    assert.equal(a.businessDate, BD);
    const main = a.balances.find(
      (b) => b.account === '80012345-03' && b.mgnaDvsn === '01' && b.exccStatCd === '1',
    )!;
    assert.ok(main.output1.length > 5);
  });

  it('builds a scenario with the deposits, positions and prices the answers carry', () => {
    const answers = parseAnswers(readFileSync(cassette, 'utf8'));
    const { scenario, notes, marginFit } = scenarioFromKis(answers, { fx: FX });
    const demoPositions = DEMO_SCENARIO.positions!.filter((p) => p.account === '50012345-01');
    const paper = scenario.positions!.filter((p) => p.account === '50012345-01');
    assert.deepEqual(
      paper.map((p) => [p.instrument, p.side, p.qty]),
      demoPositions.map((p) => [p.instrument, p.side, p.qty]),
    );
    const acct = scenario.accounts.find((x) => x.id === '80012345-03')!;
    assert.equal(acct.cash!.KRW, '150000000');
    assert.equal(acct.substitutes, '50000000');
    // The demo's 20,000 USD at 1,370: KIS reports the KRW value only.
    assert.equal(acct.cash!.XXX, '27400000');
    assert.ok(notes.some((n) => /closed out today/.test(n)));
    assert.ok(marginFit !== undefined);
  });

  it('reports every determined field equal, and says how many fields in all', () => {
    const r = run(readFileSync(cassette, 'utf8'));
    assert.deepEqual(differing(r), []);
    assert.ok(
      r.summary.byStatus.determined.total > 500,
      `${r.summary.byStatus.determined.total} determined`,
    );
    assert.equal(r.summary.determinedDifferent, 0);
    // The paper account did not trade today: its cash flow figures are determined too.
    const paper = r.fields.filter(
      (f) => f.scope.startsWith('50012345-01') && f.field === 'output2.nxdy_dnca',
    );
    assert.ok(paper.length === 4 && paper.every((f) => f.status === 'determined' && f.equal));
    // The demo account traded today: those figures are open (fills are in neither answer).
    const main = r.fields.find(
      (f) => f.scope.startsWith('80012345-03') && f.field === 'output2.nxdy_dnca',
    )!;
    assert.equal(main.status, 'open');
  });

  it('names exactly the edited field: a position amount', () => {
    let target = '';
    const text = edited((e, body) => {
      if (e.request.path !== BALANCE || q(e, 'MGNA_DVSN') !== '02' || q(e, 'EXCC_STAT_CD') !== '2')
        return false;
      const row = body.output1[1];
      row.pchs_amt = bump(row.pchs_amt);
      target = `output1[${row.shtn_pdno} ${row.sll_buy_dvsn_cd === '02' ? 'long' : 'short'}].pchs_amt`;
      return true;
    });
    const d = run(text).fields.filter((f) => f.status === 'determined' && !f.equal);
    assert.deepEqual(
      d.map((f) => [f.scope, f.field, f.diff]),
      [['80012345-03 MGNA_DVSN=02 EXCC_STAT_CD=2', target, '-1']],
    );
  });

  it('names exactly the edited field: a summary figure and a margin roll-up', () => {
    const s = edited((e, body) => {
      if (e.request.path !== BALANCE || q(e, 'CANO') !== '80012345' || q(e, 'MGNA_DVSN') !== '01')
        return false;
      body.output2.ord_psbl_tota = bump(body.output2.ord_psbl_tota);
      return true;
    });
    assert.deepEqual(
      differing(run(s)).map((x) => x.split(':')[0]),
      ['80012345-03 MGNA_DVSN=01 EXCC_STAT_CD=1 output2.ord_psbl_tota'],
    );
    const m = edited((e, body) => {
      if (e.request.path !== MARGIN || q(e, 'CRCY_CD') !== 'TKR') return false;
      body.output.fm_mntn_mgn_amt = bump(body.output.fm_mntn_mgn_amt);
      return true;
    });
    assert.deepEqual(
      differing(run(m)).map((x) => x.split(':')[0]),
      [`12345678-08 TKR ${BD} output.fm_mntn_mgn_amt`],
    );
  });

  it('saved JSON answers work as well as a cassette', () => {
    const answers = answersFromCassette(parseCassette(readFileSync(cassette, 'utf8')));
    const r = run(JSON.stringify(answers));
    assert.equal(r.summary.determinedDifferent, 0);
    assert.equal(r.summary.total, run(readFileSync(cassette, 'utf8')).summary.total);
  });
});

describe('reconcile against a scenario without the account', () => {
  it('shows every field as open (nothing to compute from), never as a failure', () => {
    const answers = parseAnswers(readFileSync(cassette, 'utf8'));
    const { scenario } = scenarioFromKis(answers, { fx: FX });
    const without = {
      ...scenario,
      accounts: scenario.accounts.filter((a) => a.id !== '50012345-01'),
      positions: scenario.positions!.filter((p) => p.account !== '50012345-01'),
    };
    const r = reconcile(answers, without);
    const paper = r.fields.filter((f) => f.scope.startsWith('50012345-01'));
    assert.ok(paper.length > 0);
    assert.ok(paper.every((f) => f.status === 'open' && f.kisfo === null));
    assert.equal(r.summary.determinedDifferent, 0);
  });
});

describe('reconcile --scenario completed with the overseas book', () => {
  it('recomputes every margin-detail component with the engines; all agree in every view', () => {
    const answers = parseAnswers(readFileSync(cassette, 'utf8'));
    const { scenario } = scenarioFromKis(answers, { fx: FX });
    const id = '12345678-08';
    const mine = <T extends { account: string }>(xs: T[] | undefined) =>
      (xs ?? []).filter((x) => x.account === id);
    // What the margin detail does not carry, added by hand as a user would.
    const completed = {
      ...scenario,
      accounts: [
        ...scenario.accounts.filter((a) => a.id !== id),
        DEMO_SCENARIO.accounts.find((a) => a.id === id)!,
      ],
      // The demo's rates, plus from-kis's own (its XXX rate for the foreign deposits).
      fx: { ...DEMO_SCENARIO.fx!, [BD]: { ...DEMO_SCENARIO.fx![BD], ...scenario.fx![BD] } },
      positions: [...scenario.positions!, ...mine(DEMO_SCENARIO.positions)],
      fills: mine(DEMO_SCENARIO.fills),
      orders: mine(DEMO_SCENARIO.orders),
      prices: [
        ...scenario.prices!,
        ...DEMO_SCENARIO.prices!.filter((p) => p.instrument.includes(':')),
      ],
    };
    const r = reconcile(answers, completed);
    const margin = r.fields.filter((f) => f.inquiry === 'margin-detail');
    const components = margin.filter((f) => f.status === 'fitted');
    assert.ok(components.length >= 7 * 30, `${components.length} components`);
    assert.deepEqual(
      components.filter((f) => !f.equal).map((f) => `${f.scope} ${f.field}`),
      [],
    );
    assert.equal(r.summary.determinedDifferent, 0);
  });
});
