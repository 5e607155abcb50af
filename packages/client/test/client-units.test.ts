import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { inspect } from 'node:util';
import { MESSAGES } from '@kisfo/protocol';
import {
  checkBalance,
  DEFAULT_KIS_ENV,
  errorClassFor,
  errorHint,
  fileTokenStore,
  KisApiError,
  KisAuthError,
  KisClient,
  KisDataChangedError,
  KisEnvironmentMismatchError,
  KisInvalidRequestError,
  KisNotFoundError,
  KisNotSupportedError,
  KisRateLimitError,
  KisServerError,
  KisTokenExpiredError,
  KisTokenIssueThrottledError,
  KisValidationError,
  koreaDate,
  MemoryTokenStore,
  parseKstDateTime,
  RateLimiter,
  rawOf,
  tokenStoreKey,
} from '../src/index.js';
import { optionsFromEnv } from '../src/options.js';
import { FakeKis, instantClock } from './helpers/fake-kis.js';
import { useFakeTime } from './helpers/fake-time.js';

const base = {
  env: 'real' as const,
  appKey: 'PSUNIT'.padEnd(36, '0'),
  appSecret: 'unit-secret-value'.padEnd(180, 'z'),
  tokenStore: 'memory' as const,
};

describe('options', () => {
  it('rejects bad options before any request, naming the field', () => {
    const cases: [object, string][] = [
      [{ env: 'prod' }, 'env'],
      [{ appKey: '' }, 'appKey'],
      [{ maxRetries: -1 }, 'maxRetries'],
      [{ baseURL: 'ftp://x' }, 'baseURL'],
      [
        { custtype: 'B', seqNo: '001', phoneNumber: '01011112222', ipAddr: '1.2.3.4' },
        'personalseckey',
      ],
      [
        { custtype: 'B', personalseckey: 'k'.repeat(20), seqNo: '001', ipAddr: '1.2.3.4' },
        'phoneNumber',
      ],
      [
        {
          custtype: 'B',
          personalseckey: 'k'.repeat(20),
          seqNo: '001',
          phoneNumber: '010-1111',
          ipAddr: '1.2.3.4',
        },
        'phoneNumber',
      ],
    ];
    for (const [extra, field] of cases) {
      assert.throws(
        () => new KisClient({ ...base, ...extra } as never),
        (e: unknown) => e instanceof KisValidationError && e.field === field,
        field,
      );
    }
  });

  it('validates parameters and the account before sending', async () => {
    const fake = new FakeKis();
    const client = new KisClient({ ...base, fetch: fake.fetch, baseURL: 'http://kis.test' });
    await assert.rejects(
      client.domesticFutureOption.inquireBalance(),
      (e: unknown) => e instanceof KisValidationError && e.field === 'account',
    );
    await assert.rejects(
      client.domesticFutureOption.inquireBalance({ account: '8001234-03' }),
      (e: unknown) => e instanceof KisValidationError && e.field === 'account',
    );
    await assert.rejects(
      client.domesticFutureOption.inquireBalance({
        account: '80012345-03',
        marginBasis: 'x' as never,
      }),
      (e: unknown) => e instanceof KisValidationError && e.field === 'marginBasis',
    );
    await assert.rejects(
      client.overseasFutureOption.marginDetail({
        account: '12345678-08',
        currency: 'EUR' as never,
        date: '20240522',
      }),
      (e: unknown) =>
        e instanceof KisValidationError &&
        e.field === 'CRCY_CD' &&
        /CRCY_CD \(통화코드\)/.test(e.message),
    );
    await assert.rejects(
      client.overseasFutureOption.marginDetail({
        account: '12345678-08',
        currency: 'TKR',
        date: '20240231',
      }),
      (e: unknown) => e instanceof KisValidationError && e.field === 'INQR_DT',
    );
    assert.equal(fake.seen.length, 0);
  });

  it('fromEnv reads KIS_* variables', () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      KIS_ENV: 'real',
      KIS_APP_KEY: base.appKey,
      KIS_APP_SECRET: base.appSecret,
      KIS_ACCOUNT: '80012345-03',
      KIS_BASE_URL: 'http://127.0.0.1:1/',
    });
    try {
      const c = KisClient.fromEnv({ tokenStore: 'memory' });
      assert.equal(c.env, 'real');
      assert.equal(c.account, '80012345-03');
      assert.equal(c.baseURL, 'http://127.0.0.1:1');
    } finally {
      process.env = saved;
    }
  });

  it('sends corporate headers, and a fresh gt_uid per request', async () => {
    const fake = new FakeKis({ positions: 25 });
    const client = new KisClient({
      ...base,
      appKey: 'PSCORP'.padEnd(36, '0'),
      custtype: 'B',
      personalseckey: 'corp-personal-key-123',
      seqNo: '001',
      phoneNumber: '01011112222',
      ipAddr: '203.0.113.7',
      account: '80012345-03',
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
      rateLimit: false,
    });
    await client.domesticFutureOption.inquireBalance();
    const [p1, p2] = fake.seen.filter((s) => s.route === 'balance');
    assert.equal(p1!.headers.custtype, 'B');
    assert.equal(p1!.headers.personalseckey, 'corp-personal-key-123');
    assert.equal(p1!.headers.seq_no, '001');
    assert.equal(p1!.headers.phone_number, '01011112222');
    assert.equal(p1!.headers.ip_addr, '203.0.113.7');
    assert.match(p1!.headers.gt_uid!, /^[0-9a-f]{32}$/);
    assert.notEqual(p1!.headers.gt_uid, p2!.headers.gt_uid);
  });
});

