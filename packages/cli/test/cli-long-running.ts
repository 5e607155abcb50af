import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './cli-helpers.js';

/** A long-running `kisfo …` process (record, serve --replay) with a URL read from its output. */
export interface LongRunning {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Start `kisfo args…` and wait until `pattern` (one capture group: the URL) appears. */
export function start(
  args: string[],
  env: NodeJS.ProcessEnv,
  pattern: RegExp,
): Promise<LongRunning> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kisfo ${args.join(' ')} did not start\n${out}`));
    }, 60_000);
    const onData = (d: string) => {
      out += d;
      const m = pattern.exec(out);
      if (m !== null && out.includes('Ctrl-C')) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!,
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
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`kisfo ${args.join(' ')} exited with ${code}\n${out}`));
    });
  });
}
