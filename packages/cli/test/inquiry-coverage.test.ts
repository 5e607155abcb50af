// Every inquiry spec is served, callable from the SDK and shown by the CLI: each one is driven
// end to end against the real server, and the server's own request log says what arrived.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CLIENT_INQUIRY_METHODS, KisClient, MemoryTokenStore } from '@kisfo/client';
import { INQUIRY_SPECS } from '@kisfo/protocol';
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