describe('errors', () => {
  it('picks the class from msg_cd through the catalog, not the HTTP status', () => {
    const expected: Record<string, unknown> = {
      EGW00121: KisAuthError,
      EGW00103: KisAuthError,
      EGW00105: KisAuthError,
      EGW00123: KisTokenExpiredError,
      EGW00133: KisTokenIssueThrottledError,
      EGW00201: KisRateLimitError,
      EGW02004: KisEnvironmentMismatchError,
      EGW02006: KisEnvironmentMismatchError,
      OPSQ2001: KisInvalidRequestError,
      SYDB0050: KisDataChangedError,
      MCA00124: KisNotFoundError,
      OPSQ2000: KisNotFoundError,
      EGW00002: KisServerError,
      ZZZZ9999: KisApiError,
    };
    for (const [code, cls] of Object.entries(expected))
      assert.equal(errorClassFor(code), cls, code);
    for (const m of Object.values(MESSAGES)) {
      if (m.category !== 'success' && m.category !== 'no-data')
        assert.notEqual(errorClassFor(m.msgCd), KisApiError, m.msgCd);
    }
  });

  it('never shows secrets in messages, toJSON or inspect — on errors and the client', async () => {
    const secret = 'super-secret-app-secret-value'.padEnd(180, 'q');
    const fake = new FakeKis();
    fake.inject(
      'balance',
      async (req) =>
        new Response(
          JSON.stringify({
            rt_cd: '1',
            msg_cd: 'ZZ',
            msg1: `echo ${req.headers.appsecret} ${req.headers.authorization}`,
            appsecret: req.headers.appsecret,
          }),
          { status: 400 },
        ),
    );
    const client = new KisClient({
      ...base,
      appKey: 'PSREDACT'.padEnd(36, '0'),
      appSecret: secret,
      account: '80012345-03',
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
      maxRetries: 0,
    });
    const e = await client.domesticFutureOption.inquireBalance().catch((x: unknown) => x);
    assert.ok(e instanceof KisApiError);
    const token = fake.seen[0] === undefined ? '' : [...fake.valid][0]!;
    for (const text of [
      e.message,
      JSON.stringify(e),
      inspect(e),
      inspect(client),
      JSON.stringify(client),
    ]) {
      assert.ok(!text.includes(secret), text);
      assert.ok(!text.includes('PSREDACT'), text);
      assert.ok(!text.includes(token), text);
    }
    assert.match(e.message, /\[REDACTED\]/);
  });
});

