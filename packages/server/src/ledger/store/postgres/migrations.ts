/**
 * Numbered schema migrations of the PostgreSQL ledger, one per SQLite migration with the same
 * number (so `schemaVersion()` means the same on both backends). Append; never edit an applied one.
 * Money and prices stay TEXT decimal strings as in SQLite: what was imported is exported byte for
 * byte, and no float ever touches them. Migration 1 also creates the tables the instances of a
 * shared deployment coordinate through (tokens, revocations, rate buckets, the signing secret).
 */
import type { Migration } from '../migrations.js';

/** Every PostgreSQL migration in order. */
export const POSTGRES_LEDGER_MIGRATIONS: readonly Migration[] = [
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
CREATE TABLE account_versions (account_id TEXT PRIMARY KEY, version BIGINT NOT NULL);
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
  final BOOLEAN NOT NULL DEFAULT FALSE,
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
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

-- Shared state of the instances of one deployment.
CREATE TABLE server_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE token_issues (
  key TEXT PRIMARY KEY,
  jti TEXT,
  binding TEXT,
  issued_at BIGINT,
  expires_at BIGINT,
  last_issue_at BIGINT
);
CREATE TABLE revoked_tokens (jti TEXT PRIMARY KEY, expires_at BIGINT NOT NULL);
CREATE TABLE rate_buckets (
  appkey TEXT PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  at_ms BIGINT NOT NULL
);
-- One call from the app key's bucket, atomically (the row lock orders concurrent callers).
CREATE FUNCTION take_call(p_appkey TEXT, p_per_second DOUBLE PRECISION, p_now BIGINT)
RETURNS BOOLEAN LANGUAGE plpgsql AS $$
DECLARE
  b rate_buckets%ROWTYPE;
  refilled DOUBLE PRECISION;
BEGIN
  INSERT INTO rate_buckets (appkey, tokens, at_ms) VALUES (p_appkey, p_per_second, p_now)
  ON CONFLICT (appkey) DO NOTHING;
  SELECT * INTO b FROM rate_buckets WHERE appkey = p_appkey FOR UPDATE;
  refilled := LEAST(p_per_second, b.tokens + GREATEST(0, p_now - b.at_ms) / 1000.0 * p_per_second);
  IF refilled < 1 THEN
    UPDATE rate_buckets SET tokens = refilled, at_ms = GREATEST(b.at_ms, p_now) WHERE appkey = p_appkey;
    RETURN FALSE;
  END IF;
  UPDATE rate_buckets SET tokens = refilled - 1, at_ms = GREATEST(b.at_ms, p_now) WHERE appkey = p_appkey;
  RETURN TRUE;
END $$;
`,
  },
];
