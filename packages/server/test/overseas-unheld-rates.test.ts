// A ledger needs FX rates only for the currencies an account holds: the demo's one-side account
// (12345678-09) holds USD products and USD cash only, so without any EUR rate its total views
// (TKR, TUS) answer exactly the bytes they answer with one, and admin writes to it are taken.
// (Before, every class of the risk parameters was converted, held or not, so the missing EUR rate
// answered EGW00002 and refused every write to the account.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_SCENARIO, openLedger, type Scenario } from '../src/index.js';
import { demoHosts } from './demo-hosts.js';
import { marginQuery } from './http-harness.js';

const ACCOUNT = '12345678-09';

/** The demo with no EUR rate on any date. */
function withoutEur(): Scenario {
  const s = structuredClone(DEMO_SCENARIO);
  for (const rates of Object.values(s.fx ?? {})) delete (rates as Record<string, string>).EUR;
  return s;
}

async function totals(scenario: Scenario) {
  const store = openLedger();
  const hosts = await demoHosts(store, { scenario });
  const bd = store.businessDate()!;
  const [cano, acnt] = ACCOUNT.split('-') as [string, string];
  /** Both total views of the account, as the bytes a client receives. */
  const answers = async () => {
    const out: string[] = [];
    for (const view of ['TKR', 'TUS']) {
      const res = await hosts.ask(marginQuery(cano, acnt, view, bd), 'OTFM3115R');
      out.push(`${view} ${res.status} ${await res.text()}`);
    }
    return out;
  };
  return { answers, call: hosts.call };
}

describe('FX rates of currencies an account does not hold', () => {
  it('the demo account holds nothing in EUR (else this test shows nothing)', () => {
    const s = DEMO_SCENARIO;
    assert.ok(
      !(s.positions ?? []).some((p) => p.account === ACCOUNT && /^EUREX:/.test(p.instrument)),
    );
    const account = s.accounts.find((a) => a.id === ACCOUNT)!;
    assert.deepEqual(Object.keys(account.cash ?? {}), ['USD']);
  });

  it('TKR and TUS answer the same bytes without an EUR rate as with one', async () => {
    const rated = await (await totals(DEMO_SCENARIO)).answers();
    const unrated = await (await totals(withoutEur())).answers();
    assert.ok(
      rated.every((a) => /^\w+ 200 \{"output"/.test(a)),
      rated.join('\n'),
    );
    assert.deepEqual(unrated, rated);
  });

  it('an admin write to the account is taken, and the next answers follow it', async () => {
    const { call, answers } = await totals(withoutEur());
    const before = await answers();
    const res = await call('PUT', '/deposits', {
      account: ACCOUNT,
      currency: 'USD',
      cash: '210000.00',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const after = await answers();
    assert.ok(
      after.every((a) => /^\w+ 200 \{"output"/.test(a)),
      after.join('\n'),
    );
    assert.notDeepEqual(after, before);
  });
});
