import { EXIT } from './exit-codes.js';
import { main } from './main.js';

/** What {@link runAsProcess} needs from the process (tests pass a stand-in). */
export interface ProcessEdge {
  argv: string[];
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  exit(code: number): never;
}

/**
 * Run `kisfo` as a process: `main` with the process's streams, plus the two things only the
 * process edge can decide.
 *
 * - **Ctrl-C / SIGTERM** aborts the running command (requests in flight are cancelled and the
 *   command exits 130 with one line saying so); a second Ctrl-C exits 130 at once, for a
 *   command that does not stop.
 * - **A closed pipe** (`kisfo balance | head -3`): the reader has what it wanted, so the write
 *   error `EPIPE` ends the process quietly with exit 0 instead of an unhandled-error trace.
 *
 * @example
 * ```ts
 * // bin/kisfo.js
 * import { runAsProcess } from '../dist/run-process.js';
 * await runAsProcess();
 * ```
 */
export async function runAsProcess(edge: ProcessEdge = process) {
  const controller = new AbortController();
  const onSecond = () => edge.exit(EXIT.interrupted);
  const onSignal = () => {
    controller.abort(new Error('interrupted'));
    edge.once('SIGINT', onSecond);
    edge.once('SIGTERM', onSecond);
  };
  edge.once('SIGINT', onSignal);
  edge.once('SIGTERM', onSignal);
  const onWriteError = (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') edge.exit(EXIT.ok);
    throw e;
  };
  edge.stdout.on('error', onWriteError);
  edge.stderr.on('error', onWriteError);
  try {
    const code = await main(edge.argv.slice(2), {
      stdout: edge.stdout,
      stderr: edge.stderr,
      env: edge.env,
      signal: controller.signal,
    });
    // An interrupted command may leave a cancelled connection or timer behind; the answer is
    // already written (stdout and stderr to pipes and terminals are synchronous on Linux).
    if (controller.signal.aborted) edge.exit(code);
    return code;
  } finally {
    // Listeners gone, so a finished command's process ends on its own.
    edge.off('SIGINT', onSignal);
    edge.off('SIGTERM', onSignal);
    edge.off('SIGINT', onSecond);
    edge.off('SIGTERM', onSecond);
  }
}
