// Child of multi-instance.test.ts: imports a large generated scenario into the database named by
// argv[2], printing "started" once rows are being written inside the transaction, then slowly,
// so the parent can SIGKILL it mid-import.
import { generateScenario, importScenario, openPostgresLedger } from '../src/index.js';

const store = openPostgresLedger(process.argv[2]!);
const scenario = generateScenario({ positions: 15_000, seed: 5, fillsPerAccount: 0 });
let said = false;
importScenario(store, scenario, {
  progressEvery: 500,
  onProgress: () => {
    if (!said) process.stdout.write('started\n');
    said = true;
    const until = Date.now() + 20;
    while (Date.now() < until) {}
  },
});
process.stdout.write('finished\n');
