// `kisfo reconcile --scenario FILE` reads the scenario as `ledger import` does: a missing file or
// a scenario with errors is a file problem (13) naming the file and each error's path, not a usage
// error with Node's raw ENOENT text; an unreadable --in says why.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningServer, silentSink, startServer } from '@kisfo/server';
import { EXIT } from '../src/exit-codes.js';
import { isolatedEnv, run } from './cli-helpers.js';
import { recordingDemoClient } from './demo-connection.js';

describe('kisfo reconcile with files that cannot be read', () => {
  let server: RunningServer;
  const env = isolatedEnv();
  const dir = env.HOME!;
  const cassette = join(dir, 'session.jsonl');

  before(async () => {
    server = await startServer({ port: 0, logger: silentSink });
    const date = server.backOffice.businessDate();
    const client = recordingDemoClient(server.realUrl, cassette);
    await client.domesticFutureOption.inquireBalance({ account: '80012345-03' });
    await client.overseasFutureOption.marginDetail({
      account: '12345678-08',
      currency: 'TKR',
      date,
    });
  });
  after(() => server?.close());

  it('the cassette reconciles (the inputs below are the only thing wrong)', async () => {
    const r = await run(['reconcile', '--in', cassette], env);
    assert.equal(r.code, 0, r.stderr);
  });

  it('a missing --scenario is exit 13 with the path and the directory it is read from', async () => {
    const r = await run(['reconcile', '--in', cassette, '--scenario', join(dir, 'none.json')], env);
    assert.equal(r.code, EXIT.file, r.stderr);
    assert.match(r.stderr, /no such file or directory: .*none\.json/);
    assert.doesNotMatch(r.stderr, /ENOENT/);
    assert.match(r.stderr, /^next: check the path/m);
  });

  it('a --scenario with errors lists each by its path, exit 13', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, businessDate: '2025-13-45', accounts: 'x' }));
    const r = await run(['reconcile', '--in', cassette, '--scenario', bad], env);
    assert.equal(r.code, EXIT.file, r.stderr);
    assert.match(r.stderr, /^error: --scenario .*bad\.json has 2 problems$/m);
    assert.match(r.stderr, /^ {2}businessDate: /m);
    assert.match(r.stderr, /^ {2}accounts: /m);
  });

  it('an unreadable --in stays a usage error and says why', async () => {
    const r = await run(['reconcile', '--in', dir], env);
    assert.equal(r.code, EXIT.usage, r.stderr);
    assert.match(r.stderr, /cannot read --in .*: .*directory/);
  });
});
