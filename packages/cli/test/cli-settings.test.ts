// `kisfo config`, profile precedence, config-file mode warnings, `--timeout` and the retry notice
// a terminal user sees while a slow host is retried.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EXIT, main } from '../src/index.js';
import { isolatedEnv, run } from './cli-helpers.js';

const SECRET = `PROFILE-SECRET-${'s'.repeat(40)}`;
const ENV_SECRET = `ENV-SECRET-${'e'.repeat(40)}`;

function configFile(mode: number): { file: string; env: NodeJS.ProcessEnv } {
  const env = isolatedEnv();
  const file = join(mkdtempSync(join(tmpdir(), 'kisfo-cfg-')), 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      defaultProfile: 'paper',
      profiles: {
        paper: {
          env: 'paper',
          appKey: 'PAPERKEY0123456789',
          appSecret: SECRET,
          account: '50012345-01',
        },
        local: {
          env: 'real',
          baseURL: 'http://127.0.0.1:1',
          appKey: 'LOCALKEY0123456789',
          appSecret: SECRET,
          account: '80012345-03',
          timeout: 2500,
        },
      },
    }),
  );
  chmodSync(file, mode);
  return { file, env: { ...env, KISFO_CONFIG: file } };
}

interface ConfigJson {
  profile: { name: string; origin: string };
  settings: { setting: string; value: string; source: string; from: string }[];
  warnings: { message: string; next: string }[];
}
const setting = (c: ConfigJson, name: string) => c.settings.find((s) => s.setting === name)!;

describe('kisfo config', () => {
  it('shows every setting with its source — flag, env, profile, default — secrets masked', async () => {
    const { env } = configFile(0o600);
    const r = await run(['config', '--json', '--account', '11111111-01', '--timeout', '30s'], {
      ...env,
      KIS_APP_KEY: 'ENVKEY0123456789XYZ',
    });
    assert.equal(r.code, 0, r.stderr);
    const c = JSON.parse(r.stdout) as ConfigJson;
    assert.deepEqual(c.profile, { name: 'paper', origin: 'defaultProfile' });
    assert.deepEqual(setting(c, 'account'), {
      setting: 'account',
      value: '11111111-01',
      source: 'flag',
      from: '--account',
    });
    assert.equal(setting(c, 'timeout').value, '30 s');
    assert.equal(setting(c, 'appKey').source, 'env');
    assert.equal(setting(c, 'appKey').from, 'KIS_APP_KEY');
    assert.equal(setting(c, 'appKey').value, 'ENVK… (19 chars)');
    assert.equal(setting(c, 'appSecret').source, 'profile');
    assert.equal(setting(c, 'appSecret').from, 'profile "paper"');
    assert.equal(setting(c, 'appSecret').value, `set, hidden (${SECRET.length} chars)`);
    assert.equal(setting(c, 'env').value, 'paper');
    assert.equal(setting(c, 'baseURL').source, 'default');
    assert.equal(setting(c, 'baseURL').value, 'https://openapivts.koreainvestment.com:29443');
    assert.equal(setting(c, 'custtype').source, 'default');
    assert.deepEqual(c.warnings, []);
    const table = await run(['config'], env);
    assert.equal(table.code, 0, table.stderr);
    for (const name of [
      'env',
      'appKey',
      'appSecret',
      'account',
      'baseURL',
      'timeout',
      'custtype',
    ]) {
      assert.match(table.stdout, new RegExp(`^${name}\\s`, 'm'), name);
    }
    assert.match(table.stdout, /profile "paper"/);
    for (const out of [r.stdout + r.stderr, table.stdout + table.stderr]) {
      assert.ok(!out.includes(SECRET.slice(0, 20)), 'the secret never shows');
      assert.ok(!out.includes('PAPERKEY0123456789'), 'nor the whole app key');
    }
  });

  it('an explicit --profile beats stray environment variables, and says which', async () => {
    const { env } = configFile(0o600);
    const stray = { ...env, KIS_APP_SECRET: ENV_SECRET, KIS_BASE_URL: 'http://127.0.0.1:2' };
    const r = await run(['config', '--json', '--profile', 'local'], stray);
    const c = JSON.parse(r.stdout) as ConfigJson;
    assert.equal(setting(c, 'appSecret').from, 'profile "local"');
    assert.equal(setting(c, 'baseURL').value, 'http://127.0.0.1:1');
    assert.equal(setting(c, 'timeout').value, '2.5 s');
    assert.equal(c.warnings.length, 1);
    assert.match(
      c.warnings[0]!.message,
      /--profile local takes precedence over KIS_APP_SECRET, KIS_BASE_URL/,
    );
    // Without --profile the environment still wins over the (default) profile.
    const d = JSON.parse((await run(['config', '--json'], stray)).stdout) as ConfigJson;
    assert.equal(setting(d, 'appSecret').source, 'env');
    assert.equal(setting(d, 'baseURL').value, 'http://127.0.0.1:2');
    // Flags still beat the profile.
    const f = JSON.parse(
      (
        await run(
          ['config', '--json', '--profile', 'local', '--base-url', 'http://127.0.0.1:3'],
          stray,
        )
      ).stdout,
    ) as ConfigJson;
    assert.equal(setting(f, 'baseURL').source, 'flag');
    // The connection commands print the same warning, then use the profile.
    const b = await run(['balance', '--profile', 'local', '--timeout', '200ms'], stray, 60_000);
    assert.equal(b.code, EXIT.connection, b.stderr);
    assert.match(b.stderr, /^warning: --profile local takes precedence/m);
    assert.match(b.stderr, /127\.0\.0\.1:1/);
  });

  it('a config file holding secrets with a mode other than 0600 draws a warning', async () => {
    const open = configFile(0o644);
    const r = await run(['config'], open.env);
    assert.equal(r.code, 0);
    assert.match(
      r.stderr,
      new RegExp(
        `warning: ${open.file} holds app secrets but other users may read it \\(mode 0644\\)`,
      ),
    );
    assert.match(r.stderr, new RegExp(`next: chmod 600 ${open.file}`));
    const b = await run(
      ['token', '--base-url', 'http://127.0.0.1:1', '--timeout', '100ms'],
      open.env,
    );
    assert.match(b.stderr, /other users may read it/, 'every command that reads it warns');
    const closed = configFile(0o600);
    assert.doesNotMatch((await run(['config'], closed.env)).stderr, /warning/);
  });

  it('an unknown --profile lists the ones there are', async () => {
    const { env } = configFile(0o600);
    const r = await run(['balance', '--profile', 'nope'], env);
    assert.equal(r.code, EXIT.config);
    assert.match(r.stderr, /no profile "nope" in .* \(profiles: paper, local\)/);
    assert.match(r.stderr, /\nnext: pass --profile paper/);
  });
});

