// `kisfo mcp` with one configured account: an argument a tool does not take is refused, never
// dropped. A dropped `account` answered for the configured account as if it were the one asked
// for; now an `account` other than the configured one is refused (the configured one still reads).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningServer, silentSink, startServer } from '@kisfo/server';
import { isolatedEnv } from './cli-helpers.js';
import { demoRealConnection } from './demo-connection.js';
import { type CallResult, connectStdio, type McpSession } from './mcp-helpers.js';

const DOMESTIC = '80012345-03';
const OTHER = '12345678-08';

describe('kisfo mcp refuses arguments its tools do not take', () => {
  let server: RunningServer;
  let session: McpSession;

  before(async () => {
    server = await startServer({ port: 0, logger: silentSink });
    const env = isolatedEnv(demoRealConnection(server.realUrl, DOMESTIC));
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
      const body = JSON.parse(r.content[0]!.text!) as { error: string; message: string };
      assert.equal(body.error, 'account_not_allowed', tool);
      assert.match(body.message, /12345678-08/);
      assert.doesNotMatch(r.content[0]!.text!, /"positions"|"deposit"/, `${tool} sent no figures`);
    }
    const named = await call('domestic_balance', { account: DOMESTIC });
    assert.notEqual(named.isError, true, 'naming the configured account reads it');
    assert.equal(named.structuredContent?.account, DOMESTIC);
  });

  it('a misspelt or foreign argument is refused by name, not dropped', async () => {
    const { tools } = await session.client.listTools();
    assert.equal(tools.length, 6);
    for (const t of tools) {
      assert.equal('account' in (t.inputSchema.properties ?? {}), false, t.name);
    }
    const typo = await call('domestic_balance', { margin_basis: 'maintenance' });
    assert.equal(typo.isError, true, 'a misspelt marginBasis is not silently the initial basis');
    assert.match(typo.content[0]!.text!, /unknown argument "margin_basis".*marginBasis/);
    const foreign = await call('explain_field', { field: 'mgna_tota', account: DOMESTIC });
    assert.equal(foreign.isError, true, 'explain_field takes no account');
    const notText = await call('check_balance', { account: 8001234503 });
    assert.equal(notText.isError, true);
    assert.match(notText.content[0]!.text!, /account must be an 8-2 string/);
  });
});
