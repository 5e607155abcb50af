// PUT /fx through the admin API checks, inside its transaction, that every account the business
// date's new rates reach still answers: each overseas account in every currency view of its
// margin detail (computes, and fits KIS's wire fields with the view's decimals), and each domestic
// account with a deposit in a written currency. Otherwise it is refused whole like any other
// admin write, and nothing changes: the stored rates read back the same and the KIS inquiries
// answer the same bytes. On SQLite and on PostgreSQL (a throwaway cluster).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { marginDetailCurrencies } from '@kisfo/protocol';
import type { LedgerStore } from '../src/index.js';
import { demoHosts } from './demo-hosts.js';
import { balanceQuery, marginQuery } from './http-harness.js';
import { LEDGER_BACKENDS } from './ledger-backends.js';

const OVERSEAS = ['12345678-08', '12345678-09'];
/** The demo's domestic account with a USD deposit (the other holds KRW only). */
const DOMESTIC = '80012345-03';
const VIEWS = Object.keys(marginDetailCurrencies);

async function setUp(store: LedgerStore) {
  const hosts = await demoHosts(store);
  const { call } = hosts;
  const bd = store.businessDate()!;
  const ask = async (path: string, trId: string) => {
    const res = await hosts.ask(path, trId);
    return `${res.status} ${await res.text()}`;
  };
  /** Every answer the rates can change: each overseas view of each account, and the balance. */
  const answers = async () => {
    const out: string[] = [];
    for (const id of OVERSEAS) {
      const [cano, acnt] = id.split('-') as [string, string];
      for (const v of VIEWS) out.push(await ask(marginQuery(cano, acnt, v, bd), 'OTFM3115R'));
    }
    out.push(await ask(balanceQuery('80012345', '03'), 'CTFO6118R'));
    return out;
  };
  const rates = async () => JSON.stringify((await call('GET', '/export')).body.fx);
  return { bd, answers, call, rates, ask };
}

for (const backend of LEDGER_BACKENDS) {
  describe(`PUT /fx refuses what would leave an account unanswerable (${backend.name})`, () => {
    it('a rate that overflows is refused naming every account it reaches; nothing changes', async () => {
      const { answers, call, rates } = await setUp(await backend.fresh());
      const before = { answers: await answers(), rates: await rates() };
      assert.ok(before.answers.every((a) => a.startsWith('200 ')));
      const res = await call('PUT', '/fx', { rates: { USD: '99999999999999999' } });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, 'invalid input');
      const issues = res.body.issues as { path: string; message: string }[];
      const account = (m: string) => /^account (\S+) could no longer be computed/.exec(m)?.[1];
      // Both overseas accounts, and the domestic one with a USD deposit; not the KRW-only one.
      assert.deepEqual(
        issues.map((i) => account(i.message)).sort(),
        [...OVERSEAS, DOMESTIC].sort(),
      );
      for (const i of issues) assert.equal(i.path, 'rates.USD');
      for (const i of issues.filter((x) => OVERSEAS.includes(account(x.message)!))) {
        assert.match(i.message, /output\.fm_\w+ \([^)]+\): \d+ is longer than \d+/);
      }
      assert.equal(await rates(), before.rates, 'the stored rates read back unchanged');
      assert.deepEqual(await answers(), before.answers, 'every inquiry answers the same bytes');
    });

    it('a domestic account with a deposit in the currency is checked too', async () => {
      const { call, rates, ask } = await setUp(await backend.fresh());
      const put = await call('PUT', '/deposits', {
        account: DOMESTIC,
        currency: 'USD',
        cash: '1000.00',
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const balance = await ask(balanceQuery('80012345', '03'), 'CTFO6118R');
      const before = await rates();
      // 1,000 USD at 10^17 won is a 21-digit foreign deposit: past every amount field.
      const res = await call('PUT', '/fx', { rates: { USD: '100000000000000000' } });
      assert.equal(res.status, 400);
      const issues = res.body.issues as { path: string; message: string }[];
      const ours = issues.find((i) => i.message.startsWith(`account ${DOMESTIC} `));
      assert.ok(ours, JSON.stringify(issues));
      assert.equal(ours.path, 'rates.USD');
      assert.equal(await rates(), before);
      assert.equal(await ask(balanceQuery('80012345', '03'), 'CTFO6118R'), balance);
    });

    it('an ordinary new rate is accepted and moves the KRW view; other dates reach no account', async () => {
      const { bd, call, ask, rates } = await setUp(await backend.fresh());
      const tkr = () => ask(marginQuery('12345678', '08', 'TKR', bd), 'OTFM3115R');
      const usd = () => ask(marginQuery('12345678', '08', 'USD', bd), 'OTFM3115R');
      const [tkrBefore, usdBefore] = [await tkr(), await usd()];
      const res = await call('PUT', '/fx', { rates: { USD: '1400.00' } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal((res.body.rates as Record<string, string>).USD, '1400.00');
      assert.notEqual(await tkr(), tkrBefore, 'the KRW view converts at the new rate');
      assert.equal(await usd(), usdBefore, 'the USD view has nothing to convert');
      // A rate of another day is not checked against today's answers (it enters none of them).
      const other = await call('PUT', '/fx', {
        date: '20200102',
        rates: { USD: '99999999999999999' },
      });
      assert.equal(other.status, 200, JSON.stringify(other.body));
      assert.match(await rates(), /"20200102":\{"USD":"99999999999999999"\}/);
    });
  });
}
