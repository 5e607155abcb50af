// Public surface of @kisfo/risk. Each area keeps its own barrel so names stay grouped.
export * from './pricing/index.js';
export * from './krx/index.js';
export * from './overseas/index.js';
