// The CLI helps: help for every command and group, "did you mean", one next step at the end of
// every error, system errors in plain words with their own exit codes, clamped inputs explained.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { COMMANDS, EXIT } from '../src/index.js';
import { subcommandsOf } from '../src/registry.js';
import { isolatedEnv, type RunResult, run } from './cli-helpers.js';

/** An error report: `error: …` first, exactly one `next: …` and it is the last line. */
function assertReport(r: RunResult, code: number, message: RegExp): void {
  assert.equal(r.code, code, r.stderr);
  const lines = r.stderr.trimEnd().split('\n');
  assert.match(lines[0]!, /^error: /, r.stderr);
  assert.match(r.stderr, message);
  assert.match(lines.at(-1)!, /^next: \S/, 'ends with one concrete next step');
  assert.equal(lines.filter((l) => l.startsWith('next:')).length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /TypeError|ERR_PARSE_ARGS|To specify a positional|\n\s+at /);
}

describe('help for every command and group', () => {
  const env = isolatedEnv();
  const groups = [...new Set(COMMANDS.map((c) => c.name.split(' ')[0]!))].filter(
    (g) => subcommandsOf(COMMANDS, g).length > 0,
  );

  it('`kisfo <command> --help` and `kisfo help <command>` for every command', async () => {
    for (const entry of COMMANDS) {
      const words = entry.name.split(' ');
      const h = await run([...words, '--help'], env);
      assert.equal(h.code, 0, entry.name);
      assert.match(h.stdout, new RegExp(`^Usage: kisfo ${entry.name}`));
      const again = await run(['help', ...words], env);
      assert.equal(again.stdout, h.stdout, `kisfo help ${entry.name}`);
    }
  });

  it('every group lists its subcommands: ledger, scenario, margin, master', async () => {
    assert.deepEqual(groups.sort(), ['ledger', 'margin', 'master', 'scenario']);
    for (const group of groups) {
      const h = await run([group, '--help'], env);
      assert.equal(h.code, 0, `${group} --help: ${h.stderr}`);
      for (const sub of subcommandsOf(COMMANDS, group)) {
        assert.ok(
          h.stdout.includes(sub.name.slice(group.length + 1)),
          `${group} lists ${sub.name}`,
        );
        assert.ok(h.stdout.includes(sub.summary), sub.name);
      }
    }
    const margin = await run(['margin', '--help'], env);
    assert.match(margin.stdout, /^Usage: kisfo margin \[flags\]/, 'margin is a command too');
    assert.match(margin.stdout, /Subcommands:\n {2}what-if/);
  });

  it('a group without its subcommand says which ones exist', async () => {
    assertReport(await run(['ledger'], env), EXIT.usage, /needs a subcommand: import, export/);
  });
});

describe('unknown commands and flags: did you mean, usage, next step', () => {
  const env = isolatedEnv();

  it('a mistyped command', async () => {
    const r = await run(['balnce'], env);
    assertReport(r, EXIT.usage, /unknown command "balnce"/);
    assert.match(r.stderr, /did you mean `kisfo balance`\?/);
    assert.match(r.stderr, /Usage: kisfo <command>/);
    assertReport(await run(['frobnicate'], env), EXIT.usage, /unknown command "frobnicate"/);
  });

  it('a mistyped top-level flag; --help wins over a bad flag', async () => {
    const r = await run(['--hlep'], env);
    assertReport(r, EXIT.usage, /unknown flag --hlep/);
    assert.match(r.stderr, /did you mean --help\?/);
    const h = await run(['balance', '--nope', '--help'], env);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /^Usage: kisfo balance/);
  });

  it('a mistyped subcommand', async () => {
    const r = await run(['ledger', 'imprt', 'x.json'], env);
    assertReport(r, EXIT.usage, /unknown command "kisfo ledger imprt"/);
    assert.match(r.stderr, /did you mean `kisfo ledger import`\?/);
    assert.match(r.stderr, /Usage: kisfo ledger <subcommand>/);
    const m = await run(['margin', 'what'], env);
    assertReport(m, EXIT.usage, /takes no argument "what"/);
    assert.match(m.stderr, /did you mean `kisfo margin what-if`\?/);
  });

  it('a mistyped flag, a missing value, a value for a switch', async () => {
    const r = await run(['balance', '--jsn'], env);
    assertReport(r, EXIT.usage, /unknown flag --jsn for `kisfo balance`/);
    assert.match(r.stderr, /did you mean --json\?/);
    assert.match(r.stderr, /Usage: kisfo balance/);
    assert.match(r.stderr, /next: run `kisfo balance --help`/);
    const far = await run(['balance', '--zzzzzz'], env);
    assertReport(far, EXIT.usage, /unknown flag --zzzzzz/);
    assert.doesNotMatch(far.stderr, /did you mean/, 'no wild guesses');
    assertReport(await run(['serve', '--port'], env), EXIT.usage, /^error: --port needs a value/);
    assertReport(
      await run(['balance', '--json=yes'], env),
      EXIT.usage,
      /--json is a switch and takes no value/,
    );
    assertReport(
      await run(['ledger', 'import'], env),
      EXIT.usage,
      /`kisfo ledger import` needs an argument/,
    );
  });
});

