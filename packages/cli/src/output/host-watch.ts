import type { FetchLike } from '@kisfo/client';
import type { Style } from './style.js';

/** Shown after this long without an answer. */
const QUIET_MS = 2000;

/**
 * A `fetch` wrapper for a terminal: while a request has waited more than two seconds, a status
 * line counts the seconds (`waiting for openapi…:9443… 7 s`); `notice` prints a lasting line
 * (a retry). The status line is erased when the answer comes.
 */
export function hostWatch(
  stream: { write(s: string): unknown },
  style: Style,
  baseURL: string,
): { fetch: FetchLike; notice(text: string): void } {
  const host = baseURL.replace(/^https?:\/\//, '');
  let pending = 0;
  let since = 0;
  let shown = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const clear = () => {
    if (shown) stream.write('\r\u001b[K');
    shown = false;
  };
  const tick = () => {
    const waited = Date.now() - since;
    if (pending === 0 || waited < QUIET_MS) return;
    stream.write(`\r\u001b[K${style.dim(`  waiting for ${host}… ${Math.floor(waited / 1000)} s`)}`);
    shown = true;
  };
  const start = () => {
    if (pending++ > 0) return;
    since = Date.now();
    timer = setInterval(tick, 250);
    timer.unref();
  };
  const end = () => {
    if (--pending > 0) return;
    clearInterval(timer);
    clear();
  };
  return {
    async fetch(input, init) {
      start();
      try {
        return await globalThis.fetch(input, init);
      } finally {
        end();
      }
    },
    notice(text) {
      clear();
      stream.write(`${style.yellow('  slow host:')} ${host}: ${text}\n`);
    },
  };
}
