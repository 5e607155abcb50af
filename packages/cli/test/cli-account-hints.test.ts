// An account the app key does not hold for the inquiry (OPSQ2000), through the real binary
// against a kisfo server: exit 8 and a next step about the command's own kind of account. Before,
// `balance` and `deposit` were told that "the overseas margin detail needs … product code 08".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningServer, silentSink, startServer } from '@kisfo/server';
import { EXIT } from '../src/exit-codes.js';
import { isolatedEnv, run } from './cli-helpers.js';
import { demoRealConnection } from './demo-connection.js';

describe('kisfo with an account of the other kind', () => {
  let server: RunningServer;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    server = await startServer({ port: 0, logger: silentSink });
    env = isolatedEnv(demoRealConnection(server.realUrl));
  });
  after(() => server?.close());

  it('balance and deposit with the overseas account say a domestic one is needed', async () => {
    for (const command of ['balance', 'deposit']) {
      const r = await run([command, '--account', '12345678-08'], env);
      assert.equal(r.code, EXIT['not-found'], r.stderr);
      assert.match(r.stderr, /OPSQ2000/);
      const next = /^next: (.*)$/m.exec(r.stderr)?.[1] ?? '';
      assert.match(next, /--account/, command);
      assert.match(next, /domestic futures\/options account/, command);
      assert.doesNotMatch(next, /overseas|08\)/, `${command}: ${next}`);
    }
  });

  it('margin with the domestic account says the overseas (-08) one is needed', async () => {
    const r = await run(['margin', '--account', '80012345-03'], env);
    assert.equal(r.code, EXIT['not-found'], r.stderr);
    const next = /^next: (.*)$/m.exec(r.stderr)?.[1] ?? '';
    assert.match(next, /--account/);
    assert.match(next, /overseas F\/O account \(NNNNNNNN-08\)/);
    assert.doesNotMatch(next, /domestic/);
  });
});
