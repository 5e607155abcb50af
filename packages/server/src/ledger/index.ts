// Back office of @kisfo/server: ledger storage, scenarios, account services, admin API.

export * from './admin/admin-app.js';
export * from './business-day.js';
export * from './calendar/krx-calendar.js';
export * from './calendar/krx-holidays.js';
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
export * from './services/overseas-input.js';
export * from './store/migrations.js';
export * from './store/sqlite-store.js';
export type * from './store/types.js';
