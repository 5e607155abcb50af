import type { KisMasterRow } from '@kisfo/risk';
import Database from 'better-sqlite3';
import type { AppRecord } from '../../contracts.js';
import { LedgerConflictError } from '../errors.js';
import { ChangeJournal } from './change-journal.js';
import { LEDGER_MIGRATIONS } from './migrations.js';
import { createPrivateFile } from './private-file.js';
import { fillOf, money, orderOf, priceOf, type Row, sameFill } from './row-mapping.js';
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
  LedgerWrite,
  OrderStatus,
  RiskParameterKind,
} from './types.js';

/** Options of {@link openLedger}. */
export interface OpenLedgerOptions {
  /** A file path, or `:memory:` (the default). */
  path?: string;
  readonly?: boolean;
}

const opt = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);

/**
 * Open (and migrate) a SQLite ledger: a file in WAL mode, or `:memory:`. Foreign keys are on.
 *
 * @example
 * ```ts
 * const store = openLedger({ path: 'ledger.db' });
 * importScenario(store, DEMO_SCENARIO);
 * store.close();
 * ```
 */
export function openLedger(options: OpenLedgerOptions = {}): LedgerStore {
  return new SqliteLedgerStore(options.path ?? ':memory:', options.readonly ?? false);
}

/** The SQLite {@link LedgerStore} (better-sqlite3, synchronous). */
export class SqliteLedgerStore implements LedgerStore {
  readonly backend = 'sqlite';
  readonly db: Database.Database;
  private depth = 0;
  private touched = new Set<string>();
  private touchedAll = false;
  /** Transactions this connection committed (or rolled back: a change may have been made). */
  private writes = 0;
  /** What this connection's recent transactions changed, for kept balances. */
  private readonly journal = new ChangeJournal();
  private readonly stmts = new Map<string, Database.Statement>();
  private masterCache: readonly KisMasterRow[] | undefined;

