// Back office of @kisfo/server: ledger storage, scenarios, account services, admin API.

export * from './admin/admin-app.js';
export * from './admin/ledger-check.js';
export * from './business-day.js';
export * from './calendar/krx-calendar.js';
export * from './calendar/krx-holidays.js';
export * from './dashboard/dashboard-app.js';
export * from './dashboard/dashboard-data.js';
export * from './dashboard/dashboard-sessions.js';
export * from './dashboard/ledger-watch.js';
export * from './errors.js';
export * from './instrument-key.js';
export * from './scenario/business-date-choice.js';
export * from './scenario/checks.js';
export * from './scenario/demo.js';
export * from './scenario/export.js';
export * from './scenario/generate.js';
export * from './scenario/import.js';
export * from './scenario/rebase.js';
export type * from './scenario/types.js';
export * from './scenario/validate.js';
export * from './services/back-office.js';
export * from './services/domestic-input.js';
export * from './services/kept-balances.js';
export * from './services/masters.js';
export * from './services/overseas-input.js';
export * from './store/migrations.js';
export * from './store/open-ledger-store.js';
export {
  PgBridge,
  type PgBridgeOptions,
  PostgresError,
  type SqlStatement,
} from './store/postgres/bridge.js';
export * from './store/postgres/change-listener.js';
export * from './store/postgres/migrations.js';
export * from './store/postgres/postgres-store.js';
export * from './store/postgres/redact-url.js';
export * from './store/sqlite-store.js';
export type * from './store/types.js';