/** A TCP server that accepts connections and never answers: a host that is very slow. */
async function silentHost(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A writable that records what it gets and claims to be a terminal (or not). */
function stream(isTTY: boolean) {
  let text = '';
  const write = (s: string) => {
    text += s;
    return true;
  };
  return { isTTY, write, text: () => text };
}

describe('--timeout and the retry notice', () => {
  let host: Awaited<ReturnType<typeof silentHost>>;
  before(async () => {
    host = await silentHost();
  });
  after(() => host.close());

  const envFor = () => ({
    ...isolatedEnv(),
    KIS_ENV: 'real',
    KIS_BASE_URL: host.url,
    KIS_APP_KEY: 'SLOWKEY0123456789',
    KIS_APP_SECRET: 'SLOWSECRET0123456789',
    KIS_ACCOUNT: '80012345-03',
  });

  it('on a terminal each retry of a slow host is announced, then a timeout error says what to do', async () => {
    const stdout = stream(true);
    const stderr = stream(true);
    const code = await main(['balance', '--timeout', '300ms'], { stdout, stderr, env: envFor() });
    assert.equal(code, EXIT.connection);
    const text = stderr.text();
    assert.match(text, /slow host: 127\.0\.0\.1:\d+: no answer within 300 ms; retry 1 /);
    assert.match(text, /retry 2 /);
    assert.doesNotMatch(text, /retry 3 /, 'two retries, as the client does');
    assert.match(text, /error: .*300 ms/);
    assert.match(text, /next: raise --timeout/);
  });

  it('a wait longer than two seconds shows a counting status line, erased when done', async () => {
    const stderr = stream(true);
    const code = await main(['token', '--timeout', '2.4s'], {
      stdout: stream(true),
      stderr,
      env: envFor(),
    });
    assert.equal(code, EXIT.connection);
    assert.match(stderr.text(), /\r\u001b\[K {2}waiting for 127\.0\.0\.1:\d+… 2 s/);
    assert.match(
      stderr.text(),
      /\r\u001b\[K.*slow host:/s,
      'the status line is erased before the notice',
    );
  });

  it('not on a terminal: no notices, just the error; a bad --timeout is a usage error', async () => {
    const stderr = stream(false);
    const code = await main(['balance', '--timeout', '200ms'], {
      stdout: stream(false),
      stderr,
      env: envFor(),
    });
    assert.equal(code, EXIT.connection);
    assert.doesNotMatch(stderr.text(), /slow host|waiting/);
    const bad = stream(false);
    assert.equal(
      await main(['balance', '--timeout', 'soon'], {
        stdout: stream(false),
        stderr: bad,
        env: envFor(),
      }),
      EXIT.usage,
    );
    assert.match(bad.text(), /--timeout must be a duration like 30s/);
  });
});