describe('system errors in plain words', () => {
  const env = isolatedEnv();
  const dir = mkdtempSync(join(tmpdir(), 'kisfo-sys-'));
  let busy: Server;
  let busyPort: number;
  before(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  after(() => busy.close());

  it('EADDRINUSE names the port and the flag that changes it', async () => {
    const real = await run(['serve', '--port', String(busyPort), '--paper-port', '0'], env);
    assertReport(
      real,
      EXIT.listen,
      new RegExp(`port ${busyPort} on 127\\.0\\.0\\.1 is already in use`),
    );
    assert.match(real.stderr, /next: pass --port with another port/);
    const paper = await run(['serve', '--port', '0', '--paper-port', String(busyPort)], env);
    assertReport(paper, EXIT.listen, new RegExp(`port ${busyPort} .* already in use`));
    assert.match(paper.stderr, /next: pass --paper-port with another port/);
  });

  it('ENOENT names the file', async () => {
    const missing = join(dir, 'nope.yaml');
    assertReport(
      await run(['serve', '--port', '0', '--scenario', missing], env),
      EXIT.file,
      new RegExp(`no such file or directory: ${missing}`),
    );
    assertReport(
      await run(['ledger', 'import', missing, '--db', join(dir, 'l.db')], env),
      EXIT.file,
      /nope\.yaml/,
    );
    assertReport(
      await run(['ledger', 'export', '--db', join(dir, 'none.db')], env),
      EXIT.file,
      /no ledger at .*none\.db/,
    );
    assertReport(
      await run(['ledger', 'import', missing, '--db', join(dir, 'no-such-dir', 'l.db')], env),
      EXIT.file,
      /no such file or directory/,
    );
  });

  it('a file that is not a ledger says so', async () => {
    const notDb = join(dir, 'not-a-ledger.db');
    writeFileSync(notDb, 'this is not SQLite '.repeat(100));
    assertReport(
      await run(['ledger', 'export', '--db', notDb], env),
      EXIT.file,
      /not-a-ledger\.db is not a SQLite ledger/,
    );
  });

  it('a scenario with errors lists each problem by path, exit 13, nothing written', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, businessDate: '2025-13-45', accounts: 'x' }));
    const db = join(dir, 'untouched.db');
    const r = await run(['ledger', 'import', bad, '--db', db], env);
    assertReport(r, EXIT.file, /the scenario has \d+ problems?; nothing was written/);
    assert.match(r.stderr, /^ {2}businessDate: /m);
    assert.match(r.stderr, /^ {2}accounts: /m);
    const yaml = join(dir, 'bad.yaml');
    writeFileSync(yaml, 'nope: [\n');
    assertReport(
      await run(['serve', '--port', '0', '--scenario', yaml], env),
      EXIT.file,
      /cannot parse/,
    );
  });

  it('TLS key and certificate errors say which file is wrong', async (t) => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
        ].concat(['-keyout', key, '-out', cert]),
        { stdio: 'ignore' },
      );
    } catch {
      t.skip('openssl not available');
      return;
    }
    const other = join(dir, 'other-key.pem');
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(other, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const garbage = join(dir, 'garbage.pem');
    writeFileSync(garbage, 'not a pem file\n');
    const serveTls = (c: string, k: string) =>
      run(['serve', '--port', '0', '--tls-cert', c, '--tls-key', k], env);
    const swapped = await serveTls(key, cert);
    assertReport(swapped, EXIT.file, /--tls-cert .*key\.pem is not a PEM certificate/);
    assert.match(swapped.stderr, /swapped/);
    assertReport(await serveTls(cert, garbage), EXIT.file, /--tls-key .*garbage\.pem is not/);
    assertReport(
      await serveTls(cert, other),
      EXIT.file,
      /--tls-key .*other-key\.pem does not belong to the certificate --tls-cert .*cert\.pem/,
    );
    assertReport(await serveTls(join(dir, 'gone.pem'), key), EXIT.file, /gone\.pem/);
  });
});

describe('clamped inputs work as given or say why', () => {
  const env = isolatedEnv();

  it('scenario generate --accounts 1 holds what one account can, or says why not', async () => {
    const one = await run(['scenario', 'generate', '--positions', '300', '--accounts', '1'], env);
    assert.equal(one.code, 0, one.stderr);
    assert.equal((JSON.parse(one.stdout) as { accounts: unknown[] }).accounts.length, 1);
    const many = await run(['scenario', 'generate', '--positions', '5', '--accounts', '4'], env);
    assert.equal((JSON.parse(many.stdout) as { accounts: unknown[] }).accounts.length, 4);
    const r = await run(['scenario', 'generate', '--positions', '20000', '--accounts', '1'], env);
    assertReport(r, EXIT.usage, /--accounts 1 cannot hold 20000 positions: .*at least 2 accounts/);
    assert.match(r.stderr, /next: pass --accounts 2/);
    assert.equal(r.stdout, '', 'nothing written');
  });

  it('numbers out of range are refused with the range', async () => {
    assertReport(
      await run(['scenario', 'generate', '--accounts', '0'], env),
      EXIT.usage,
      /--accounts must be at least 1/,
    );
    assertReport(
      await run(['serve', '--port', '70000'], env),
      EXIT.usage,
      /--port must be at most 65535/,
    );
  });
});

describe('ledger files are private', () => {
  it('ledger import creates the database with mode 0600', async () => {
    const env = isolatedEnv();
    const dir = mkdtempSync(join(tmpdir(), 'kisfo-mode-'));
    const scenario = join(dir, 's.json');
    const gen = await run(['scenario', 'generate', '--positions', '20', '--out', scenario], env);
    assert.equal(gen.code, 0, gen.stderr);
    assert.equal(statSync(scenario).mode & 0o777, 0o600, 'the scenario holds app secrets too');
    const db = join(dir, 'ledger.db');
    const imp = await run(['ledger', 'import', scenario, '--db', db], env);
    assert.equal(imp.code, 0, imp.stderr);
    assert.equal(statSync(db).mode & 0o777, 0o600);
  });
});
