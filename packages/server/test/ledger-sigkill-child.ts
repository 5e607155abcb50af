// Child of scenario-sigkill.test.ts: imports a large generated scenario into a file ledger and
// prints "started" from inside the import transaction, so the parent can SIGKILL it mid-way.
import { generateScenario, importScenario, openLedger } from '../src/index.js';

const path = process.argv[2]!;
const store = openLedger({ path });
const scenario = generateScenario({ positions: 60_000, seed: 3, fillsPerAccount: 0 });
let said = false;
importScenario(store, scenario, {
  progressEvery: 500,
  onProgress: () => {
    if (!said) process.stdout.write('started\n');
    said = true;
    // Slow down so the parent surely kills us inside the transaction.
    const until = Date.now() + 5;
    while (Date.now() < until) {}
  },
});
process.stdout.write('finished\n');
