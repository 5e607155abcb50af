// `node --import ./record-loads.mjs …`: registers resolve hooks that append every module URL the
// process resolves (ES imports, including CommonJS packages imported from ESM) to
// $KISFO_RECORD_LOADS, one per line.
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url, {
  data: { file: process.env.KISFO_RECORD_LOADS },
});
