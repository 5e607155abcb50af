export * from './format.js';
export * from './redact.js';
export * from './replay-index.js';
