import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseCassette } from '@kisfo/protocol';
import {
  type RunningServer,
  silentSink,
  startRecordingProxy,
  startReplayServer,
  startServer,
} from '../src/index.js';
import {
  BALANCE,
  MARGIN,
  raw,
  runSession,
  type SessionApp,
  sessionScenario,
} from './record-session.js';

const dir = mkdtempSync(join(tmpdir(), 'kisfo-record-'));
const { path: scenarioPath, scenario } = sessionScenario(dir);
const APP: SessionApp & { overseas: string } = {
  appkey: scenario.apps![0]!.appkey,
  appsecret: scenario.apps![0]!.appsecret,
  domestic: scenario.accounts[0]!.id,
  overseas: scenario.accounts[1]!.id,
  date: scenario.businessDate,
};
const names = (h: [string, string][]) => h.map(([n]) => n);

let server: RunningServer;
before(async () => {
  server = await startServer({
    // The answers are compared with the demo as written: keep it on its own date.
    businessDate: scenario.businessDate,
    scenario: scenarioPath,
    port: 0,
    logger: silentSink,
    rateLimits: { real: 100_000 },
  });
});
after(() => server.close());

describe('kisfo record → kisfo serve --replay', () => {
  const out = join(dir, 'plain.jsonl');
  let recorded: Awaited<ReturnType<typeof runSession>>;

  before(async () => {
    const proxy = await startRecordingProxy({ target: server.realUrl, out });
    try {
      recorded = await runSession(proxy.url, APP, { mgna: ['01', '02'] });
    } finally {
      await proxy.close();
    }
  });

  it('records every exchange: token, every page of both balances, 7 margin views', () => {
    const entries = parseCassette(readFileSync(out, 'utf8'));
    assert.equal(entries.length, recorded.seen.length);
    // One row per position held plus one per series opened by today's fills; 20 rows a page.
    const rowsPerInquiry = 300 + new Set(scenario.fills!.map((f) => f.instrument)).size;
    const pagesPerInquiry = Math.ceil(rowsPerInquiry / 20);
    assert.ok(pagesPerInquiry >= 15);
    assert.equal(entries.filter((e) => e.request.path === BALANCE).length, 2 * pagesPerInquiry);
    assert.equal(entries.filter((e) => e.request.path === MARGIN).length, 7);
    const pages = entries.filter((e) => e.request.path === BALANCE);
    const rows = pages.reduce(
      (n, e) => n + (JSON.parse(e.response.body).output1.length as number),
      0,
    );
    assert.equal(rows, 2 * rowsPerInquiry, 'every row, twice (MGNA_DVSN 01 and 02)');
    // What the client saw through the proxy is what upstream wrote: names in wire case, bodies.
    entries.forEach((e, i) => {
      assert.deepEqual(names(e.response.headers), names(recorded.seen[i]!.headers));
      if (e.request.path !== '/oauth2/tokenP')
        assert.equal(e.response.body, recorded.seen[i]!.body);
    });
    assert.ok(
      recorded.seen.every((s) => s.status === 200),
      'the session itself succeeded',
    );
  });

  it('writes no secret anywhere: app key, app secret, the issued token', () => {
    const text = readFileSync(out, 'utf8');
    for (const secret of [APP.appkey, APP.appsecret, recorded.token]) {
      assert.ok(secret.length > 20);
      assert.equal(text.includes(secret), false, 'a secret reached the cassette');
      // Not even a long piece of it (e.g. a token split across a replacement).
      assert.equal(text.includes(secret.slice(0, 24)), false);
    }
    const first = parseCassette(text)[1]!;
    assert.equal(first.request.headers.authorization, '[REDACTED]');
    assert.equal(first.request.headers.appsecret, '[REDACTED]');
    assert.equal(first.request.headers.tr_id, 'CTFO6118R');
    assert.match(parseCassette(text)[0]!.response.body, /"access_token":"\[REDACTED\]"/);
  });

  it('replays in lockdown: the same bodies byte for byte and the same header names', async () => {
    const replay = await startReplayServer({ cassette: out });
    try {
      const again = await runSession(replay.url, APP, { mgna: ['01', '02'] });
      assert.equal(again.seen.length, recorded.seen.length);
      assert.deepEqual(replay.misses, []);
      again.seen.forEach((s, i) => {
        const r = recorded.seen[i]!;
        assert.equal(s.status, r.status);
        assert.equal(s.statusText, r.statusText);
        assert.deepEqual(names(s.headers), names(r.headers), `header names of ${s.url}`);
        if (s.url === '/oauth2/tokenP') return;
        assert.equal(s.body, r.body, `body of ${s.url}`);
        assert.deepEqual(s.headers, r.headers, `headers of ${s.url}`);
      });
      // Tokens are answered freshly, in the recorded shape.
      assert.notEqual(again.token, recorded.token);
      const fresh = JSON.parse(again.seen[0]!.body) as Record<string, unknown>;
      assert.deepEqual(Object.keys(fresh), Object.keys(JSON.parse(recorded.seen[0]!.body)));
      assert.equal(fresh.token_type, 'Bearer');
      assert.match(String(fresh.access_token_token_expired), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    } finally {
      await replay.close();
    }
  });

  it('lockdown: an unrecorded request is a KIS envelope naming what was not found', async () => {
    const replay = await startReplayServer({ cassette: out });
    try {
      const [cano, prdt] = APP.overseas.split('-') as [string, string];
      const q = new URLSearchParams({
        CANO: cano,
        ACNT_PRDT_CD: prdt,
        CRCY_CD: 'TKR',
        INQR_DT: '20250319',
      });
      const r = await raw(replay.url, 'GET', `${MARGIN}?${q}`, { tr_id: 'OTFM3115R', tr_cont: '' });
      assert.equal(r.status, 404);
      const body = JSON.parse(r.body) as Record<string, unknown> & {
        replay_miss: Record<string, unknown>;
      };
      assert.equal(body.rt_cd, '1');
      assert.equal(body.msg_cd, 'MCA00124');
      assert.match(String(body.msg1), /not recorded GET \/uapi\/overseas-futureoption/);
      assert.equal(body.replay_miss.tr_id, 'OTFM3115R');
      assert.deepEqual(body.replay_miss.query, {
        CANO: cano,
        ACNT_PRDT_CD: prdt,
        CRCY_CD: 'TKR',
        INQR_DT: '20250319',
      });
      assert.deepEqual(replay.misses, [body.replay_miss.key]);
      // The same request with another tr_cont is another request.
      const q2 = new URLSearchParams({
        CANO: cano,
        ACNT_PRDT_CD: prdt,
        CRCY_CD: 'TKR',
        INQR_DT: APP.date,
      });
      const hit = await raw(replay.url, 'GET', `${MARGIN}?${q2}`, {
        tr_id: 'OTFM3115R',
        tr_cont: '',
      });
      assert.equal(hit.status, 200);
      const miss = await raw(replay.url, 'GET', `${MARGIN}?${q2}`, {
        tr_id: 'OTFM3115R',
        tr_cont: 'N',
      });
      assert.equal(miss.status, 404);
    } finally {
      await replay.close();
    }
  });

  it('passthrough: a missing request goes to the target, is recorded, then replays offline', async () => {
    const copy = join(dir, 'passthrough.jsonl');
    copyFileSync(out, copy);
    const before = parseCassette(readFileSync(copy, 'utf8')).length;
    const [cano, prdt] = APP.overseas.split('-') as [string, string];
    const q = new URLSearchParams({
      CANO: cano,
      ACNT_PRDT_CD: prdt,
      CRCY_CD: 'USD',
      INQR_DT: '20250319',
    });
    const url = `${MARGIN}?${q}`;
    const replay = await startReplayServer({
      cassette: copy,
      mode: 'passthrough',
      target: server.realUrl,
    });
    let first: Awaited<ReturnType<typeof raw>>;
    try {
      // The target needs its own token: passthrough forwards token requests too.
      const tok = await raw(
        replay.url,
        'POST',
        '/oauth2/tokenP',
        { 'content-type': 'application/json' },
        JSON.stringify({
          grant_type: 'client_credentials',
          appkey: APP.appkey,
          appsecret: APP.appsecret,
        }),
      );
      const token = (JSON.parse(tok.body) as { access_token: string }).access_token;
      first = await raw(replay.url, 'GET', url, {
        authorization: `Bearer ${token}`,
        appkey: APP.appkey,
        appsecret: APP.appsecret,
        tr_id: 'OTFM3115R',
        tr_cont: '',
        custtype: 'P',
      });
      assert.equal(first.status, 200);
      assert.equal(JSON.parse(first.body).rt_cd, '0');
      const text = readFileSync(copy, 'utf8');
      assert.equal(parseCassette(text).length, before + 2, 'token and inquiry appended');
      for (const s of [APP.appkey, APP.appsecret, token]) assert.equal(text.includes(s), false);
    } finally {
      await replay.close();
    }
    const offline = await startReplayServer({ cassette: copy });
    try {
      const again = await raw(offline.url, 'GET', url, { tr_id: 'OTFM3115R', tr_cont: '' });
      assert.equal(again.body, first.body);
      assert.deepEqual(names(again.headers), names(first.headers));
    } finally {
      await offline.close();
    }
  });
});

describe('kisfo record --mask-accounts', () => {
  const out = join(dir, 'masked.jsonl');
  let recorded: Awaited<ReturnType<typeof runSession>>;
  let map: ReadonlyMap<string, string>;

  before(async () => {
    const proxy = await startRecordingProxy({ target: server.realUrl, out, maskAccounts: true });
    try {
      recorded = await runSession(proxy.url, APP);
      map = proxy.writer.redactor.accountMap;
    } finally {
      await proxy.close();
    }
  });

  it('replaces every real account by one fake, the same across the cassette', () => {
    const text = readFileSync(out, 'utf8');
    const real = [APP.domestic, APP.overseas].map((a) => a.split('-')[0]!);
    assert.deepEqual([...map.keys()].sort(), [...real].sort());
    for (const r of real) {
      // As a whole number (an amount like 670000000 may contain the digits of 70000000).
      assert.equal(new RegExp(`(?<!\\d)${r}(?!\\d)`).test(text), false, `account ${r}`);
      assert.ok(text.includes(map.get(r)!));
    }
    const entries = parseCassette(text);
    for (const e of entries.filter((x) => x.request.path === BALANCE)) {
      const body = JSON.parse(e.response.body) as {
        output1: { cano: string }[];
        ctx_area_fk200: string;
      };
      const fake = map.get(APP.domestic.split('-')[0]!)!;
      assert.equal(e.request.query.find(([n]) => n === 'CANO')?.[1], fake);
      assert.ok(body.output1.every((row) => row.cano === fake));
      assert.ok(body.ctx_area_fk200.startsWith(`${fake}^`));
      assert.equal(body.ctx_area_fk200.length, 200, 'masking keeps every length');
    }
    const margin = entries.filter((x) => x.request.path === MARGIN);
    assert.ok(
      margin.every(
        (e) => JSON.parse(e.response.body).output.cano === map.get(APP.overseas.split('-')[0]!),
      ),
    );
  });

  it('replays with the fake accounts: the continuation keys chain through every page', async () => {
    const replay = await startReplayServer({ cassette: out });
    try {
      const fake = (id: string) => {
        const [c, p] = id.split('-') as [string, string];
        return `${map.get(c)}-${p}`;
      };
      const again = await runSession(replay.url, {
        ...APP,
        domestic: fake(APP.domestic),
        overseas: fake(APP.overseas),
      });
      assert.deepEqual(replay.misses, []);
      assert.equal(again.seen.length, recorded.seen.length);
      again.seen.slice(1).forEach((s, i) => {
        const r = recorded.seen[i + 1]!;
        let expected = r.body;
        for (const [real, f] of map) expected = expected.split(real).join(f);
        assert.equal(s.body, expected);
        assert.deepEqual(names(s.headers), names(r.headers));
      });
    } finally {
      await replay.close();
    }
  });
});
