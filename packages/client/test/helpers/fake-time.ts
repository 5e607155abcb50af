// Fake time for tests that drive the client (or its rate limiter) through `t.mock.timers`.
//
// `advanceUntil` moves the clock 1 ms and then lets one event-loop turn pass, so a test is only
// deterministic when everything its calls wait on is a fake timer or a promise: then each
// simulated millisecond takes exactly one turn, however loaded the machine is. Work that finishes
// on libuv's thread pool breaks that: it ends after some real time, and all the while the loop
// keeps turning and fake time keeps running, 1 ms a turn. The client's token path hashes the app
// key and secret with WebCrypto's `digest`, which is such a job: under CPU load one digest took
// from 1 to over 3000 turns, so up to a second of simulated time (on a busier machine, the whole
// budget) passed before the first request went out. The digest is therefore replaced here by the
// same SHA hash, answered on the microtask queue.
import { createHash } from 'node:crypto';
import type { TestContext } from 'node:test';

type Digest = typeof globalThis.crypto.subtle.digest;

/** `SubtleCrypto.digest` for the SHA family, computed synchronously by `node:crypto`. */
const digestNow: Digest = async (algorithm, data) => {
  const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
  const bytes = ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
  const hash = createHash(name.replace('-', '').toLowerCase()).update(bytes).digest();
  return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength) as ArrayBuffer;
};

/** Moves fake time for one test. */
export interface FakeTime {
  /** Let promises settle, then move fake time on 1 ms at a time until `done()` or `limitMs` passed. */
  advanceUntil(done: () => boolean, limitMs: number): Promise<void>;
}

/**
 * Fake `setTimeout` and `Date` (starting at `now`) for the rest of test `t`, with WebCrypto's
 * digest answered without the thread pool (same bytes). Everything is restored when `t` ends.
 *
 * @example
 * ```ts
 * it('waits one window', async (t) => {
 *   const time = useFakeTime(t);
 *   let granted = false;
 *   void limiter.acquire().then(() => { granted = true; });
 *   await time.advanceUntil(() => granted, 2000);
 * });
 * ```
 */
export function useFakeTime(t: TestContext, now = 0): FakeTime {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now });
  t.mock.method(globalThis.crypto.subtle, 'digest', digestNow);
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    async advanceUntil(done, limitMs) {
      await settle();
      for (let ms = 0; ms < limitMs && !done(); ms++) {
        t.mock.timers.tick(1);
        await settle();
      }
    },
  };
}
