import type { KisMasterRow } from '@kisfo/risk';
import type { AppRecord } from '../../../contracts.js';
import { LedgerConflictError } from '../../errors.js';
import { fillOf, money, orderOf, priceOf, type Row, sameFill } from '../row-mapping.js';
import type {
  LedgerAccount,
  LedgerAccountPolicy,
  LedgerDeposit,
  LedgerFill,
  LedgerInstrument,
  LedgerOrder,
  LedgerPosition,
  LedgerPrice,
  LedgerStore,
  LedgerUnderlying,
  OrderStatus,
  RiskParameterKind,
} from '../types.js';
import { PgBridge, PostgresError, type SqlStatement } from './bridge.js';
import { ChangeListener, LEDGER_CHANNEL } from './change-listener.js';
import { POSTGRES_LEDGER_MIGRATIONS } from './migrations.js';
import { redactDatabaseUrl } from './redact-url.js';

/** Options of {@link openPostgresLedger}. */
export interface PostgresLedgerOptions {
  /** Skip migrations (the schema must exist); for exports. */
  readonly?: boolean;
  /**
   * Cache app records in this process and drop the cache on every ledger change any instance
   * commits (`LISTEN kisfo_ledger`). Servers turn it on; one-shot commands leave it off.
   */
  listen?: boolean;
  /** `application_name` of the connection. */
  applicationName?: string;
  /** Server-side limit per statement (default 10 s). */
  statementTimeoutMs?: number;
}

// Advisory lock keys: ledger writers (one at a time, like SQLite's one writer) and migrations.
const WRITE_LOCK = 4_711_001;
const MIGRATE_LOCK = 4_711_002;
// Writes queued in a transaction are sent at the next read, at commit, or at this many.
const FLUSH_AT = 4000;

const opt = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);

/**
 * Open (and migrate) a PostgreSQL ledger. Two instances opening an empty database at once migrate
 * it once (an advisory lock guards the migrations).
 *
 * @example
 * ```ts
 * const store = openPostgresLedger('postgres://kisfo@db.internal:5432/kisfo');
 * importScenario(store, DEMO_SCENARIO);
 * store.close();
 * ```
 */
export function openPostgresLedger(
  url: string,
  options: PostgresLedgerOptions = {},
): PgLedgerStore {
  return new PgLedgerStore(url, options);
}

/**
 * The PostgreSQL {@link LedgerStore}. Same contract as the SQLite store:
 * - every write transaction takes one advisory lock, so writers across all instances run one at a
 *   time (as SQLite's single writer) while readers never wait (MVCC): an import replaces the
 *   ledger and the other instances keep answering from the previous one until it commits;
 * - writes inside a transaction are queued and sent pipelined (at the next read or at commit), so
 *   a 100,000-row import is a few hundred round trips, not 100,000;
 * - account versions are bumped inside the writing transaction (row locks order concurrent
 *   bumps), so every instance reads the same version for the same ledger state;
 * - each commit notifies `kisfo_ledger`; with `listen`, app and account records are cached in
 *   the process and the cache is dropped on every notification (and while not listening).
 */
export class PgLedgerStore implements LedgerStore {
  readonly backend = 'postgres';
  /** The connection (shared with the server's token and rate-limit state). */
  readonly db: PgBridge;
  /** The URL with its password masked, for messages. */
  readonly displayUrl: string;
  #depth = 0;
  #pending: SqlStatement[] = [];
  /** Position upserts queued after `#pending`, sent as one multi-row statement per run. */
  #positionRun: unknown[][] = [];
  #begun = false;
  #touched = new Set<string>();
  #touchedAll = false;
  #appsChanged = false;
  readonly #names = new Map<string, string>();
  readonly #listener: ChangeListener | undefined;
  #apps = new Map<string, AppRecord | undefined>();
  #accounts = new Map<string, LedgerAccount | undefined>();

