export * from './contracts.js';
export * from './http/index.js';
export * from './ledger/index.js';
export * from './reconcile/index.js';
export * from './record/index.js';
export * from './wiring/index.js';
