export * from './answers.js';
export * from './field-rules.js';
export * from './from-kis.js';
export * from './margin-fit.js';
export * from './reconcile.js';
export { ScenarioLedger } from './scenario-ledger.js';
