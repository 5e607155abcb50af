// Starts the real kisfo server on loopback for integration tests. The ledger and scenario come
// from the server package (a test-only dependency; the client never imports it at runtime).
import type { KisEnv } from '@kisfo/protocol';
import {
  createBackOffice,
  DEMO_PAPER_APPKEY,
  DEMO_PAPER_APPSECRET,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  DEMO_SCENARIO,
  generateScenario,
  importScenario,
  openLedger,
  silentSink,
  startServer,
} from '../../../server/src/index.js';

export const DEMO = {
  real: {
    appKey: DEMO_REAL_APPKEY,
    appSecret: DEMO_REAL_APPSECRET,
    account: '80012345-03',
    overseas: '12345678-08',
  },
  paper: { appKey: DEMO_PAPER_APPKEY, appSecret: DEMO_PAPER_APPSECRET, account: '50012345-01' },
} as const;

export interface TestServer {
  realUrl: string;
  paperUrl: string;
  close(): Promise<void>;
  /** The generated scenario's domestic accounts (with `positions`), else the demo's. */
  accounts: string[];
  /** Change the account's deposit: the ledger version moves (continuations get SYDB0050). */
  touch(account: string): void;
  /** Positions the server holds for the account (what a complete inquiry must return). */
  positionCount(account: string): number;
}

/** Start the server with the demo scenario, or a generated one of `positions` positions. */
export async function startTestServer(
  options: {
    positions?: number;
    rateLimits?: Partial<Record<KisEnv, number>>;
    clock?: () => number;
    /** With `positions`: also hold the demo's overseas account (for the margin detail). */
    withOverseas?: boolean;
  } = {},
): Promise<TestServer> {
  let scenario =
    options.positions === undefined
      ? DEMO_SCENARIO
      : generateScenario({ positions: options.positions, accounts: 1, seed: 7 });
  if (options.withOverseas === true && scenario !== DEMO_SCENARIO) {
    const o = DEMO_SCENARIO.accounts.find((a) => a.kind === 'overseas')!;
    const app = scenario.apps![0]!;
    scenario = {
      ...scenario,
      apps: [{ ...app, accounts: [...app.accounts, o.id] }],
      accounts: [...scenario.accounts, o],
      fx: DEMO_SCENARIO.fx!,
      positions: [
        ...scenario.positions!,
        ...DEMO_SCENARIO.positions!.filter((p) => p.account === o.id),
      ],
      risk: { ...scenario.risk, overseas: 'sample' },
    };
  }
  const store = openLedger();
  importScenario(store, scenario);
  const backOffice = createBackOffice(store);
  const server = await startServer({
    port: 0,
    paperPort: 0,
    backOffice,
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    logger: silentSink,
  });
  const accounts = scenario.accounts.filter((a) => a.kind === 'domestic').map((a) => a.id);
  return {
    realUrl: server.realUrl,
    paperUrl: server.paperUrl,
    accounts,
    touch: (account) => {
      const d = store.deposits(account)[0]!;
      store.putDeposit({ ...d, cash: (BigInt(d.cash.split('.')[0]!) + 1n).toString() });
    },
    positionCount: (account) => {
      const [cano, acntPrdtCd] = account.split('-') as [string, string];
      return backOffice.domesticBalance({ cano, acntPrdtCd }, { mgnaDvsn: '01', exccStatCd: '1' })
        .output1.length;
    },
    close: async () => {
      await server.close();
      store.close();
    },
  };
}