describe('tokens', () => {
  it('parses the KST expiry', () => {
    assert.equal(parseKstDateTime('2023-12-22 08:16:59'), Date.UTC(2023, 11, 21, 23, 16, 59));
    assert.equal(parseKstDateTime('2023-02-31 00:00:00'), undefined);
    assert.equal(parseKstDateTime('tomorrow'), undefined);
    assert.equal(koreaDate(new Date(Date.UTC(2024, 4, 21, 15, 30))), '20240522');
  });

  it('reuses the token until expiry minus the margin, then issues a new one', async () => {
    const fake = new FakeKis({ positions: 1 });
    const { clock, state } = instantClock(Date.UTC(2023, 11, 21, 0, 0, 0));
    fake.expiryText = '2023-12-22 08:16:59'; // 2023-12-21 23:16:59 UTC
    const client = new KisClient({
      ...base,
      appKey: 'PSEXPIRY'.padEnd(36, '0'),
      account: '80012345-03',
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
      clock,
      rateLimit: false,
    });
    await client.domesticFutureOption.inquireBalance();
    state.now = Date.UTC(2023, 11, 21, 23, 0, 0); // 17 min before expiry: still used
    await client.domesticFutureOption.inquireBalance();
    assert.equal(fake.counts.token, 1);
    state.now = Date.UTC(2023, 11, 21, 23, 10, 0); // inside the 10 min margin
    await client.domesticFutureOption.inquireBalance();
    assert.equal(fake.counts.token, 2);
  });

  it('file store: 0600, atomic, shared by instances, corrupt file = absent, KISFO_TOKEN_DIR', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kisfo-tokens-'));
    const fake = new FakeKis({ positions: 1 });
    const opts = {
      ...base,
      appKey: 'PSFILE'.padEnd(36, '0'),
      account: '80012345-03',
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
      rateLimit: false as const,
    };
    await new KisClient({
      ...opts,
      tokenStore: fileTokenStore({ dir }),
    }).domesticFutureOption.inquireBalance();
    await new KisClient({
      ...opts,
      tokenStore: fileTokenStore({ dir }),
    }).domesticFutureOption.inquireBalance();
    assert.equal(fake.counts.token, 1);
    const key = await tokenStoreKey('real', opts.appKey);
    assert.deepEqual(await readdir(dir), [`${key}.json`]);
    assert.ok(!key.includes('PSFILE'));
    assert.equal((await stat(join(dir, `${key}.json`))).mode & 0o777, 0o600);
    await writeFile(join(dir, `${key}.json`), '{"accessToken": "eyJ');
    await new KisClient({
      ...opts,
      tokenStore: fileTokenStore({ dir }),
    }).domesticFutureOption.inquireBalance();
    assert.equal(fake.counts.token, 2);
    assert.ok(
      JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')).accessToken.startsWith('eyJ'),
    );

    const envDir = await mkdtemp(join(tmpdir(), 'kisfo-env-'));
    process.env.KISFO_TOKEN_DIR = envDir;
    try {
      await new KisClient({ ...opts, tokenStore: 'file' }).getAccessToken();
      assert.deepEqual(await readdir(envDir), [`${key}.json`]);
    } finally {
      delete process.env.KISFO_TOKEN_DIR;
    }
  });

  it('revokeToken revokes at KIS and forgets the token', async () => {
    const fake = new FakeKis({ positions: 1 });
    const store = new MemoryTokenStore();
    const client = new KisClient({
      ...base,
      appKey: 'PSREVOKE'.padEnd(36, '0'),
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
      tokenStore: store,
      rateLimit: false,
    });
    const t = await client.getAccessToken();
    assert.equal(await client.revokeToken(), true);
    assert.equal(fake.valid.has(t), false);
    assert.equal(
      await store.get(await tokenStoreKey('real', 'PSREVOKE'.padEnd(36, '0'))),
      undefined,
    );
    assert.equal(await client.revokeToken(), false);
  });
});

