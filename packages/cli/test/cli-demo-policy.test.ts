// `kisfo demo`: standard exchange figures with their spread and option credits for the main
// overseas account, and the one-side liquidation figure only for the account whose policy is on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import { isolatedEnv, run } from './cli-helpers.js';

interface Demo {
  marginDetail: { TKR: Record<string, string>; USD: Record<string, string> };
  oneSideAccount: {
    account: string;
    USD: Record<string, string>;
    oneSide?: { nettedInitial: string; oneSideInitial: string; appliedTo: string[] };
  };
}

describe('kisfo demo: spread and option credits, and the one-side policy account', () => {
  const env = isolatedEnv();

  it('shows the one-side figure once, under 12345678-09, and credits under 12345678-08', async () => {
    const r = await run(['demo'], env);
    assert.equal(r.code, 0, r.stderr);
    const step3 = r.stdout.slice(r.stdout.indexOf('3. GET margin-detail'), r.stdout.indexOf('4. '));
    const step4 = r.stdout.slice(r.stdout.indexOf('4. GET margin-detail'));
    assert.match(step4, /^4\. GET margin-detail \(OTFM3115R\) 12345678-09 — one-side liquidation/);
    assert.doesNotMatch(step3, /One-side/, 'the standard account shows no one-side figure');
    assert.equal(r.stdout.match(/One-side liquidation \(policy on\)/g)?.length, 1);
    assert.match(step4, /One-side liquidation \(policy on\) → CME:ES, CME:NQ/);
    // The standard account's tree carries its credits: an inter-month spread charge (not a
    // naked leg each) and option price credits.
    const line = (label: string) =>
      step3.split('\n').find((l) => l.includes(label) && l.includes('fm_span'));
    assert.match(line('inter-month spread margin')!, /[1-9]/);
    assert.match(line('option price margin')!, / -[0-9]/);
  });

  it('the JSON: netted figures below the one-side ones for the hedged book, credits in TKR', async () => {
    const r = await run(['demo', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as Demo;
    const tkr = doc.marginDetail.TKR;
    assert.ok(Decimal.from(tkr.fm_span_term_sprd_mgn_amt!).isPositive());
    assert.ok(Decimal.from(tkr.fm_span_buy_opt_min_mgn_amt!).isNegative(), 'option price credit');
    assert.ok(Decimal.from(tkr.fm_eurx_opt_pric_mgn_amt!).isNegative());
    const h = doc.oneSideAccount;
    assert.equal(h.account, '12345678-09');
    assert.ok(h.oneSide, 'the policy account carries its one-side figures');
    assert.deepEqual(h.oneSide.appliedTo, ['CME:ES', 'CME:NQ']);
    // The ES calendar and ES against NQ offset in the netted figure; one-side strips that.
    assert.ok(Decimal.from(h.oneSide.nettedInitial).lt(h.oneSide.oneSideInitial));
    // With the policy on, the larger (one-side) figure is what the margin detail charges.
    assert.ok(Decimal.from(h.USD.fm_brkg_mgn_amt!).eq(h.oneSide.oneSideInitial));
  });
});
