// A request a `kisfo serve --replay` cassette does not hold: the next step says to record it (or
// pass it through), not to check the environment and base URL as for a real MCA00124.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningServer, silentSink, startServer } from '@kisfo/server';
import { EXIT } from '../src/exit-codes.js';
import { isolatedEnv, run } from './cli-helpers.js';
import { type LongRunning, start } from './cli-long-running.js';
import { demoRealConnection, recordingDemoClient } from './demo-connection.js';

describe('kisfo against a replay without the request', () => {
  let server: RunningServer;
  let replay: LongRunning;
  const env = isolatedEnv();
  const cassette = join(env.HOME!, 'session.jsonl');

  before(async () => {
    server = await startServer({ port: 0, logger: silentSink });
    const client = recordingDemoClient(server.realUrl, cassette);
    await client.domesticFutureOption.inquireBalance({ account: '80012345-03' });
    await server.close();
    replay = await start(['serve', '--replay', cassette, '--port', '0'], env, /real\s+(http\S+)/);
  });
  after(async () => {
    await replay?.stop();
  });

  it('the recorded request is answered; another one names the cassette as the cause', async () => {
    const clientEnv = { ...env, ...demoRealConnection(replay.url, '80012345-03') };
    const recorded = await run(['balance', '--json'], clientEnv);
    assert.equal(recorded.code, 0, recorded.stderr);
    const missing = await run(['balance', '--basis', 'maintenance'], clientEnv);
    assert.equal(missing.code, EXIT['not-found'], missing.stderr);
    assert.match(missing.stderr, /not recorded/);
    const next = /^next: (.*)$/m.exec(missing.stderr)?.[1] ?? '';
    assert.match(next, /kisfo record/);
    assert.match(next, /passthrough/);
    assert.doesNotMatch(next, /KIS_ENV|base URL/, next);
  });
});
