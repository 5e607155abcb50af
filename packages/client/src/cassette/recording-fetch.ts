import { CassetteRedactor, cassetteLine, type RawExchange } from '@kisfo/protocol';
import type { FetchLike } from '../transport.js';
import { lowerHeaders } from './replay-fetch.js';

/**
 * Where `KisClient`'s `record` option writes: a file (appended with `node:fs`, loaded only when
 * the first exchange is written, so the client still runs where there is no file system) or a
 * sink of your own (one cassette line per call, no newline) for browsers, workers and tests.
 */
export type RecordOptions = (
  | { path: string; sink?: never }
  | { sink: (line: string) => void | Promise<void>; path?: never }
) & {
  /** Replace account numbers by fakes, consistently across the cassette. */
  maskAccounts?: boolean;
};

type Write = (line: string) => Promise<void>;

function fileWriter(path: string): Write {
  let append: ((line: string) => void) | undefined;
  return async (line) => {
    if (append === undefined) {
      const fs = await import('node:fs');
      const { dirname } = await import('node:path');
      fs.mkdirSync(dirname(path), { recursive: true });
      // Synchronous appends keep lines whole and in answer order across concurrent requests.
      append = (l) => fs.appendFileSync(path, `${l}\n`, { mode: 0o600 });
    }
    append(line);
  };
}

/**
 * Wrap a `fetch` so every exchange is appended to a cassette in kisfo's format (the one
 * `kisfo record` writes), redacted before it is written: `secrets` (the client's app key, app
 * secret, customer key) and everything the session shows (tokens in bodies, bearer headers).
 * Header names are as `fetch` shows them (lowercase; the cassette says `source: "sdk"`). The
 * line is written before the answer is handed on, so a finished call is on disk.
 *
 * @example
 * ```ts
 * const f = recordingFetch(globalThis.fetch, { path: 'kis.jsonl' }, [appKey, appSecret]);
 * ```
 */
export function recordingFetch(
  inner: FetchLike,
  record: RecordOptions,
  secrets: readonly (string | undefined)[],
): FetchLike {
  const redactor = new CassetteRedactor({ maskAccounts: record.maskAccounts === true });
  for (const s of secrets) redactor.addSecret(s);
  const write: Write =
    record.sink !== undefined ? async (l) => record.sink!(l) : fileWriter(record.path!);
  return async (input, init) => {
    const started = Date.now();
    const t0 = performance.now();
    const headers = lowerHeaders(init.headers);
    // Ask for an uncompressed answer: the body is stored as text.
    const res = await inner(input, {
      ...init,
      headers: { ...headers, 'accept-encoding': 'identity' },
    });
    const text = await res.text();
    const url = new URL(input);
    const responseHeaders: [string, string][] = [];
    res.headers.forEach((v, k) => {
      // fetch has decoded the body already: its encoding and length headers no longer apply.
      if (k !== 'content-encoding') responseHeaders.push([k, v]);
    });
    const raw: RawExchange = {
      recordedAt: new Date(started).toISOString(),
      durationMs: Math.round((performance.now() - t0) * 1000) / 1000,
      source: 'sdk',
      request: {
        method: init.method ?? 'GET',
        path: url.pathname,
        query: [...url.searchParams.entries()],
        headers: Object.entries(headers),
        body: typeof init.body === 'string' ? init.body : null,
      },
      response: {
        status: res.status,
        ...(res.statusText === '' ? {} : { statusText: res.statusText }),
        headers: responseHeaders,
        body: text,
      },
    };
    await write(cassetteLine(redactor.redact(raw)));
    return new Response(text === '' ? null : text, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}
