// Public surface of @kisfo/risk. Each area keeps its own barrel so names stay grouped.

export * from './krx/index.js';
export * from './overseas/index.js';
export * from './pricing/index.js';
export * from './what-if.js';
