import { type Exchange, exchangeError } from './exchange.js';

/** The `fetch` the client can call (the global one, or one of your own). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * One attempt's abort control: fires on the caller's signal or after `ms`, and tells which fired.
 * A class rather than closures: one small object per attempt on the hot path. (A controller is
 * never reused across attempts: `fetch` leaves a listener on every signal it is given.)
 */
class AttemptSignal {
  readonly #controller = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  timedOut = false;

  constructor(ms: number, caller: AbortSignal | undefined) {
    this.#caller = caller;
    caller?.addEventListener('abort', this, { once: true });
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#controller.abort(new Error('timeout'));
    }, ms);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The caller's signal fired (this object is its listener). */
  handleEvent(): void {
    this.#controller.abort(this.#caller?.reason);
  }

  done(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener('abort', this);
  }
}

/**
 * An {@link Exchange} over a `fetch`: the attempt's timeout and the caller's signal joined into
 * one signal, the body read whatever the status, header names in lowercase.
 *
 * @example
 * ```ts
 * const exchange = fetchExchange((input, init) => globalThis.fetch(input, init));
 * ```
 */
export function fetchExchange(fetch: FetchLike): Exchange {
  return async (url, request) => {
    const attempt = new AttemptSignal(request.timeout, request.signal);
    try {
      const res = await fetch(url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: attempt.signal,
      });
      request.onHeaders();
      const text = await res.text();
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: res.status, headers, text };
    } catch (e) {
      throw exchangeError(e, request.signal, attempt.timedOut, request.timeout);
    } finally {
      attempt.done();
    }
  };
}