describe('rate limiter', () => {
  it('never starts more than perSecond calls in a window, FIFO, without polling', async (t) => {
    // Fake time: the limiter's clock (Date.now) and its timers advance only when the test says.
    const time = useFakeTime(t);
    const limiter = new RateLimiter({ perSecond: 10, marginMs: 0 });
    const starts: number[] = [];
    const t0 = Date.now();
    const all = Promise.all(
      Array.from({ length: 25 }, () => limiter.acquire().then(() => starts.push(Date.now() - t0))),
    );
    await time.advanceUntil(() => starts.length === 25, 3000);
    await all;
    for (let i = 10; i < starts.length; i++)
      assert.ok(starts[i]! - starts[i - 10]! >= 995, `call ${i}`);
    assert.ok(starts[24]! < 2300);
  });

  it('a permit held until its answer counts one window from the release, not from the start', async (t) => {
    const time = useFakeTime(t);
    const limiter = new RateLimiter({ perSecond: 2, marginMs: 0 });
    const a = await limiter.acquirePermit();
    const b = await limiter.acquirePermit();
    let third = Number.NaN;
    const t0 = Date.now();
    const waiting = limiter.acquirePermit().then((p) => {
      third = Date.now() - t0;
      return p;
    });
    await time.advanceUntil(() => false, 1100);
    assert.ok(Number.isNaN(third), 'granted while both permits were still held');
    const released = Date.now() - t0;
    a.release();
    a.release(); // twice is harmless
    await time.advanceUntil(() => !Number.isNaN(third), 2000);
    assert.equal(third - released, 1000, 'granted exactly one window after the release');
    (await waiting).release();
    b.release();
    assert.ok(third - released >= 995, `granted ${third - released} ms after the release`);
  });

  it('a permit counts from the answer headers, not from the end of a slowly read body', async (t) => {
    const time = useFakeTime(t);
    const fake = new FakeKis({ positions: 3 });
    const sends: number[] = [];
    const headersAt: number[] = [];
    // Every balance body arrives 400 ms after its headers.
    const slowBody = async (input: string, init: RequestInit): Promise<Response> => {
      const balance = input.includes('inquire-balance');
      if (balance) sends.push(Date.now());
      const res = await fake.fetch(input, init);
      if (!balance) return res;
      headersAt.push(Date.now());
      const bytes = new Uint8Array(await res.arrayBuffer());
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          setTimeout(() => {
            controller.enqueue(bytes);
            controller.close();
          }, 400);
        },
      });
      return new Response(body, { status: res.status, headers: res.headers });
    };
    const client = new KisClient({
      ...base,
      appKey: 'PSHEAD'.padEnd(36, '0'),
      account: '80012345-03',
      fetch: slowBody,
      baseURL: 'http://kis.test',
      rateLimit: { perSecond: 1, marginMs: 0 },
    });
    let done = 0;
    const both = Promise.all([
      client.domesticFutureOption.inquireBalance().then(() => done++),
      client.domesticFutureOption.inquireBalance().then(() => done++),
    ]);
    await time.advanceUntil(() => done === 2, 5000);
    await both;
    assert.equal(sends.length, 2);
    assert.equal(sends[1]! - headersAt[0]!, 1000, "one window after the first answer's headers");
    assert.ok(sends[1]! - sends[0]! >= 1000, 'never two calls in one window');
  });

  it('an aborted waiter leaves the queue', async () => {
    const limiter = new RateLimiter({ perSecond: 1 });
    await limiter.acquire();
    const ac = new AbortController();
    const p = limiter.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await assert.rejects(p, /stop/);
    assert.equal(limiter.pending, 0);
  });
});

