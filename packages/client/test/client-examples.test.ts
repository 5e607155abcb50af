// The README's examples run as written: each file under examples/ (each starts a kisfo server in
// its own process on loopback), and the README's quick start against a local server whose
// business date is today, with the `export` lines `kisfo serve` prints.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  silentSink,
  startServer,
} from '../../server/src/index.js';
import { koreaDate } from '../src/index.js';

const run = promisify(execFile);
const clientDir = new URL('..', import.meta.url).pathname;

/** The environment of a user who set nothing: no KIS_* variable, tokens in a fresh directory. */
async function cleanEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('KIS')) env[k] = v;
  env.KISFO_TOKEN_DIR = await mkdtemp(join(tmpdir(), 'kisfo-examples-'));
  return { ...env, ...extra };
}

async function runTs(file: string, env: NodeJS.ProcessEnv) {
  return run(process.execPath, ['--import', 'tsx', file], {
    cwd: clientDir,
    env,
    timeout: 30_000,
  });
}

describe('README examples', () => {
  for (const name of [
    'balance',
    'margin-detail',
    'paging',
    'corporate-headers',
    'custom-token-store',
  ]) {
    it(`examples/${name}.ts runs and exits 0`, async () => {
      const env = await cleanEnv();
      try {
        const { stdout } = await runTs(join(clientDir, 'examples', `${name}.ts`), env);
        assert.notEqual(stdout.trim(), '', 'it prints what it found');
      } finally {
        await rm(env.KISFO_TOKEN_DIR!, { recursive: true, force: true });
      }
    });
  }

  it("the README's quick start runs against a local server", async () => {
    const readme = await readFile(join(clientDir, 'README.md'), 'utf8');
    const quick = readme.split('## Quick start')[1]!;
    const code = /```ts\n([\s\S]*?)```/.exec(quick)![1]!;
    const server = await startServer({
      port: 0,
      paperPort: 0,
      businessDate: koreaDate(new Date()),
      logger: silentSink,
    });
    // Next to the examples, so `@kisfo/client` resolves as it does for a user of the package.
    const file = join(clientDir, 'examples', `.readme-quick-start-${process.pid}.ts`);
    const env = await cleanEnv({
      KIS_APP_KEY: DEMO_REAL_APPKEY,
      KIS_APP_SECRET: DEMO_REAL_APPSECRET,
      KIS_BASE_URL: server.realUrl,
    });
    try {
      await writeFile(file, code);
      const { stdout } = await runTs(file, env);
      // Positions, the summary and its check, the deposit and the margin: one line each at least.
      assert.ok(stdout.trim().split('\n').length >= 4, stdout);
      assert.match(stdout, /\[\]/, 'checkBalance finds no violation');
    } finally {
      await rm(file, { force: true });
      await rm(env.KISFO_TOKEN_DIR!, { recursive: true, force: true });
      await server.close();
    }
  });
});
