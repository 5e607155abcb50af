import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_PAPER_APPKEY,
  DEMO_PAPER_APPSECRET,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  krxBusinessDayToday,
} from '@kisfo/server';
import { isolatedEnv, run, type Served, serve } from './cli-helpers.js';

/** RFC 4180 CSV rows (quoted cells may hold commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe('kisfo (the real binary)', () => {
  let server: Served;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    env = isolatedEnv();
    server = await serve([], env);
  });
  after(async () => {
    const code = await server.stop();
    assert.equal(code, 0, 'serve stops cleanly on SIGTERM');
    assert.match(server.output(), /stopped/);
  });

  /** The business date the server's banner names. */
  const businessDate = () => /business date (\d{8})/.exec(server.output())![1]!;
  const isoDate = () => businessDate().replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');

  const realEnv = () => ({
    ...env,
    KIS_ENV: 'real',
    KIS_BASE_URL: server.realUrl,
    KIS_APP_KEY: DEMO_REAL_APPKEY,
    KIS_APP_SECRET: DEMO_REAL_APPSECRET,
    KIS_ACCOUNT: '80012345-03',
  });

  it('serve prints both URLs and the demo credentials', () => {
    assert.match(server.realUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(server.paperUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(server.output().includes(DEMO_REAL_APPKEY));
    // With no flag the demo ledger is on today's KRX business day in Korea time.
    assert.equal(businessDate(), krxBusinessDayToday(Date.now()));
    assert.match(server.output(), /admin {2}http:\/\/127\.0\.0\.1:\d+\/kisfo\/admin/);
    assert.match(server.output(), /^ {2}prod: "http:\/\/127\.0\.0\.1:\d+"$/m);
    assert.match(server.output(), /^ {2}my_acct_future: "80012345"$/m);
  });

  it('balance prints the positions and the summary; --ko switches labels', async () => {
    const r = await run(['balance'], realEnv());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Positions|positions/);
    assert.match(r.stdout, /nxdy_dnca/);
    assert.match(r.stdout, /Val\. P&L/);
    const ko = await run(['balance', '--ko'], realEnv());
    assert.equal(ko.code, 0, ko.stderr);
    assert.match(ko.stdout, /익일예수금/);
    assert.match(ko.stdout, /평가손익금액/);
  });

  it('balance --json carries exact decimal strings that agree with --csv', async () => {
    const j = await run(['balance', '--json'], realEnv());
    assert.equal(j.code, 0, j.stderr);
    const body = JSON.parse(j.stdout) as {
      positions: Record<string, string>[];
      summary: Record<string, string>;
    };
    assert.ok(body.positions.length > 0);
    assert.match(body.positions[0]!.excc_unpr!, /^\d+\.\d+$/);
    const c = await run(['balance', '--csv'], realEnv());
    assert.equal(c.code, 0, c.stderr);
    const rows = parseCsv(c.stdout);
    assert.ok(rows[0]!.join(',').startsWith('cano,acnt_prdt_cd,pdno'));
    assert.equal(rows.length, body.positions.length + 1, 'one table: a header and the positions');
    assert.ok(
      rows.every((r) => r.length === rows[0]!.length),
      'every row has every column',
    );
    const pdno = rows[0]!.indexOf('pdno');
    assert.deepEqual(
      rows.slice(1).map((r) => r[pdno]),
      body.positions.map((p) => p.pdno),
    );
    const s = await run(['balance', '--csv', '--table', 'summary'], realEnv());
    assert.equal(s.code, 0, s.stderr);
    const summary = parseCsv(s.stdout);
    assert.deepEqual(summary[0], ['field', 'label', 'value']);
    assert.ok(summary.every((r) => r.length === 3));
    assert.deepEqual(
      summary.find((r) => r[0] === 'nxdy_dnca'),
      ['nxdy_dnca', '익일예수금', body.summary.nxdy_dnca],
    );
    const wrong = await run(['balance', '--csv', '--table', 'fills'], realEnv());
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--table must be positions or summary/);
    const alone = await run(['balance', '--table', 'summary'], realEnv());
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /next: run `kisfo balance --csv --table summary`/);
  });

  it('--ko is Korean throughout: counts, column titles, the 설명 column', async () => {
    const ko = await run(['balance', '--ko'], realEnv());
    assert.equal(ko.code, 0, ko.stderr);
    const en = JSON.parse((await run(['balance', '--json'], realEnv())).stdout) as {
      positions: unknown[];
    };
    assert.match(ko.stdout, new RegExp(`포지션 ${en.positions.length}건, 1페이지`));
    const lines = ko.stdout.split('\n');
    const headerAt = lines.findIndex((l) => l.startsWith('항목'));
    assert.ok(headerAt > 0, 'summary table with Korean titles');
    assert.match(lines[headerAt]!, /^항목\s+설명\s+금액$/);
    const rows = lines.slice(headerAt + 2).filter((l) => l.trim() !== '');
    assert.ok(rows.length >= 30);
    const hangul = /[\uac00-\ud7a3]/;
    for (const row of rows) {
      const cells = row.split(/\s{2,}/);
      assert.ok(hangul.test(cells[0]!) && hangul.test(cells[1]!), `Korean label and 설명: ${row}`);
    }
    const positionsHeader = lines.find((l) => l.includes('상품명'))!;
    assert.doesNotMatch(positionsHeader, /[A-Za-z]/, 'position column titles in Korean');
    // The demo ledger is on today's business day: the default date.
    const margin = await run(['margin', '--ko'], {
      ...realEnv(),
      KIS_ACCOUNT: '12345678-08',
    });
    assert.equal(margin.code, 0, margin.stderr);
    assert.match(margin.stdout, /^해외선물옵션 증거금상세/);
    assert.match(margin.stdout, /FM위탁증거금액/);
  });

  it('an account the app does not hold: exit 8 here and in margin what-if alike', async () => {
    const r = await run(['balance', '--account', '99999999-01'], realEnv());
    const w = await run(
      ['margin', 'what-if', '--account', '99999999-01', '--add', '101W06:long:1'],
      env,
    );
    assert.equal(r.code, 8, r.stderr);
    assert.equal(w.code, r.code, w.stderr);
  });

  it('balance --check reports that every identity holds', async () => {
    const r = await run(['balance', '--check'], realEnv());
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /every documented identity holds/);
  });

  it('margin prints the tree in every output format', async () => {
    const menv = { ...realEnv(), KIS_ACCOUNT: '12345678-08' };
    const t = await run(['margin', '--currency', 'USD', '--date', isoDate()], menv);
    assert.equal(t.code, 0, t.stderr);
    for (const part of [
      'Initial margin',
      'SPAN',
      'EUREX-style',
      'General',
      'Orders',
      'Maintenance',
    ]) {
      assert.ok(t.stdout.includes(part), part);
    }
    const j = await run(['margin', '--json', '--date', businessDate()], menv);
    const out = JSON.parse(j.stdout) as Record<string, string>;
    assert.equal(out.crcy_cd, 'TKR');
    const c = await run(['margin', '--csv', '--date', businessDate()], menv);
    assert.ok(c.stdout.includes(`fm_brkg_mgn_amt,FM위탁증거금액,${out.fm_brkg_mgn_amt}`));
  });

  it('margin on the paper env says it is not offered, before sending', async () => {
    const r = await run(['margin', '--date', businessDate()], {
      ...env,
      KIS_ENV: 'paper',
      KIS_BASE_URL: server.paperUrl,
      KIS_APP_KEY: DEMO_PAPER_APPKEY,
      KIS_APP_SECRET: DEMO_PAPER_APPSECRET,
      KIS_ACCOUNT: '50012345-01',
    });
    assert.equal(r.code, 6);
    assert.match(r.stderr, /paper/i);
  });

  it('token shows the expiry, never the token', async () => {
    const r = await run(['token', '--json'], realEnv());
    assert.equal(r.code, 0, r.stderr);
    const info = JSON.parse(r.stdout) as { token: string; expiresAt: string };
    assert.match(info.expiresAt, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.doesNotMatch(r.stdout, /eyJ[\w-]{20,}/);
  });

  it('reads settings from a profile file when flags and environment are silent', async () => {
    const penv = isolatedEnv();
    const file = join(penv.HOME!, 'kisfo.json');
    writeFileSync(
      file,
      JSON.stringify({
        defaultProfile: 'local',
        profiles: {
          local: {
            env: 'real',
            appKey: DEMO_REAL_APPKEY,
            appSecret: DEMO_REAL_APPSECRET,
            account: '80012345-03',
            baseURL: server.realUrl,
          },
        },
      }),
    );
    const r = await run(['balance', '--json'], { ...penv, KISFO_CONFIG: file });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).positions.length > 0);
    const missing = await run(['balance', '--profile', 'nope'], { ...penv, KISFO_CONFIG: file });
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /no profile "nope"/);
  });

  it('bad credentials: a clear message, exit 4, and no secret anywhere in the output', async () => {
    const secret = `S3CRET-${'q'.repeat(60)}`;
    const r = await run(['balance'], { ...realEnv(), KIS_APP_SECRET: secret });
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /app key and secret/);
    assert.ok(!(r.stdout + r.stderr).includes(secret));
    assert.ok(!(r.stdout + r.stderr).includes(DEMO_REAL_APPKEY));
    const flag = await run(['token', '--app-secret', secret], { ...realEnv(), KIS_APP_SECRET: '' });
    assert.equal(flag.code, 4);
    assert.ok(!(flag.stdout + flag.stderr).includes(secret));
  });

  it('no app key, app secret or token in any output of a successful run', async () => {
    const runs = await Promise.all([
      run(['token'], realEnv()),
      run(['token', '--json'], realEnv()),
      run(['balance'], realEnv()),
      run(['balance', '--json', '--check'], realEnv()),
      run(['balance', '--csv'], realEnv()),
      run(['margin', '--json', '--date', businessDate()], {
        ...realEnv(),
        KIS_ACCOUNT: '12345678-08',
      }),
      run(['margin', '--date', businessDate()], { ...realEnv(), KIS_ACCOUNT: '12345678-08' }),
    ]);
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      const all = r.stdout + r.stderr;
      assert.ok(!all.includes(DEMO_REAL_APPSECRET.slice(0, 40)), 'app secret');
      assert.ok(!all.includes(DEMO_REAL_APPKEY), 'app key');
      assert.doesNotMatch(all, /eyJ[\w-]{10,}\.[\w-]{10,}/, 'token');
    }
  });

  it('an unreachable host is a connection error with what to do next', async () => {
    const r = await run(['balance'], { ...realEnv(), KIS_BASE_URL: 'http://127.0.0.1:9' }, 120_000);
    assert.equal(r.code, 10, r.stderr);
    assert.match(r.stderr, /--base-url/);
  });
});

