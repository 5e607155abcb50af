import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isolatedEnv, run, type Served, serve } from './cli-helpers.js';

describe('kisfo dashboard', () => {
  let server: Served;
  const token = 'dashboard-test-admin-token';
  before(async () => {
    server = await serve(['--admin-token', token], isolatedEnv());
  });
  after(() => server.stop());

  it('serve prints a one-time dashboard link in its banner, and the page is served', async () => {
    const link = /dashboard (http\S+#code=\S+)/.exec(server.output())?.[1];
    assert.ok(link, server.output());
    assert.ok(link.startsWith(`${server.adminUrl}/kisfo/dashboard/#code=`));
    const page = await fetch(link.split('#')[0]!);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="app">/);
  });

  it('mints a link whose code buys one session; the admin token is not in it', async () => {
    const r = await run(
      ['dashboard', '--url', server.adminUrl, '--json'],
      isolatedEnv({ KISFO_ADMIN_TOKEN: token }),
    );
    assert.equal(r.code, 0, r.stderr);
    const { url } = JSON.parse(r.stdout) as { url: string };
    assert.ok(!url.includes(token));
    const code = url.split('#code=')[1];
    const redeem = () =>
      fetch(`${server.adminUrl}/kisfo/dashboard/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code }),
      });
    assert.equal((await redeem()).status, 201);
    assert.equal((await redeem()).status, 401);
  });

  it('says what to do: no token (exit 3), a wrong one (exit 4), no server (exit 10)', async () => {
    const none = await run(['dashboard', '--url', server.adminUrl], isolatedEnv());
    assert.equal(none.code, 3);
    assert.match(none.stderr, /--admin-token/);
    const wrong = await run(
      ['dashboard', '--url', server.adminUrl, '--admin-token', 'nope'],
      isolatedEnv(),
    );
    assert.equal(wrong.code, 4);
    assert.match(wrong.stderr, /refused the admin token/);
    assert.doesNotMatch(wrong.stderr, /nope/);
    const down = await run(
      ['dashboard', '--url', 'http://127.0.0.1:9', '--admin-token', token],
      isolatedEnv(),
    );
    assert.equal(down.code, 10);
    assert.match(down.stderr, /kisfo serve/);
  });
});
