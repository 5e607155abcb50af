import pg from 'pg';

/** The channel every ledger write transaction notifies on commit. */
export const LEDGER_CHANNEL = 'kisfo_ledger';

/**
 * `LISTEN` on a channel over its own connection, reconnecting after a drop. While it is not
 * connected `live` is false, so callers must not trust caches it would have invalidated.
 *
 * @example
 * ```ts
 * const l = new ChangeListener(url, LEDGER_CHANNEL, (payload) => cache.clear());
 * await l.ready;
 * await l.close();
 * ```
 */
export class ChangeListener {
  #client: pg.Client | undefined;
  #closed = false;
  #live = false;
  #retry: NodeJS.Timeout | undefined;
  readonly ready: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onChange: (payload: string) => void,
    private readonly onLost: () => void = () => {},
  ) {
    this.ready = this.#connect();
  }

  /** Whether notifications are being received right now. */
  get live(): boolean {
    return this.#live;
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({
      connectionString: this.url,
      application_name: 'kisfo-listen',
      connectionTimeoutMillis: 10_000,
    });
    const lost = () => {
      if (this.#client !== client) return;
      this.#client = undefined;
      this.#live = false;
      this.onLost();
      if (!this.#closed) this.#retry = setTimeout(() => void this.#connect(), 500).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.onChange(n.payload ?? '');
    });
    try {
      this.#client = client;
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      // Anything may have changed while we were not listening.
      this.onChange('reconnected');
      this.#live = !this.#closed;
      (
        client as unknown as { connection: { stream: { unref(): void } } }
      ).connection.stream.unref();
    } catch {
      lost();
    }
  }

  /** Stop listening and close the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#live = false;
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    const c = this.#client;
    this.#client = undefined;
    await c?.end().catch(() => {});
  }
}