  constructor(url: string, options: PostgresLedgerOptions = {}) {
    this.displayUrl = redactDatabaseUrl(url);
    try {
      this.db = new PgBridge(url, {
        applicationName: options.applicationName ?? process.env.PGAPPNAME ?? 'kisfo',
        ...(options.statementTimeoutMs === undefined
          ? {}
          : { statementTimeoutMs: options.statementTimeoutMs }),
      });
    } catch (e) {
      // The driver's message never carries the password; say which database in its masked form.
      throw new PostgresError({
        message: `cannot open ${this.displayUrl}: ${(e as Error).message}`,
        ...((e as PostgresError).code === undefined ? {} : { code: (e as PostgresError).code! }),
      });
    }
    try {
      if (options.readonly !== true) this.#migrate();
    } catch (e) {
      this.db.close();
      throw e;
    }
    if (options.listen === true) {
      this.#listener = new ChangeListener(
        url,
        LEDGER_CHANNEL,
        () => this.#dropCaches(),
        () => this.#dropCaches(),
      );
    }
  }

  #dropCaches(): void {
    this.#apps.clear();
    this.#accounts.clear();
  }

  /** Cache reads only while notifications arrive and outside a transaction (which may write). */
  #cacheable(): boolean {
    return this.#listener?.live === true && this.#depth === 0;
  }

  /** Resolves once change notifications are received (immediately without `listen`). */
  async listening(): Promise<void> {
    await this.#listener?.ready;
  }

  #migrate(): void {
    const [, , , rows] = this.db.run([
      { text: 'BEGIN' },
      { text: 'SELECT pg_advisory_xact_lock($1)', values: [MIGRATE_LOCK] },
      {
        text: 'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      },
      { text: 'SELECT COALESCE(MAX(id), 0) AS v FROM schema_migrations' },
    ]);
    const applied = Number(rows![0]!.v);
    const todo: SqlStatement[] = [];
    for (const m of POSTGRES_LEDGER_MIGRATIONS) {
      if (m.id <= applied) continue;
      todo.push(
        { text: m.sql },
        {
          text: 'INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)',
          values: [m.id, m.name, new Date().toISOString()],
        },
      );
    }
    try {
      this.db.run([...todo, { text: 'COMMIT' }]);
    } catch (e) {
      this.db.run([{ text: 'ROLLBACK' }]);
      throw e;
    }
  }

  #stmt(text: string, values: readonly unknown[] = []): SqlStatement {
    let name = this.#names.get(text);
    if (name === undefined) {
      name = `kisfo_${this.#names.size + 1}`;
      this.#names.set(text, name);
    }
    return { text, values, name };
  }

  /** Rows of a read, sent after the queued writes of the transaction (one round trip). */
  #q(text: string, values: readonly unknown[] = []): Row[] {
    this.#sealPositions();
    const batch = [...this.#pending, this.#stmt(text, values)];
    this.#pending = [];
    if (this.#depth > 0) this.#begun = true;
    const results = this.#run(batch);
    return results.at(-1)!;
  }

  /** Queue a write of the open transaction. */
  #w(text: string, values: readonly unknown[]): void {
    this.#sealPositions();
    this.#pending.push(this.#stmt(text, values));
    if (this.#pending.length >= FLUSH_AT) this.#flush();
  }

  /** Send the queued writes now (the transaction stays open). */
  #flush(): void {
    this.#sealPositions();
    const batch = this.#pending;
    this.#pending = [];
    this.#begun = true;
    this.#run(batch);
  }

  /**
   * A run of consecutive position upserts as multi-row upserts (unnest of column arrays, in
   * order). Rows of the same key are merged first — the first one's place, the last one's values —
   * which is what upserting them one by one leaves (and one statement may not hit a row twice).
   */
  #sealPositions(): void {
    if (this.#positionRun.length === 0) return;
    const byKey = new Map<string, unknown[]>();
    for (const row of this.#positionRun) byKey.set(row.slice(0, 4).join('\0'), row);
    this.#positionRun = [];
    const rows = [...byKey.values()];
    for (let i = 0; i < rows.length; i += FLUSH_AT) {
      const chunk = rows.slice(i, i + FLUSH_AT);
      const columns = Array.from({ length: 7 }, (_, c) => chunk.map((r) => r[c]));
      this.#pending.push(
        this.#stmt(
          `INSERT INTO positions (account_id, business_date, instrument, side, qty, avg_price, prior_settlement)
           SELECT a, d, i, s, q, p, ps FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
             $5::int[], $6::text[], $7::text[]) WITH ORDINALITY AS u (a, d, i, s, q, p, ps, n) ORDER BY n
           ON CONFLICT (account_id, business_date, instrument, side) DO UPDATE SET qty = excluded.qty,
           avg_price = excluded.avg_price, prior_settlement = excluded.prior_settlement`,
          columns,
        ),
      );
    }
  }

  #run(batch: SqlStatement[]): Row[][] {
    try {
      return this.db.run(batch);
    } catch (e) {
      if (e instanceof PostgresError && e.code === '23503') {
        throw new PostgresError({
          ...e,
          message: `FOREIGN KEY constraint failed (${e.constraint ?? 'unknown'}): ${e.detail ?? e.message}`,
          code: '23503',
        });
      }
      throw e;
    }
  }

  schemaVersion(): number {
    return Number(this.#q('SELECT COALESCE(MAX(id), 0) AS v FROM schema_migrations')[0]!.v);
  }

  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) {
      this.#depth++;
      try {
        return fn();
      } finally {
        this.#depth--;
      }
    }
    this.#depth = 1;
    this.#begun = false;
    this.#pending = [
      { text: 'BEGIN' },
      this.#stmt('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]),
    ];
    try {
      const out = fn();
      this.#sealPositions();
      const ids = [...this.#touched].sort();
      if (ids.length > 0 || this.#touchedAll) {
        this.#pending.push(
          this.#stmt(
            `INSERT INTO account_versions (account_id, version)
             SELECT id, 1 FROM (SELECT unnest($1::text[]) AS id UNION SELECT id FROM accounts WHERE $2) ids ORDER BY id
             ON CONFLICT (account_id) DO UPDATE SET version = account_versions.version + 1`,
            [ids, this.#touchedAll],
          ),
        );
      }
      this.#pending.push(
        this.#stmt('SELECT pg_notify($1, $2)', [
          LEDGER_CHANNEL,
          this.#appsChanged ? 'apps' : 'ledger',
        ]),
        { text: 'COMMIT' },
      );
      const batch = this.#pending;
      this.#pending = [];
      this.#begun = true;
      this.#run(batch);
      if (this.#appsChanged) this.#dropCaches();
      return out;
    } catch (e) {
      if (this.#begun) {
        try {
          this.db.run([{ text: 'ROLLBACK' }]);
        } catch {
          // the connection is gone: PostgreSQL rolls back by itself
        }
      }
      throw e;
    } finally {
      this.#depth = 0;
      this.#pending = [];
      this.#positionRun = [];
      this.#begun = false;
      this.#touched = new Set();
      this.#touchedAll = false;
      this.#appsChanged = false;
    }
  }

  #touch(accountId?: string): void {
    if (accountId === undefined) this.#touchedAll = true;
    else this.#touched.add(accountId);
  }

  close(): void {
    void this.#listener?.close();
    this.db.close();
  }

  clear(): void {
    this.transaction(() => {
      for (const t of [
        'account_policies',
        'masters',
        'app_accounts',
        'apps',
        'fills',
        'orders',
        'positions',
        'deposits',
        'accounts',
        'prices',
        'underlyings',
        'fx_rates',
        'instruments',
        'risk_parameters',
        'meta',
      ]) {
        // DELETE, not TRUNCATE: TRUNCATE would lock out the other instances' readers.
        this.#w(`DELETE FROM ${t}`, []);
      }
      for (const r of this.#q('SELECT account_id FROM account_versions')) {
        this.#touched.add(String(r.account_id));
      }
      this.#appsChanged = true;
    });
  }

  businessDate(): string | undefined {
    return opt(this.#q("SELECT value FROM meta WHERE key = 'business_date'")[0]?.value);
  }

  setBusinessDate(date: string): void {
    this.transaction(() => {
      this.#w(
        "INSERT INTO meta (key, value) VALUES ('business_date', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [date],
      );
      this.#touch();
    });
  }

  putApp(app: AppRecord): void {
    this.transaction(() => {
      this.#w(
        `INSERT INTO apps (appkey, appsecret, env, custtype, name, rate_limit) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (appkey) DO UPDATE SET appsecret = excluded.appsecret, env = excluded.env,
         custtype = excluded.custtype, name = excluded.name, rate_limit = excluded.rate_limit`,
        [
          app.appKey,
          app.appSecret,
          app.env,
          app.custtype,
          app.name ?? null,
          app.rateLimitPerSecond ?? null,
        ],
      );
      this.#w('DELETE FROM app_accounts WHERE appkey = $1', [app.appKey]);
      for (const a of app.accounts) {
        this.#w('INSERT INTO app_accounts (appkey, account_id) VALUES ($1, $2)', [
          app.appKey,
          `${a.cano}-${a.acntPrdtCd}`,
        ]);
      }
      this.#appsChanged = true;
    });
  }

  #loadApps(where: string, values: unknown[]): AppRecord[] {
    const rows = this.#q(
      `SELECT p.*, COALESCE(
         (SELECT json_agg(json_build_array(a.cano, a.acnt_prdt_cd) ORDER BY a.id)
          FROM app_accounts l JOIN accounts a ON a.id = l.account_id WHERE l.appkey = p.appkey),
         '[]') AS accounts
       FROM apps p ${where} ORDER BY p.appkey`,
      values,
    );
    return rows.map((r) => {
      const app: AppRecord = {
        appKey: String(r.appkey),
        appSecret: String(r.appsecret),
        env: r.env as AppRecord['env'],
        custtype: r.custtype as AppRecord['custtype'],
        accounts: (r.accounts as [string, string][]).map(([cano, acntPrdtCd]) => ({
          cano,
          acntPrdtCd,
        })),
      };
      if (r.name !== null) app.name = String(r.name);
      if (r.rate_limit !== null) app.rateLimitPerSecond = Number(r.rate_limit);
      return app;
    });
  }

  findApp(appKey: string): AppRecord | undefined {
    // Apps and accounts change rarely; versions and ledger rows are always read from the database.
    const cacheable = this.#cacheable();
    if (cacheable && this.#apps.has(appKey)) return this.#apps.get(appKey);
    const app = this.#loadApps('WHERE p.appkey = $1', [appKey])[0];
    if (cacheable) {
      if (this.#apps.size >= 1024) this.#apps.clear();
      this.#apps.set(appKey, app);
    }
    return app;
  }

  listApps(): AppRecord[] {
    return this.#loadApps('', []);
  }

  putAccount(a: LedgerAccount): void {
    this.transaction(() => {
      this.#w(
        `INSERT INTO accounts (id, cano, acnt_prdt_cd, kind, name) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
        [a.id, a.cano, a.acntPrdtCd, a.kind, a.name ?? null],
      );
      this.#touch(a.id);
      this.#appsChanged = true;
    });
  }

  getAccount(id: string): LedgerAccount | undefined {
    const cacheable = this.#cacheable();
    if (cacheable && this.#accounts.has(id)) return this.#accounts.get(id);
    const r = this.#q('SELECT * FROM accounts WHERE id = $1', [id])[0];
    const a = r === undefined ? undefined : accountOf(r);
    if (cacheable) {
      if (this.#accounts.size >= 4096) this.#accounts.clear();
      this.#accounts.set(id, a);
    }
    return a;
  }

  listAccounts(): LedgerAccount[] {
    return this.#q('SELECT * FROM accounts ORDER BY id').map(accountOf);
  }

  accountVersion(id: string): bigint {
    const r = this.#q('SELECT version FROM account_versions WHERE account_id = $1', [id])[0];
    return r === undefined ? 0n : BigInt(String(r.version));
  }

  putDeposit(d: LedgerDeposit): void {
    const cash = money(d.cash, 'deposit.cash');
    const sbst = money(d.substitutes, 'deposit.substitutes');
    this.transaction(() => {
      this.#w(
        `INSERT INTO deposits (account_id, currency, cash, substitutes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id, currency) DO UPDATE SET cash = excluded.cash, substitutes = excluded.substitutes`,
        [d.accountId, d.currency, cash, sbst],
      );
      this.#touch(d.accountId);
    });
  }

  deposits(accountId: string): LedgerDeposit[] {
    return this.#q('SELECT * FROM deposits WHERE account_id = $1 ORDER BY currency', [
      accountId,
    ]).map((r) => ({
      accountId: String(r.account_id),
      currency: String(r.currency),
      cash: String(r.cash),
      substitutes: String(r.substitutes),
    }));
  }

  addFill(f: LedgerFill): 'inserted' | 'duplicate' {
    money(f.price, `fills.${f.id}.price`);
    return this.transaction(() => {
      // Concurrent writers of the same id: the unique index makes the later one wait, then see it.
      const inserted = this.#q(
        `INSERT INTO fills (id, account_id, business_date, instrument, side, open_close, qty, price)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING RETURNING seq`,
        [f.id, f.accountId, f.businessDate, f.instrument, f.side, f.openClose, f.qty, f.price],
      );
      if (inserted.length === 1) {
        this.#touch(f.accountId);
        return 'inserted';
      }
      const old = this.#q('SELECT * FROM fills WHERE id = $1', [f.id])[0]!;
      if (sameFill(fillOf(old), f)) return 'duplicate';
      throw new LedgerConflictError(
        `fills.${f.id}`,
        'fill id already recorded with different content',
      );
    });
  }

  fills(accountId: string, businessDate?: string): LedgerFill[] {
    const rows =
      businessDate === undefined
        ? this.#q('SELECT * FROM fills WHERE account_id = $1 ORDER BY seq', [accountId])
        : this.#q('SELECT * FROM fills WHERE account_id = $1 AND business_date = $2 ORDER BY seq', [
            accountId,
            businessDate,
          ]);
    return rows.map(fillOf);
  }

  putOrder(o: LedgerOrder): void {
    if (o.price !== undefined) money(o.price, `orders.${o.id}.price`);
    this.transaction(() => {
      this.#w(
        `INSERT INTO orders (id, account_id, business_date, instrument, side, open_close, qty, price, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET qty = excluded.qty, price = excluded.price, status = excluded.status`,
        [
          o.id,
          o.accountId,
          o.businessDate,
          o.instrument,
          o.side,
          o.openClose,
          o.qty,
          o.price ?? null,
          o.status,
        ],
      );
      this.#touch(o.accountId);
    });
  }

  getOrder(id: string): LedgerOrder | undefined {
    const r = this.#q('SELECT * FROM orders WHERE id = $1', [id])[0];
    return r === undefined ? undefined : orderOf(r);
  }

  orders(accountId: string, status?: OrderStatus): LedgerOrder[] {
    const rows =
      status === undefined
        ? this.#q('SELECT * FROM orders WHERE account_id = $1 ORDER BY seq', [accountId])
        : this.#q('SELECT * FROM orders WHERE account_id = $1 AND status = $2 ORDER BY seq', [
            accountId,
            status,
          ]);
    return rows.map(orderOf);
  }

  putPosition(p: LedgerPosition): void {
    money(p.avgPrice, 'position.avgPrice');
    if (p.priorSettlement !== undefined) money(p.priorSettlement, 'position.priorSettlement');
    this.transaction(() => {
      this.#positionRun.push([
        p.accountId,
        p.businessDate,
        p.instrument,
        p.side,
        p.qty,
        p.avgPrice,
        p.priorSettlement ?? null,
      ]);
      if (this.#positionRun.length >= FLUSH_AT) this.#flush();
      this.#touch(p.accountId);
    });
  }

  replacePositions(accountId: string, businessDate: string, rows: LedgerPosition[]): void {
    this.transaction(() => {
      this.#w('DELETE FROM positions WHERE account_id = $1 AND business_date = $2', [
        accountId,
        businessDate,
      ]);
      for (const p of rows) this.putPosition({ ...p, accountId, businessDate });
      this.#touch(accountId);
    });
  }

  positions(accountId: string, businessDate: string): LedgerPosition[] {
    return this.#q(
      'SELECT * FROM positions WHERE account_id = $1 AND business_date = $2 ORDER BY seq',
      [accountId, businessDate],
    ).map((r) => {
      const p: LedgerPosition = {
        accountId: String(r.account_id),
        businessDate: String(r.business_date),
        instrument: String(r.instrument),
        side: r.side as LedgerPosition['side'],
        qty: Number(r.qty),
        avgPrice: String(r.avg_price),
      };
      if (r.prior_settlement !== null) p.priorSettlement = String(r.prior_settlement);
      return p;
    });
  }

  heldInstruments(accountId: string, businessDate: string, among?: readonly string[]): string[] {
    if (among !== undefined) {
      const codes = [...new Set(among)];
      if (codes.length === 0) return [];
      // Every code in one round trip, each by the positions' unique index; `among`'s order kept.
      return this.#q(
        `SELECT t.code FROM unnest($3::text[]) WITH ORDINALITY AS t (code, ord)
         WHERE EXISTS (SELECT 1 FROM positions
                       WHERE account_id = $1 AND business_date = $2 AND instrument = t.code)
            OR EXISTS (SELECT 1 FROM fills
                       WHERE account_id = $1 AND business_date = $2 AND instrument = t.code)
            OR EXISTS (SELECT 1 FROM orders
                       WHERE account_id = $1 AND status = 'open' AND instrument = t.code)
         ORDER BY t.ord`,
        [accountId, businessDate, codes],
      ).map((r) => String(r.code));
    }
    return this.#q(
      `SELECT instrument FROM positions WHERE account_id = $1 AND business_date = $2
       UNION SELECT instrument FROM fills WHERE account_id = $1 AND business_date = $2
       UNION SELECT instrument FROM orders WHERE account_id = $1 AND status = 'open'`,
      [accountId, businessDate],
    ).map((r) => String(r.instrument));
  }

  positionDates(accountId: string): string[] {
    return this.#q(
      'SELECT DISTINCT business_date AS d FROM positions WHERE account_id = $1 ORDER BY d',
      [accountId],
    ).map((r) => String(r.d));
  }

  putPrice(p: LedgerPrice): void {
    money(p.price, `prices.${p.instrument}.price`);
    if (p.priorSettlement !== undefined)
      money(p.priorSettlement, `prices.${p.instrument}.priorSettlement`);
    if (p.vol !== undefined) money(p.vol, `prices.${p.instrument}.vol`);
    this.transaction(() => {
      this.#w(
        `INSERT INTO prices (date, instrument, price, prior_settlement, vol, final) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (date, instrument) DO UPDATE SET price = excluded.price,
         prior_settlement = excluded.prior_settlement, vol = excluded.vol, final = excluded.final`,
        [p.date, p.instrument, p.price, p.priorSettlement ?? null, p.vol ?? null, p.final === true],
      );
      this.#touch();
    });
  }

  prices(date: string): LedgerPrice[] {
    return this.#q('SELECT * FROM prices WHERE date = $1 ORDER BY instrument', [date]).map(priceOf);
  }

  priceDates(): string[] {
    return this.#q(
      'SELECT DISTINCT date FROM prices UNION SELECT DISTINCT date FROM underlyings ORDER BY date',
    ).map((r) => String(r.date));
  }

  putUnderlying(u: LedgerUnderlying): void {
    money(u.level, `underlyings.${u.group}.level`);
    money(u.vol, `underlyings.${u.group}.vol`);
    if (u.finalLevel !== undefined) money(u.finalLevel, `underlyings.${u.group}.finalLevel`);
    this.transaction(() => {
      this.#w(
        `INSERT INTO underlyings (date, grp, level, vol, final_level) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (date, grp) DO UPDATE SET level = excluded.level, vol = excluded.vol,
         final_level = excluded.final_level`,
        [u.date, u.group, u.level, u.vol, u.finalLevel ?? null],
      );
      this.#touch();
    });
  }

  underlyings(date: string): LedgerUnderlying[] {
    return this.#q('SELECT * FROM underlyings WHERE date = $1 ORDER BY grp', [date]).map((r) => {
      const u: LedgerUnderlying = {
        date: String(r.date),
        group: String(r.grp),
        level: String(r.level),
        vol: String(r.vol),
      };
      if (r.final_level !== null) u.finalLevel = String(r.final_level);
      return u;
    });
  }

  putFx(date: string, currency: string, rate: string): void {
    money(rate, `fx.${currency}`);
    this.transaction(() => {
      this.#w(
        `INSERT INTO fx_rates (date, currency, rate) VALUES ($1, $2, $3)
         ON CONFLICT (date, currency) DO UPDATE SET rate = excluded.rate`,
        [date, currency, rate],
      );
      this.#touch();
    });
  }

  fxRates(date: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.#q('SELECT * FROM fx_rates WHERE date = $1 ORDER BY currency', [date])) {
      out[String(r.currency)] = String(r.rate);
    }
    return out;
  }

  fxDates(): string[] {
    return this.#q('SELECT DISTINCT date FROM fx_rates ORDER BY date').map((r) => String(r.date));
  }

  putInstrument(row: LedgerInstrument): void {
    this.transaction(() => {
      this.#w(
        'INSERT INTO instruments (instrument, name) VALUES ($1, $2) ON CONFLICT (instrument) DO UPDATE SET name = excluded.name',
        [row.instrument, row.name ?? null],
      );
      this.#touch();
    });
  }

  instruments(): LedgerInstrument[] {
    return this.#q('SELECT * FROM instruments ORDER BY instrument').map((r) => {
      const i: LedgerInstrument = { instrument: String(r.instrument) };
      if (r.name !== null) i.name = String(r.name);
      return i;
    });
  }

  setRiskParameters(kind: RiskParameterKind, value: unknown): void {
    this.transaction(() => {
      this.#w(
        'INSERT INTO risk_parameters (kind, json) VALUES ($1, $2) ON CONFLICT (kind) DO UPDATE SET json = excluded.json',
        [kind, JSON.stringify(value)],
      );
      this.#touch();
    });
  }

  riskParameters(kind: RiskParameterKind): unknown {
    const r = this.#q('SELECT json FROM risk_parameters WHERE kind = $1', [kind])[0];
    return r === undefined ? undefined : JSON.parse(String(r.json));
  }

  putMasterRows(rows: readonly KisMasterRow[]): void {
    this.transaction(() => {
      for (const r of rows) {
        this.#w(
          'INSERT INTO masters (file, code, line, row_json) VALUES ($1, $2, $3, $4) ON CONFLICT (file, code) DO UPDATE SET line = excluded.line, row_json = excluded.row_json',
          [r.file, r.file === 'ffcode.mst' ? r.code : r.shortCode, r.line, JSON.stringify(r)],
        );
      }
      this.#touch();
    });
  }

  // Not cached: another instance may write masters at any time.
  masterRows(): readonly KisMasterRow[] {
    return this.#q('SELECT row_json FROM masters ORDER BY file, line').map(
      (r) => JSON.parse(String(r.row_json)) as KisMasterRow,
    );
  }

  setAccountPolicy(policy: LedgerAccountPolicy): void {
    this.transaction(() => {
      this.#w(
        'INSERT INTO account_policies (account_id, one_side_liquidation) VALUES ($1, $2) ON CONFLICT (account_id) DO UPDATE SET one_side_liquidation = excluded.one_side_liquidation',
        [policy.accountId, policy.oneSideLiquidation ? 1 : 0],
      );
      this.#touch(policy.accountId);
    });
  }

  accountPolicy(accountId: string): LedgerAccountPolicy | undefined {
    const r = this.#q('SELECT one_side_liquidation FROM account_policies WHERE account_id = $1', [
      accountId,
    ])[0];
    return r === undefined
      ? undefined
      : { accountId, oneSideLiquidation: Number(r.one_side_liquidation) === 1 };
  }
}

function accountOf(r: Row): LedgerAccount {
  const a: LedgerAccount = {
    id: String(r.id),
    cano: String(r.cano),
    acntPrdtCd: String(r.acnt_prdt_cd),
    kind: r.kind as LedgerAccount['kind'],
  };
  if (r.name !== null) a.name = String(r.name);
  return a;
}
