// Every TypeScript and shell snippet of the README and the package READMEs that talks to a server
// runs, as written, against `kisfo serve` on free loopback ports, with the environment the serve
// banner tells a user to export. Snippets are read out of the markdown, never copied here; a
// preloaded guard makes any connection beyond loopback fail.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isolatedEnv, type Served, serve } from './cli-helpers.js';
import {
  fencedBlocks,
  isProgram,
  isShell,
  isTs,
  type Snippet,
  shellTalksToServer,
  tsTalksToServer,
} from './markdown-snippets.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const GUARD = new URL('./loopback-only.mjs', import.meta.url).pathname;
const WORK = join(ROOT, 'node_modules', '.cache', 'kisfo-doc-snippets');

const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'packages'))
    .map((p) => `packages/${p}/README.md`)
    .filter((f) => existsSync(join(ROOT, f))),
];

interface Runnable {
  name: string;
  kind: 'ts' | 'sh';
  code: string;
  /** Runs until SIGINT (a server): stop it once it has printed. */
  untilSigint: boolean;
}

/** The runnable snippets: TS continuations run after the program block before them. */
function runnables(): Runnable[] {
  const out: Runnable[] = [];
  for (const file of DOCS) {
    let program: Snippet | undefined;
    for (const s of fencedBlocks(readFileSync(join(ROOT, file), 'utf8'), file)) {
      const name = `${file}:${s.line}`;
      if (isTs(s)) {
        const whole = isProgram(s.code);
        if (whole) program = s;
        if (!tsTalksToServer(s.code)) continue;
        if (!whole && program === undefined) assert.fail(`${name}: a fragment with no program`);
        const code = whole ? s.code : program!.code + s.code;
        out.push({ name, kind: 'ts', code, untilSigint: /process\.once\('SIGINT'/.test(code) });
      } else if (isShell(s) && shellTalksToServer(s.code)) {
        out.push({ name, kind: 'sh', code: s.code, untilSigint: false });
      }
    }
  }
  return out;
}

/** The `export` lines of the banner's real-host section, as an environment. */
function bannerEnv(banner: string): Record<string, string> {
  const section = banner.slice(banner.indexOf('Point the SDK'), banner.indexOf('Paper host'));
  const env: Record<string, string> = {};
  for (const line of section.split('\n')) {
    const m = /^\s*export\s+(.+)$/.exec(line);
    if (m === null) continue;
    for (const pair of m[1]!.trim().split(/\s+/)) {
      const i = pair.indexOf('=');
      env[pair.slice(0, i)] = pair.slice(i + 1);
    }
  }
  return env;
}

function runSnippet(
  r: Runnable,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  mkdirSync(WORK, { recursive: true });
  // .mts: an ES module wherever it lands (top-level await, import).
  const file = join(WORK, `${r.name.replace(/[^\w]+/g, '-')}.mts`);
  writeFileSync(file, r.code);
  const child =
    r.kind === 'ts'
      ? spawn(process.execPath, ['--import', 'tsx', '--import', GUARD, file], { cwd: ROOT, env })
      : spawn('bash', ['-e', '-o', 'pipefail', '-c', r.code], {
          cwd: ROOT,
          env: { ...env, NODE_OPTIONS: `--import ${GUARD}` },
        });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${r.name} timed out\n${stdout}\n${stderr}`));
    }, 90_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      // Once it has printed, give it a moment to install its SIGINT handler, then stop it.
      if (r.untilSigint && stdout.includes('\n')) setTimeout(() => child.kill('SIGINT'), 500);
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('documentation snippets run against kisfo serve', () => {
  let server: Served;
  let env: NodeJS.ProcessEnv;
  const all = runnables();

  before(async () => {
    // The README's own serve line, with free ports instead of the defaults.
    const line = fencedBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'), 'README.md')
      .filter(isShell)
      .flatMap((s) => s.code.split('\n'))
      .find((l) => /^npx kisfo serve\b/.test(l));
    assert.ok(line, 'the README shows how to start the server');
    const args = line.replace(/#.*$/, '').trim().split(/\s+/).slice(3);
    const base = isolatedEnv();
    server = await serve([...args, '--paper-port', '0'], base);
    env = { ...base, ...bannerEnv(server.output()) };
    assert.equal(env.KIS_BASE_URL, server.realUrl);
  });
  after(() => server.stop());

  it('finds the snippets that talk to a server in each document', () => {
    const from = (f: string) => all.filter((r) => r.name.startsWith(`${f}:`));
    assert.ok(
      from('README.md').some((r) => r.kind === 'ts'),
      'README TypeScript',
    );
    assert.ok(
      from('README.md').some((r) => r.kind === 'sh'),
      'README shell',
    );
    assert.ok(from('packages/client/README.md').length >= 3, 'client README');
    assert.ok(from('packages/server/README.md').length >= 1, 'server README');
  });

  for (const r of all) {
    it(`${r.name} (${r.kind}) runs as written`, async () => {
      const res = await runSnippet(r, env);
      assert.equal(res.code, 0, `${r.name}\n${res.stdout}\n${res.stderr}`);
      assert.ok(res.stdout.trim().length > 0, `${r.name} printed nothing\n${res.stderr}`);
      assert.doesNotMatch(res.stderr, /only loopback is allowed/);
    });
  }

  it('the README program works with KIS_ENV unset: fromEnv defaults to real, like the CLI', async () => {
    const taste = all.find((r) => r.name.startsWith('README.md:') && r.kind === 'ts')!;
    const { KIS_ENV: _, ...unset } = env;
    const res = await runSnippet(taste, unset);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /위탁증거금 \d+/);
  });
});
