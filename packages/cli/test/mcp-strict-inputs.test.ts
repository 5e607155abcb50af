// `kisfo mcp` with one configured account: an argument a tool does not take is refused, never
// dropped. A dropped `account` answered for the configured account as if it were the one asked for.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  type RunningServer,
  silentSink,
  startServer,
} from '@kisfo/server';
import { isolatedEnv } from './cli-helpers.js';
import { connectStdio, type McpSession } from './mcp-helpers.js';

const DOMESTIC = '80012345-03';
const OTHER = '12345678-08';

type CallResult = {
  isError?: boolean;
  structuredContent?: Record<string, unknown>;
  content: { type: string; text?: string }[];
};

describe('kisfo mcp refuses arguments its tools do not take', () => {
  let server: RunningServer;
  let session: McpSession;

  before(async () => {
    server = await startServer({ port: 0, logger: silentSink });
    const env = isolatedEnv({
      KIS_ENV: 'real',
      KIS_BASE_URL: server.realUrl,
      KIS_APP_KEY: DEMO_REAL_APPKEY,
      KIS_APP_SECRET: DEMO_REAL_APPSECRET,
      KIS_ACCOUNT: DOMESTIC,
    });
    session = await connectStdio([], env);
  });

  after(async () => {
    await session?.close();
    await server?.close();
  });

  const call = async (name: string, args: Record<string, unknown>) =>
    (await session.client.callTool({ name, arguments: args })) as CallResult;

  it('an account the single-account configuration does not offer is an error, not its figures', async () => {
    const plain = await call('domestic_balance', {});
    assert.notEqual(plain.isError, true, plain.content[0]?.text);
    assert.equal(plain.structuredContent?.account, DOMESTIC);

    for (const tool of ['domestic_balance', 'domestic_deposit', 'check_balance']) {
      const r = await call(tool, { account: OTHER });
      assert.equal(r.isError, true, `${tool} answered for ${DOMESTIC} when asked for ${OTHER}`);
      assert.equal(r.structuredContent, undefined);
      assert.match(r.content[0]!.text!, /account/, tool);
      assert.doesNotMatch(r.content[0]!.text!, /80012345/, `${tool} sent no figures`);
    }
  });

  it('every listed input schema says so, and a misspelt argument is refused by name', async () => {
    const { tools } = await session.client.listTools();
    assert.equal(tools.length, 6);
    for (const t of tools) {
      assert.equal(t.inputSchema.additionalProperties, false, t.name);
      assert.equal('account' in (t.inputSchema.properties ?? {}), false, t.name);
    }
    const typo = await call('domestic_balance', { margin_basis: 'maintenance' });
    assert.equal(typo.isError, true, 'a misspelt marginBasis is not silently the initial basis');
    assert.match(typo.content[0]!.text!, /margin_basis/);
  });
});
