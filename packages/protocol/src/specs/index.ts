export * from './domestic-inquire-balance.js';
export * from './domestic-inquire-deposit.js';
export * from './headers.js';
export * from './oauth.js';
export * from './overseas-margin-detail.js';

import { domesticInquireBalance } from './domestic-inquire-balance.js';
import { domesticInquireDeposit } from './domestic-inquire-deposit.js';
import { overseasMarginDetail } from './overseas-margin-detail.js';

/** Every inquiry spec, keyed by a short name. */
export const INQUIRY_SPECS = {
  domesticInquireBalance,
  domesticInquireDeposit,
  overseasMarginDetail,
} as const;
