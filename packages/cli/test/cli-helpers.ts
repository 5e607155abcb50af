import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real `kisfo` binary of this checkout. */
export const BIN = new URL('../bin/kisfo.js', import.meta.url).pathname;

/** A fresh HOME/XDG dir so no test reads or writes the user's config or token files. */
export function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'kisfo-cli-'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    KISFO_TOKEN_DIR: join(home, 'tokens'),
    NO_COLOR: '1',
    ...extra,
  };
  return env;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `kisfo …` to completion. */
export function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
  bin = BIN,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kisfo ${args.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A `kisfo serve` process on free loopback ports, with its URLs read from its output. */
export interface Served {
  child: ChildProcess;
  realUrl: string;
  paperUrl: string;
  /** The admin listener's base URL (admin API, dashboard). */
  adminUrl: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Start `kisfo serve --port 0 …` and wait until it prints its URLs. */
export function serve(args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  return serveWith(BIN, args, env);
}

/** {@link serve} with another `kisfo` binary (an installed one). */
export function serveWith(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kisfo serve did not start\n${out}`));
    }, 60_000);
    const onData = (d: string) => {
      out += d;
      const real = /real\s+(http\S+)/.exec(out);
      const paper = /paper\s+(http\S+)/.exec(out);
      const admin = /admin\s+(http\S+?)\/kisfo\/admin/.exec(out);
      if (real && paper && admin && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({
          child,
          realUrl: real[1]!,
          paperUrl: paper[1]!,
          adminUrl: admin[1]!,
          output: () => out,
          stop: () =>
            new Promise((done) => {
              child.once('close', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
  });
}
