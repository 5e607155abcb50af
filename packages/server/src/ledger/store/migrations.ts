/**
 * Numbered schema migrations of the SQLite ledger. Append new entries; never edit an applied one.
 * Money and prices are TEXT decimal strings (never REAL) so no float ever touches them.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration in order. */
export const LEDGER_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'initial ledger',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  cano TEXT NOT NULL,
  acnt_prdt_cd TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('domestic', 'overseas')),
  name TEXT,
  UNIQUE (cano, acnt_prdt_cd)
);
CREATE TABLE account_versions (account_id TEXT PRIMARY KEY, version INTEGER NOT NULL);
CREATE TABLE apps (
  appkey TEXT PRIMARY KEY,
  appsecret TEXT NOT NULL,
  env TEXT NOT NULL CHECK (env IN ('real', 'paper')),
  custtype TEXT NOT NULL CHECK (custtype IN ('P', 'B')),
  name TEXT,
  rate_limit INTEGER
);
CREATE TABLE app_accounts (
  appkey TEXT NOT NULL REFERENCES apps (appkey) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (appkey, account_id)
);
CREATE TABLE deposits (
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  currency TEXT NOT NULL,
  cash TEXT NOT NULL,
  substitutes TEXT NOT NULL,
  PRIMARY KEY (account_id, currency)
);
CREATE TABLE instruments (instrument TEXT PRIMARY KEY, name TEXT);
CREATE TABLE prices (
  date TEXT NOT NULL,
  instrument TEXT NOT NULL,
  price TEXT NOT NULL,
  prior_settlement TEXT,
  vol TEXT,
  final INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (date, instrument)
);
CREATE TABLE underlyings (
  date TEXT NOT NULL,
  grp TEXT NOT NULL,
  level TEXT NOT NULL,
  vol TEXT NOT NULL,
  final_level TEXT,
  PRIMARY KEY (date, grp)
);
CREATE TABLE fx_rates (
  date TEXT NOT NULL,
  currency TEXT NOT NULL,
  rate TEXT NOT NULL,
  PRIMARY KEY (date, currency)
);
CREATE TABLE fills (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  business_date TEXT NOT NULL,
  instrument TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  open_close TEXT NOT NULL CHECK (open_close IN ('open', 'close')),
  qty INTEGER NOT NULL CHECK (qty > 0),
  price TEXT NOT NULL
);
CREATE INDEX fills_account_date ON fills (account_id, business_date, seq);
CREATE TABLE orders (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  business_date TEXT NOT NULL,
  instrument TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  open_close TEXT NOT NULL CHECK (open_close IN ('open', 'close')),
  qty INTEGER NOT NULL CHECK (qty > 0),
  price TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'cancelled', 'expired', 'filled'))
);
CREATE INDEX orders_account ON orders (account_id, status, seq);
CREATE TABLE positions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  business_date TEXT NOT NULL,
  instrument TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('long', 'short')),
  qty INTEGER NOT NULL CHECK (qty > 0),
  avg_price TEXT NOT NULL,
  prior_settlement TEXT,
  UNIQUE (account_id, business_date, instrument, side)
);
CREATE TABLE risk_parameters (kind TEXT PRIMARY KEY, json TEXT NOT NULL);
`,
  },
  {
    id: 2,
    name: 'instrument masters and account policies',
    // masters: rows of KIS master files (종목코드 마스터) as parsed, one per file and code.
    // account_policies: broker policies per account; one-side liquidation (일방해소) off by default.
    sql: `
CREATE TABLE masters (
  file TEXT NOT NULL,
  code TEXT NOT NULL,
  line INTEGER NOT NULL,
  row_json TEXT NOT NULL,
  PRIMARY KEY (file, code)
);
CREATE TABLE account_policies (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  one_side_liquidation INTEGER NOT NULL DEFAULT 0 CHECK (one_side_liquidation IN (0, 1))
);
`,
  },
];
