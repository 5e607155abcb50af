// Composition root of @kisfo/server: where the HTTP side meets the ledger. Only this folder imports
// both; the HTTP side sees the back office through the KisBackOffice contract alone.

export * from './postgres-call-limiter.js';
export * from './postgres-token-state.js';
export * from './shared-state.js';
export { type RunningServer, type StartServerOptions, startServer } from './start-server.js';
