// A profile file with parts of the wrong type, through the real binary: a settings error (exit 3)
// naming the part, before any request, with no secret value echoed. Before, an object appKey went
// to the host as "[object Object]" and a profile that is not an object silently set nothing.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXIT } from '../src/exit-codes.js';
import { isolatedEnv, run } from './cli-helpers.js';

const SECRET = 'profile-secret-never-shown-0123456789';

describe('kisfo with a profile file of the wrong shape', () => {
  const base = isolatedEnv();
  const dir = base.HOME!;

  const withFile = (name: string, content: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content), { mode: 0o600 });
    // Port 9 on loopback: a request sent anyway would be a connection error (10), not 3.
    return { ...base, KISFO_CONFIG: path, KIS_BASE_URL: 'http://127.0.0.1:9' };
  };

  const cases: [string, unknown, RegExp][] = [
    ['array.json', [], /the top level in the config file .*array\.json must be an object/],
    [
      'default.json',
      { defaultProfile: 5, profiles: {} },
      /"defaultProfile" in the config file .* must be a profile name/,
    ],
    ['profiles.json', { profiles: ['a'] }, /"profiles" in the config file .* must be an object/],
    [
      'string-profile.json',
      { defaultProfile: 'a', profiles: { a: 'PSKEY' } },
      /profile "a" in the config file .* must be an object of settings/,
    ],
    [
      'object-key.json',
      {
        defaultProfile: 'a',
        profiles: { a: { appKey: { key: 'PSKEY' }, appSecret: SECRET, account: '80012345-03' } },
      },
      /"appKey" of profile "a" in the config file .* must be a string/,
    ],
    [
      'list-secret.json',
      { defaultProfile: 'a', profiles: { a: { appKey: 'PSKEY0123456789', appSecret: [SECRET] } } },
      /"appSecret" of profile "a" in the config file .* must be a string/,
    ],
    [
      'number-account.json',
      {
        defaultProfile: 'a',
        profiles: { a: { appKey: 'K', appSecret: SECRET, account: 8001234503 } },
      },
      /"account" of profile "a" in the config file .* must be a string/,
    ],
  ];

  for (const [name, content, message] of cases) {
    it(`${name}: config and balance exit 3 naming the part`, async () => {
      const env = withFile(name, content);
      for (const args of [['config'], ['balance'], ['token']]) {
        const r = await run(args, env);
        assert.equal(r.code, EXIT.config, `${args[0]}: ${r.stderr}`);
        assert.match(r.stderr, message, args[0]);
        assert.match(r.stderr, /^next: fix .*\.json/m, args[0]);
        assert.ok(!(r.stdout + r.stderr).includes(SECRET), 'no secret value echoed');
      }
    });
  }

  it('a well-formed file still works, a timeout given as a string of milliseconds included', async () => {
    const env = withFile('good.json', {
      defaultProfile: 'a',
      profiles: { a: { appKey: 'PSKEY0123456789', appSecret: SECRET, timeout: '5000' } },
    });
    const r = await run(['config', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const timeout = (
      JSON.parse(r.stdout) as { settings: { setting: string; value: string }[] }
    ).settings.find((s) => s.setting === 'timeout');
    assert.match(String(timeout?.value), /^5 ?s$/);
  });
});