describe('results', () => {
  it('decodes exactly, keeps the raw strings, and nothing is sent until awaited', async () => {
    const fake = new FakeKis({ positions: 3 });
    const client = new KisClient({
      ...base,
      appKey: 'PSLAZY'.padEnd(36, '0'),
      account: '80012345-03',
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
      rateLimit: false,
    });
    const req = client.domesticFutureOption.inquireBalance();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(fake.seen.length, 0);
    const r = await req;
    assert.equal(r.positions[0]!.excc_unpr.toString(), '309.10000000');
    assert.equal(rawOf<Record<string, string>>(r.summary)!.mtnc_rt, '0.00000000');
    assert.deepEqual(checkBalance(r), []);
  });

  it('margin detail: exact amounts; paper throws KisNotSupportedError before sending', async () => {
    const fake = new FakeKis();
    const client = new KisClient({
      ...base,
      appKey: 'PSMARGIN'.padEnd(36, '0'),
      account: '12345678-08',
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
      rateLimit: false,
    });
    const m = await client.overseasFutureOption.marginDetail({
      currency: 'TKR',
      date: new Date(Date.UTC(2024, 4, 22)),
    });
    assert.equal(m.fm_brkg_mgn_amt.toString(), '49082990');
    assert.equal(m.acnt_net_risk_mgna_aply_yn, true);
    assert.equal(
      fake.seen.find((s) => s.route === 'margin')!.url.searchParams.get('INQR_DT'),
      '20240522',
    );
    const paper = new KisClient({
      ...base,
      env: 'paper',
      appKey: 'PSPAPER'.padEnd(36, '0'),
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
    });
    const before = fake.seen.length;
    await assert.rejects(
      paper.overseasFutureOption.marginDetail({
        account: '12345678-08',
        currency: 'USD',
        date: '20240522',
      }),
      KisNotSupportedError,
    );
    assert.equal(fake.seen.length, before);
  });

  it('checkBalance reports each broken identity', async () => {
    const fake = new FakeKis({ positions: 4 });
    fake.summary = { ...fake.summary, mgna_tota: '1', pchs_amt_smtl: '0' };
    fake.positions[2]!.evlu_pfls_amt = '999';
    const client = new KisClient({
      ...base,
      appKey: 'PSCHECK'.padEnd(36, '0'),
      account: '80012345-03',
      fetch: fake.fetch,
      baseURL: 'http://kis.test',
      rateLimit: false,
    });
    const fields = checkBalance(await client.domesticFutureOption.inquireBalance()).map(
      (v) => v.field,
    );
    assert.deepEqual(fields.sort(), [
      'output1[2].evlu_pfls_amt',
      'output2.futr_evlu_pfls_amt',
      'output2.mgna_tota',
      'output2.pchs_amt_smtl',
      'output2.wdrw_psbl_tot_amt',
    ]);
  });
});

describe('package hygiene', () => {
  it('the generated field docs are up to date with the specs', async () => {
    // @ts-expect-error: a plain .mjs script without types
    const gen = (await import('../scripts/gen-field-docs.mjs')) as {
      render(): string;
      OUTPUT_PATH: string;
    };
    assert.equal(await readFile(gen.OUTPUT_PATH, 'utf8'), gen.render());
  });

  it('only the file token store imports node: modules at run time', async () => {
    // Types may come from node: (erased); Node's HTTP client is taken with getBuiltinModule.
    const src = new URL('../src/', import.meta.url);
    const files = (await readdir(src, { recursive: true })).filter((f) =>
      String(f).endsWith('.ts'),
    );
    for (const f of files) {
      const text = await readFile(new URL(String(f), src), 'utf8');
      const usesNode = /^import (?!type )[^;]*from 'node:/m.test(text);
      assert.equal(usesNode, String(f) === 'file-token-store.ts', String(f));
    }
  });
});

describe('one default environment, and hints that name the likely cause', () => {
  it('fromEnv without KIS_ENV is real, the same default as the CLI', () => {
    assert.equal(DEFAULT_KIS_ENV, 'real');
    const o = optionsFromEnv({ KIS_APP_KEY: 'k', KIS_APP_SECRET: 's' });
    assert.equal(o.env, 'real');
  });

  it('MCA00124 names env and base URL, never the account; OPSQ2000 names the account', () => {
    for (const trId of ['VTFO6118R', 'CTFO6118R', undefined]) {
      const hint = errorHint('MCA00124', trId) ?? '';
      assert.match(hint, /env .*base URL/);
      assert.doesNotMatch(hint, /account/i);
    }
    assert.match(errorHint('MCA00124', 'VTFO6118R') ?? '', /VTFO6118R is the paper TR ID/);
    assert.match(errorHint('OPSQ2000') ?? '', /account/);
    assert.match(
      errorHint('OPSQ2001', undefined, 'INQR_DT 20261203 > business date 20261202') ?? '',
      /kisfo ledger advance/,
    );
    assert.equal(errorHint('OPSQ2001', undefined, 'ERROR INVALID INPUT: CANO'), undefined);
  });
});