  constructor(path: string, readonly = false) {
    if (path !== ':memory:' && path !== '' && !readonly && !path.startsWith('file:')) {
      createPrivateFile(path);
    }
    this.db = new Database(path, { readonly });
    if (path !== ':memory:' && !readonly) this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    if (!readonly) this.migrate();
  }

  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const applied = this.schemaVersion();
    for (const m of LEDGER_MIGRATIONS) {
      if (m.id <= applied) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)')
          .run(m.id, m.name, new Date().toISOString());
      })();
    }
  }

  private st(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  schemaVersion(): number {
    const r = this.db.prepare('SELECT MAX(id) AS v FROM schema_migrations').get() as Row;
    return Number(r.v ?? 0);
  }

  transaction<T>(fn: () => T): T {
    if (this.depth > 0) {
      this.depth++;
      try {
        return fn();
      } finally {
        this.depth--;
      }
    }
    const run = this.db.transaction(() => {
      this.depth = 1;
      try {
        const out = fn();
        this.flushVersions();
        return out;
      } finally {
        this.depth = 0;
        this.touched = new Set();
        this.touchedAll = false;
      }
    });
    let committed = false;
    try {
      const out = run();
      committed = true;
      return out;
    } finally {
      this.writes++;
      this.journal.end(this.writes, committed);
    }
  }

  revision(): string {
    // data_version moves when another connection commits; this connection's own writes are counted.
    const dv = this.st('PRAGMA data_version').pluck().get() as number;
    return `${dv}.${this.writes}`;
  }

  changesSince(revision: string): readonly LedgerWrite[] | undefined {
    const m = /^(\d+)\.(\d+)$/.exec(revision);
    if (m === null) return undefined;
    // Another connection committed since: its writes are not in this connection's journal.
    if (Number(m[1]) !== (this.st('PRAGMA data_version').pluck().get() as number)) return undefined;
    return this.journal.since(Number(m[2]));
  }

  // Versions are bumped once per account per transaction, inside it.
  private flushVersions(): void {
    const ids = this.touchedAll
      ? (this.st('SELECT id FROM accounts').all() as Row[]).map((r) => String(r.id))
      : [...this.touched];
    const bump = this.st(
      'INSERT INTO account_versions (account_id, version) VALUES (?, 1) ON CONFLICT (account_id) DO UPDATE SET version = version + 1',
    );
    for (const id of new Set([...ids, ...this.touched])) bump.run(id);
  }

  openTransaction(): { writes: readonly LedgerWrite[] | undefined } | undefined {
    return this.depth > 0 ? { writes: this.journal.open } : undefined;
  }

  /** A write changed `accountId` (all accounts when left out): `change` names it, if it can. */
  private touch(accountId?: string, change?: LedgerWrite): void {
    if (change === undefined) this.journal.unknown();
    else this.journal.note(change);
    if (accountId === undefined) this.touchedAll = true;
    else this.touched.add(accountId);
  }

  close(): void {
    this.db.close();
  }

  clear(): void {
    this.transaction(() => {
      this.journal.unknown();
      this.masterCache = undefined;
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
        this.db.exec(`DELETE FROM ${t}`);
      }
      // Keep counting for every account ever seen, so a re-imported account gets a new number.
      for (const r of this.st('SELECT account_id FROM account_versions').all() as Row[]) {
        this.touched.add(String(r.account_id));
      }
    });
  }

  businessDate(): string | undefined {
    return opt((this.st("SELECT value FROM meta WHERE key = 'business_date'").get() as Row)?.value);
  }

  setBusinessDate(date: string): void {
    this.transaction(() => {
      this.st(
        "INSERT INTO meta (key, value) VALUES ('business_date', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(date);
      this.touch();
    });
  }

  putApp(app: AppRecord): void {
    this.transaction(() => {
      this.st(
        `INSERT INTO apps (appkey, appsecret, env, custtype, name, rate_limit) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (appkey) DO UPDATE SET appsecret = excluded.appsecret, env = excluded.env,
         custtype = excluded.custtype, name = excluded.name, rate_limit = excluded.rate_limit`,
      ).run(
        app.appKey,
        app.appSecret,
        app.env,
        app.custtype,
        app.name ?? null,
        app.rateLimitPerSecond ?? null,
      );
      this.st('DELETE FROM app_accounts WHERE appkey = ?').run(app.appKey);
      for (const a of app.accounts) {
        this.st('INSERT INTO app_accounts (appkey, account_id) VALUES (?, ?)').run(
          app.appKey,
          `${a.cano}-${a.acntPrdtCd}`,
        );
      }
    });
  }

  private appOf(r: Row): AppRecord {
    const accounts = (
      this.st(
        'SELECT a.cano, a.acnt_prdt_cd FROM app_accounts l JOIN accounts a ON a.id = l.account_id WHERE l.appkey = ? ORDER BY a.id',
      ).all(r.appkey) as Row[]
    ).map((x) => ({ cano: String(x.cano), acntPrdtCd: String(x.acnt_prdt_cd) }));
    const app: AppRecord = {
      appKey: String(r.appkey),
      appSecret: String(r.appsecret),
      env: r.env as AppRecord['env'],
      custtype: r.custtype as AppRecord['custtype'],
      accounts,
    };
    if (r.name !== null) app.name = String(r.name);
    if (r.rate_limit !== null) app.rateLimitPerSecond = Number(r.rate_limit);
    return app;
  }

  findApp(appKey: string): AppRecord | undefined {
    const r = this.st('SELECT * FROM apps WHERE appkey = ?').get(appKey) as Row | undefined;
    return r === undefined ? undefined : this.appOf(r);
  }

  listApps(): AppRecord[] {
    return (this.st('SELECT * FROM apps ORDER BY appkey').all() as Row[]).map((r) => this.appOf(r));
  }

  putAccount(a: LedgerAccount): void {
    this.transaction(() => {
      this.st(
        `INSERT INTO accounts (id, cano, acnt_prdt_cd, kind, name) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name`,
      ).run(a.id, a.cano, a.acntPrdtCd, a.kind, a.name ?? null);
      this.touch(a.id);
    });
  }

  private accountOf(r: Row): LedgerAccount {
    const a: LedgerAccount = {
      id: String(r.id),
      cano: String(r.cano),
      acntPrdtCd: String(r.acnt_prdt_cd),
      kind: r.kind as LedgerAccount['kind'],
    };
    if (r.name !== null) a.name = String(r.name);
    return a;
  }

  getAccount(id: string): LedgerAccount | undefined {
    const r = this.st('SELECT * FROM accounts WHERE id = ?').get(id) as Row | undefined;
    return r === undefined ? undefined : this.accountOf(r);
  }

  listAccounts(): LedgerAccount[] {
    return (this.st('SELECT * FROM accounts ORDER BY id').all() as Row[]).map((r) =>
      this.accountOf(r),
    );
  }

  accountVersion(id: string): bigint {
    const r = this.st('SELECT version FROM account_versions WHERE account_id = ?')
      .safeIntegers(true)
      .get(id) as Row | undefined;
    return r === undefined ? 0n : (r.version as bigint);
  }

  putDeposit(d: LedgerDeposit): void {
    const cash = money(d.cash, 'deposit.cash');
    const sbst = money(d.substitutes, 'deposit.substitutes');
    this.transaction(() => {
      this.st(
        `INSERT INTO deposits (account_id, currency, cash, substitutes) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, currency) DO UPDATE SET cash = excluded.cash, substitutes = excluded.substitutes`,
      ).run(d.accountId, d.currency, cash, sbst);
      this.touch(d.accountId, { kind: 'deposit', accountId: d.accountId });
    });
  }

  deposits(accountId: string): LedgerDeposit[] {
    return (
      this.st('SELECT * FROM deposits WHERE account_id = ? ORDER BY currency').all(
        accountId,
      ) as Row[]
    ).map((r) => ({
      accountId: String(r.account_id),
      currency: String(r.currency),
      cash: String(r.cash),
      substitutes: String(r.substitutes),
    }));
  }

  addFill(f: LedgerFill): 'inserted' | 'duplicate' {
    money(f.price, `fills.${f.id}.price`);
    return this.transaction(() => {
      const old = this.st('SELECT * FROM fills WHERE id = ?').get(f.id) as Row | undefined;
      if (old !== undefined) {
        if (sameFill(fillOf(old), f)) return 'duplicate';
        throw new LedgerConflictError(
          `fills.${f.id}`,
          'fill id already recorded with different content',
        );
      }
      this.st(
        `INSERT INTO fills (id, account_id, business_date, instrument, side, open_close, qty, price)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(f.id, f.accountId, f.businessDate, f.instrument, f.side, f.openClose, f.qty, f.price);
      // The row as fills() reads it back.
      const fill: LedgerFill = {
        id: String(f.id),
        accountId: String(f.accountId),
        businessDate: String(f.businessDate),
        instrument: String(f.instrument),
        side: f.side,
        openClose: f.openClose,
        qty: Number(f.qty),
        price: String(f.price),
      };
      this.touch(f.accountId, { kind: 'fill', fill });
      return 'inserted';
    });
  }

  fills(accountId: string, businessDate?: string): LedgerFill[] {
    const rows =
      businessDate === undefined
        ? this.st('SELECT * FROM fills WHERE account_id = ? ORDER BY seq').all(accountId)
        : this.st(
            'SELECT * FROM fills WHERE account_id = ? AND business_date = ? ORDER BY seq',
          ).all(accountId, businessDate);
    return (rows as Row[]).map(fillOf);
  }

  putOrder(o: LedgerOrder): void {
    if (o.price !== undefined) money(o.price, `orders.${o.id}.price`);
    this.transaction(() => {
      this.st(
        `INSERT INTO orders (id, account_id, business_date, instrument, side, open_close, qty, price, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET qty = excluded.qty, price = excluded.price, status = excluded.status`,
      ).run(
        o.id,
        o.accountId,
        o.businessDate,
        o.instrument,
        o.side,
        o.openClose,
        o.qty,
        o.price ?? null,
        o.status,
      );
      this.touch(o.accountId);
    });
  }

  getOrder(id: string): LedgerOrder | undefined {
    const r = this.st('SELECT * FROM orders WHERE id = ?').get(id) as Row | undefined;
    return r === undefined ? undefined : orderOf(r);
  }

  orders(accountId: string, status?: OrderStatus): LedgerOrder[] {
    const rows =
      status === undefined
        ? this.st('SELECT * FROM orders WHERE account_id = ? ORDER BY seq').all(accountId)
        : this.st('SELECT * FROM orders WHERE account_id = ? AND status = ? ORDER BY seq').all(
            accountId,
            status,
          );
    return (rows as Row[]).map(orderOf);
  }

  putPosition(p: LedgerPosition): void {
    money(p.avgPrice, 'position.avgPrice');
    if (p.priorSettlement !== undefined) money(p.priorSettlement, 'position.priorSettlement');
    this.transaction(() => {
      this.st(
        `INSERT INTO positions (account_id, business_date, instrument, side, qty, avg_price, prior_settlement)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, business_date, instrument, side) DO UPDATE SET qty = excluded.qty,
         avg_price = excluded.avg_price, prior_settlement = excluded.prior_settlement`,
      ).run(
        p.accountId,
        p.businessDate,
        p.instrument,
        p.side,
        p.qty,
        p.avgPrice,
        p.priorSettlement ?? null,
      );
      this.touch(p.accountId);
    });
  }

  replacePositions(accountId: string, businessDate: string, rows: LedgerPosition[]): void {
    this.transaction(() => {
      this.st('DELETE FROM positions WHERE account_id = ? AND business_date = ?').run(
        accountId,
        businessDate,
      );
      for (const p of rows) this.putPosition({ ...p, accountId, businessDate });
      this.touch(accountId);
    });
  }

  positions(accountId: string, businessDate: string): LedgerPosition[] {
    return (
      this.st(
        'SELECT * FROM positions WHERE account_id = ? AND business_date = ? ORDER BY seq',
      ).all(accountId, businessDate) as Row[]
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
      // One look-up per code (positions by their unique index): no read of a big account's rows.
      const held = this.st(
        `SELECT EXISTS (SELECT 1 FROM positions
                        WHERE account_id = ? AND business_date = ? AND instrument = ?)
             OR EXISTS (SELECT 1 FROM fills
                        WHERE account_id = ? AND business_date = ? AND instrument = ?)
             OR EXISTS (SELECT 1 FROM orders
                        WHERE account_id = ? AND status = 'open' AND instrument = ?) AS held`,
      );
      return [...new Set(among)].filter(
        (c) =>
          (held.get(accountId, businessDate, c, accountId, businessDate, c, accountId, c) as Row)
            .held === 1,
      );
    }
    return (
      this.st(
        `SELECT instrument FROM positions WHERE account_id = ? AND business_date = ?
         UNION SELECT instrument FROM fills WHERE account_id = ? AND business_date = ?
         UNION SELECT instrument FROM orders WHERE account_id = ? AND status = 'open'`,
      ).all(accountId, businessDate, accountId, businessDate, accountId) as Row[]
    ).map((r) => String(r.instrument));
  }

  positionDates(accountId: string): string[] {
    return (
      this.st(
        'SELECT DISTINCT business_date AS d FROM positions WHERE account_id = ? ORDER BY d',
      ).all(accountId) as Row[]
    ).map((r) => String(r.d));
  }

  putPrice(p: LedgerPrice): void {
    money(p.price, `prices.${p.instrument}.price`);
    if (p.priorSettlement !== undefined)
      money(p.priorSettlement, `prices.${p.instrument}.priorSettlement`);
    if (p.vol !== undefined) money(p.vol, `prices.${p.instrument}.vol`);
    this.transaction(() => {
      this.st(
        `INSERT INTO prices (date, instrument, price, prior_settlement, vol, final) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (date, instrument) DO UPDATE SET price = excluded.price,
         prior_settlement = excluded.prior_settlement, vol = excluded.vol, final = excluded.final`,
      ).run(
        p.date,
        p.instrument,
        p.price,
        p.priorSettlement ?? null,
        p.vol ?? null,
        p.final === true ? 1 : 0,
      );
      // The row as prices() reads it back.
      const price = priceOf({
        date: p.date,
        instrument: p.instrument,
        price: p.price,
        prior_settlement: p.priorSettlement,
        vol: p.vol,
        final: p.final === true,
      });
      // Market data can move any account holding the series; bumping all keeps this simple.
      this.touch(undefined, { kind: 'price', price });
    });
  }

  prices(date: string): LedgerPrice[] {
    return (
      this.st('SELECT * FROM prices WHERE date = ? ORDER BY instrument').all(date) as Row[]
    ).map(priceOf);
  }

  priceDates(): string[] {
    const a = this.st(
      'SELECT DISTINCT date FROM prices UNION SELECT DISTINCT date FROM underlyings ORDER BY date',
    ).all() as Row[];
    return a.map((r) => String(r.date));
  }

  putUnderlying(u: LedgerUnderlying): void {
    money(u.level, `underlyings.${u.group}.level`);
    money(u.vol, `underlyings.${u.group}.vol`);
    if (u.finalLevel !== undefined) money(u.finalLevel, `underlyings.${u.group}.finalLevel`);
    this.transaction(() => {
      this.st(
        `INSERT INTO underlyings (date, grp, level, vol, final_level) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (date, grp) DO UPDATE SET level = excluded.level, vol = excluded.vol,
         final_level = excluded.final_level`,
      ).run(u.date, u.group, u.level, u.vol, u.finalLevel ?? null);
      this.touch();
    });
  }

  underlyings(date: string): LedgerUnderlying[] {
    return (
      this.st('SELECT * FROM underlyings WHERE date = ? ORDER BY grp').all(date) as Row[]
    ).map((r) => {
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
      this.st(
        `INSERT INTO fx_rates (date, currency, rate) VALUES (?, ?, ?)
         ON CONFLICT (date, currency) DO UPDATE SET rate = excluded.rate`,
      ).run(date, currency, rate);
      this.touch();
    });
  }

  fxRates(date: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.st('SELECT * FROM fx_rates WHERE date = ? ORDER BY currency').all(
      date,
    ) as Row[]) {
      out[String(r.currency)] = String(r.rate);
    }
    return out;
  }

  fxDates(): string[] {
    return (this.st('SELECT DISTINCT date FROM fx_rates ORDER BY date').all() as Row[]).map((r) =>
      String(r.date),
    );
  }

  putInstrument(row: LedgerInstrument): void {
    this.transaction(() => {
      this.st(
        'INSERT INTO instruments (instrument, name) VALUES (?, ?) ON CONFLICT (instrument) DO UPDATE SET name = excluded.name',
      ).run(row.instrument, row.name ?? null);
      this.touch(undefined, { kind: 'instrument' });
    });
  }

  instruments(): LedgerInstrument[] {
    return (this.st('SELECT * FROM instruments ORDER BY instrument').all() as Row[]).map((r) => {
      const i: LedgerInstrument = { instrument: String(r.instrument) };
      if (r.name !== null) i.name = String(r.name);
      return i;
    });
  }

  setRiskParameters(kind: RiskParameterKind, value: unknown): void {
    this.transaction(() => {
      this.st(
        'INSERT INTO risk_parameters (kind, json) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET json = excluded.json',
      ).run(kind, JSON.stringify(value));
      this.touch();
    });
  }

  riskParameters(kind: RiskParameterKind): unknown {
    const r = this.st('SELECT json FROM risk_parameters WHERE kind = ?').get(kind) as
      | Row
      | undefined;
    return r === undefined ? undefined : JSON.parse(String(r.json));
  }

  putMasterRows(rows: readonly KisMasterRow[]): void {
    this.transaction(() => {
      const put = this.st(
        'INSERT INTO masters (file, code, line, row_json) VALUES (?, ?, ?, ?) ON CONFLICT (file, code) DO UPDATE SET line = excluded.line, row_json = excluded.row_json',
      );
      for (const r of rows) {
        put.run(r.file, r.file === 'ffcode.mst' ? r.code : r.shortCode, r.line, JSON.stringify(r));
      }
      this.masterCache = undefined;
      this.touch();
    });
  }

  masterRows(): readonly KisMasterRow[] {
    if (this.masterCache === undefined) {
      this.masterCache = (
        this.st('SELECT row_json FROM masters ORDER BY file, line').all() as Row[]
      ).map((r) => JSON.parse(String(r.row_json)) as KisMasterRow);
    }
    return this.masterCache;
  }

  setAccountPolicy(policy: LedgerAccountPolicy): void {
    this.transaction(() => {
      this.st(
        'INSERT INTO account_policies (account_id, one_side_liquidation) VALUES (?, ?) ON CONFLICT (account_id) DO UPDATE SET one_side_liquidation = excluded.one_side_liquidation',
      ).run(policy.accountId, policy.oneSideLiquidation ? 1 : 0);
      this.touch(policy.accountId);
    });
  }

  accountPolicy(accountId: string): LedgerAccountPolicy | undefined {
    const r = this.st('SELECT * FROM account_policies WHERE account_id = ?').get(accountId) as
      | Row
      | undefined;
    return r === undefined
      ? undefined
      : { accountId, oneSideLiquidation: Number(r.one_side_liquidation) === 1 };
  }
}
