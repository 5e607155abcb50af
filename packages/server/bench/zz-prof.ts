import { PostgresRateLimiter } from '../src/http/shared/postgres-rate-limiter.js';
import { PostgresTokenState } from '../src/http/shared/postgres-token-state.js';
import {
  createBackOffice,
  generateScenario,
  importScenario,
  openPostgresLedger,
} from '../src/index.js';
import { startPgCluster } from '../test/pg-cluster.js';

const cl = await startPgCluster();
const s = openPostgresLedger(await cl.createDatabase(), { listen: true });
importScenario(s, generateScenario({ positions: 60, accounts: 1, seed: 11 }));
await s.listening();
const bo = createBackOffice(s);
const lim = new PostgresRateLimiter(s.db, Date.now);
const ts = new PostgresTokenState(s.db);
const time = (name: string, f: () => unknown, n = 300) => {
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, ((performance.now() - t) / n).toFixed(3), 'ms');
};
time('SELECT 1', () => s.db.query('SELECT 1'));
time('findApp', () => s.findApp('PSDEMOREAL00000000000000000000000000'));
time('accountVersion', () => s.accountVersion('70000000-03'));
time('take_call', () => lim.take('k', 1e6));
time('isRevoked', () => ts.isRevoked('x'));
time('getAccount', () => s.getAccount('70000000-03'));
time('domesticBalance', () =>
  bo.domesticBalance({ cano: '70000000', acntPrdtCd: '03' }, { mgnaDvsn: '01', exccStatCd: '1' }),
);
s.close();
cl.stop();
