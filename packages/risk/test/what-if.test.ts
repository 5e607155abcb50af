import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import {
  domesticWhatIf,
  marginFiguresToStrings,
  overseasWhatIf,
  SAMPLE_KRX_MARGIN_PARAMETERS,
  SAMPLE_OVERSEAS_FX_RATES,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
} from '../src/index.js';
import { MARKET } from './krx-helpers.js';

const kospi = SAMPLE_KRX_MARGIN_PARAMETERS.groups.find((g) => g.group === 'KOSPI200')!;

describe('domesticWhatIf', () => {
  const input = {
    account: {
      dnca_cash: '100000000',
      frcr_dncl_amt: '0',
      dnca_sbst: '0',
      positions: [],
      fills: [],
      orders: [],
    },
    market: MARKET,
    mgnaDvsn: '01' as const,
    exccStatCd: '1' as const,
  };

  it('one long KOSPI200 future into an empty account: initial and maintenance are the ± range move', () => {
    const w = domesticWhatIf(input, [
      { pdno: '101S12', side: 'long', qty: 1, avgPrice: '307.45', priorSettlement: '307.45' },
    ]);
    const scan = (range: string) => String(Math.ceil(307.45 * Number(range) * 250000));
    assert.deepEqual(marginFiguresToStrings(w.before), {
      initial: '0',
      maintenance: '0',
      orderable: '100000000',
      marginCall: '0',
    });
    assert.equal(w.after.initial.toString(), scan(kospi.initial.priceRange));
    assert.equal(w.after.maintenance.toString(), scan(kospi.maintenance.priceRange));
    // All cash: orderable falls by exactly the initial requirement.
    assert.equal(w.change.orderable.neg().toString(), w.change.initial.toString());
  });

  it('an unchanged book changes nothing', () => {
    const book = [{ pdno: '101S12', side: 'short' as const, qty: 3, avgPrice: '309.10' }];
    const w = domesticWhatIf({ ...input, account: { ...input.account, positions: book } }, book);
    for (const v of Object.values(marginFiguresToStrings(w.change))) assert.equal(v, '0');
  });
});

describe('overseasWhatIf', () => {
  const input = {
    account: {
      cano: '12345678',
      acnt_prdt_cd: '08',
      balances: [{ currency: 'USD' as const, equity: '100000' }],
    },
    positions: [],
    riskParameters: SAMPLE_OVERSEAS_RISK_PARAMETERS,
    fxRates: SAMPLE_OVERSEAS_FX_RATES,
    inqrDt: '20250320',
    crcyCd: 'USD' as const,
  };
  it('a long ES future: initial = 1.1 × maintenance of its worst risk-array loss, orderable = equity − initial', () => {
    const es = SAMPLE_OVERSEAS_RISK_PARAMETERS.classes.find((c) => c.classCode === 'ES')!;
    const fut = es.contracts.find((k) => k.kind === 'future')!;
    const w = overseasWhatIf(input, [
      { exchange: 'CME', classCode: 'ES', contractMonth: fut.contractMonth, quantity: 1 },
    ]);
    const worst = Math.max(...fut.riskArray!);
    assert.equal(w.after.maintenance.toString(), worst.toFixed(2));
    assert.equal(
      w.after.initial.toString(),
      (Math.round(worst * Number(es.initialToMaintenance) * 100) / 100).toFixed(2),
    );
    assert.ok(w.after.orderable.add(w.after.initial).eq(Decimal.parse('100000')));
    assert.equal(w.change.initial.toString(), w.after.initial.toString());
  });
});
