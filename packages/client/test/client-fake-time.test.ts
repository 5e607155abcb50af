// The fake-time helper the rate-limiter tests stand on: its digest must give WebCrypto's bytes and
// must not wait on the thread pool (else simulated time runs while it waits), and it must not
// outlive its test.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useFakeTime } from './helpers/fake-time.js';

const realDigest = globalThis.crypto.subtle.digest;
const text = new TextEncoder().encode('PSUNIT'.padEnd(36, '0'));
// A view into the middle of a larger buffer: the offset and length must be honoured.
const framed = new Uint8Array(text.length + 7);
framed.set(text, 3);
type DigestArgs = Parameters<typeof globalThis.crypto.subtle.digest>;
const inputs: [string, DigestArgs[1]][] = [
  ['Uint8Array', text],
  ['ArrayBuffer', text.slice().buffer],
  ['DataView with an offset', new DataView(framed.buffer, 3, text.length)],
];
const algorithms: DigestArgs[0][] = ['SHA-1', 'SHA-256', { name: 'SHA-384' }, 'SHA-512'];

describe('fake time', () => {
  it('answers digests with the bytes WebCrypto gives, within the microtask queue', async (t) => {
    const expected: ArrayBuffer[] = [];
    for (const algorithm of algorithms)
      for (const [, data] of inputs) expected.push(await crypto.subtle.digest(algorithm, data));
    useFakeTime(t);
    let i = 0;
    for (const algorithm of algorithms) {
      for (const [what, data] of inputs) {
        let answer: ArrayBuffer | undefined;
        void crypto.subtle.digest(algorithm, data).then((d) => {
          answer = d;
        });
        // No event-loop turn: a thread-pool job could not have answered yet.
        for (let k = 0; k < 3; k++) await null;
        assert.ok(answer instanceof ArrayBuffer, `${JSON.stringify(algorithm)} of ${what}`);
        assert.deepEqual(new Uint8Array(answer), new Uint8Array(expected[i++]!));
      }
    }
  });

  it('leaves WebCrypto as it was once the test ends', () => {
    assert.equal(globalThis.crypto.subtle.digest, realDigest);
  });
});
