/**
 * A promise that starts its work only when someone awaits it (like openai-node's APIPromise), so
 * a result object can also offer other ways to consume the same request (e.g. `.pages()`).
 *
 * @example
 * ```ts
 * const p = new LazyPromise(() => fetchSomething()); // nothing sent yet
 * await p; // now
 * ```
 */
export class LazyPromise<T> extends Promise<T> {
  #started: Promise<T> | undefined;
  readonly #run: () => Promise<T>;

  constructor(run: () => Promise<T>) {
    super((resolve) => resolve(undefined as T));
    this.#run = run;
  }

  // `then`/`catch`/`finally` on derived promises must be plain promises, not lazy ones.
  static override get [Symbol.species]() {
    return Promise;
  }

  #promise(): Promise<T> {
    this.#started ??= this.#run();
    return this.#started;
  }

  // biome-ignore lint/suspicious/noThenProperty: this is a promise; `then` is what starts it.
  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#promise().then(onfulfilled, onrejected);
  }

  override catch<B = never>(
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<T | B> {
    return this.#promise().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#promise().finally(onfinally);
  }
}
