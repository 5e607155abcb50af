// `kisfo dashboard --url` takes the admin URL exactly as `kisfo serve` prints it (with its
// /kisfo/admin path), and its failures read like every command's: `error: …`, then one `next: …`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isolatedEnv, type RunResult, run, type Served, serve } from './cli-helpers.js';

function assertReport(r: RunResult, code: number, message: RegExp): void {
  assert.equal(r.code, code, r.stderr);
  assert.match(r.stderr, /^error: /m);
  assert.match(r.stderr, message);
  assert.equal(r.stderr.match(/^next: \S/gm)?.length, 1, `one next step: ${r.stderr}`);
}

describe('kisfo dashboard --url as serve prints it', () => {
  let server: Served;
  const token = 'dashboard-url-test-admin-token';
  before(async () => {
    server = await serve(['--admin-token', token], isolatedEnv());
  });
  after(() => server.stop());

  it('the printed admin URL (…/kisfo/admin) mints a working link', async () => {
    const printed = /admin\s+(http\S+\/kisfo\/admin)\s/.exec(server.output())?.[1];
    assert.ok(printed, server.output());
    for (const url of [printed, `${printed}/`]) {
      const r = await run(
        ['dashboard', '--url', url, '--admin-token', token, '--json'],
        isolatedEnv(),
      );
      assert.equal(r.code, 0, r.stderr);
      const link = (JSON.parse(r.stdout) as { url: string }).url;
      assert.ok(link.startsWith(`${server.adminUrl}/kisfo/dashboard/#code=`), link);
      const page = await fetch(link.split('#')[0]!);
      assert.equal(page.status, 200);
    }
  });

  it('each failure is an error line and one next step, with its own exit code', async () => {
    const none = await run(['dashboard', '--url', server.adminUrl], isolatedEnv());
    assertReport(none, 3, /no admin token/);
    assert.match(
      none.stderr,
      /^next: pass --admin-token/m,
      'the next step is the flag, not `kisfo config`',
    );
    const wrong = await run(
      ['dashboard', '--url', server.adminUrl, '--admin-token', 'nope-nope'],
      isolatedEnv(),
    );
    assertReport(wrong, 4, /refused the admin token/);
    assert.doesNotMatch(wrong.stderr, /nope-nope/);
    assertReport(
      await run(
        ['dashboard', '--url', 'http://127.0.0.1:9', '--admin-token', token],
        isolatedEnv(),
      ),
      10,
      /no kisfo server at http:\/\/127\.0\.0\.1:9/,
    );
    assertReport(
      await run(['dashboard', '--url', server.realUrl, '--admin-token', token], isolatedEnv()),
      11,
      /answered HTTP 404/,
    );
  });
});