describe('kisfo without a server', () => {
  const env = isolatedEnv();

  it('--help for every command, and the top-level list', async () => {
    const top = await run(['--help'], env);
    assert.equal(top.code, 0);
    const names = [
      'demo',
      'serve',
      'token',
      'balance',
      'margin',
      'margin what-if',
      'ledger import',
      'ledger export',
      'scenario generate',
      'record',
      'scenario from-kis',
      'reconcile',
    ];
    for (const name of names) {
      assert.ok(top.stdout.includes(name), name);
      const h = await run([...name.split(' '), '--help'], env);
      assert.equal(h.code, 0, name);
      assert.match(h.stdout, /^Usage: kisfo/);
    }
  });

  it('bad flags and commands exit 2 with a message saying what to do', async () => {
    const unknown = await run(['balance', '--nope'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--nope/);
    assert.match(unknown.stderr, /kisfo balance --help/);
    const both = await run(['balance', '--json', '--csv'], env);
    assert.equal(both.code, 2);
    const currency = await run(['margin', '--currency', 'EUR'], env);
    assert.equal(currency.code, 2);
    assert.match(currency.stderr, /TKR, TUS, USD/);
    const cmd = await run(['frobnicate'], env);
    assert.equal(cmd.code, 2);
  });

  it('missing credentials exit 3 and point at the ways to set them', async () => {
    const r = await run(['balance'], env);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /KIS_APP_KEY/);
  });

  it('demo runs the whole loop and prints tables and the margin tree', async () => {
    const r = await run(['demo'], env);
    assert.equal(r.code, 0, r.stderr);
    for (const part of [
      'POST /oauth2/tokenP',
      'CTFO6118R',
      'OTFM3115R',
      'Account summary',
      'SPAN',
      'kisfo serve',
    ]) {
      assert.ok(r.stdout.includes(part), part);
    }
    assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colours when NO_COLOR is set');
    const j = await run(['demo', '--json'], env);
    assert.equal(j.code, 0, j.stderr);
    const doc = JSON.parse(j.stdout) as {
      balance: { positions: unknown[] };
      marginDetail: { TKR: unknown; USD: unknown };
    };
    assert.ok(doc.balance.positions.length > 0);
    assert.ok(doc.marginDetail.TKR && doc.marginDetail.USD);
  });

  it('scenario generate is deterministic; ledger import/export round-trips', async () => {
    const dir = env.HOME!;
    const a = await run(
      ['scenario', 'generate', '--positions', '300', '--accounts', '3', '--seed', '7'],
      env,
    );
    const b = await run(
      ['scenario', 'generate', '--positions', '300', '--accounts', '3', '--seed', '7'],
      env,
    );
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    const file = join(dir, 'gen.json');
    writeFileSync(file, a.stdout);
    const db = join(dir, 'ledger.db');
    const imp = await run(['ledger', 'import', file, '--db', db], env);
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /3 accounts/);
    const out = join(dir, 'export.json');
    const exp = await run(['ledger', 'export', '--db', db, '--out', out], env);
    assert.equal(exp.code, 0, exp.stderr);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown[]>;
    const generated = JSON.parse(a.stdout) as Record<string, unknown[]>;
    for (const part of ['accounts', 'apps', 'positions', 'fills', 'prices']) {
      assert.equal(exported[part]!.length, generated[part]!.length, part);
    }
    // Exporting what was imported from an export gives the same document: a fixed point.
    const db2 = join(dir, 'ledger2.db');
    assert.equal((await run(['ledger', 'import', out, '--db', db2], env)).code, 0);
    const again = await run(['ledger', 'export', '--db', db2, '--yaml'], env);
    assert.equal(again.code, 0, again.stderr);
    const { parse } = await import('yaml');
    assert.deepEqual(parse(again.stdout), exported);
    const bad = join(dir, 'bad.json');
    const broken = JSON.parse(a.stdout) as { fills: { price: string }[] };
    broken.fills[0]!.price = 'abc';
    writeFileSync(bad, JSON.stringify(broken));
    const rej = await run(['ledger', 'import', bad, '--db', db], env);
    assert.notEqual(rej.code, 0);
    assert.match(rej.stderr, /fills\[0\]\.price/);
  });

  it('margin what-if adds hypothetical positions through the engines', async () => {
    const dom = await run(['margin', 'what-if', '--add', '101W06:short:2', '--json'], env);
    assert.equal(dom.code, 0, dom.stderr);
    const d = JSON.parse(dom.stdout) as {
      figures: { field: string; before: string; after: string }[];
    };
    const mgna = d.figures.find((f) => f.field === 'mgna_tota')!;
    assert.notEqual(mgna.after, mgna.before, 'adding two short futures moves the margin');
    const unpriced = await run(['margin', 'what-if', '--add', '101S12:long:1'], env);
    assert.equal(unpriced.code, 8, 'not found, as for an unknown account');
    assert.match(unpriced.stderr, /no price for 101S12/);
    const ovs = await run(
      ['margin', 'what-if', '--account', '12345678-08', '--add', 'CME:NQ:202506:+3', '--json'],
      env,
    );
    assert.equal(ovs.code, 0, ovs.stderr);
    const doc = JSON.parse(ovs.stdout) as {
      figures: { field: string; before: string; after: string }[];
    };
    const brkg = doc.figures.find((f) => f.field === 'fm_brkg_mgn_amt')!;
    assert.ok(Number(brkg.after) > Number(brkg.before));
    const bad = await run(['margin', 'what-if', '--add', 'nonsense'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /expected PDNO:long\|short:QTY/);
  });
});
