import { Decimal } from '@kisfo/protocol';
import type { BalanceResult } from './resources/domestic-future-option.js';
import type { DomesticBalancePosition } from './types.js';

/** One identity that does not hold. */
export interface BalanceViolation {
  /** The field checked (`output2.mgna_tota`, `output1[3].evlu_pfls_amt`). */
  field: string;
  expected: Decimal;
  actual: Decimal;
  message: string;
}

/** Long (+1), short (−1) or unknown (0, e.g. closed out today) from whichever side field is present. */
export function positionSide(row: DomesticBalancePosition): 1 | -1 | 0 {
  const name = (row.sll_buy_dvsn_name ?? row.trad_dvsn_name ?? '').trim().toUpperCase();
  if (name === '매수' || name === 'BUY') return 1;
  if (name === '매도' || name === 'SLL' || name === 'SELL') return -1;
  if (row.sll_buy_dvsn_cd === '02') return 1;
  if (row.sll_buy_dvsn_cd === '01') return -1;
  return 0;
}

/**
 * Futures or option from the KRX standard code (`KR4` + `1` futures, `2` call, `3` put, `4`
 * spread); `undefined` when the code does not say.
 */
export function productClass(row: DomesticBalancePosition): 'future' | 'option' | undefined {
  const m = /^KR4([1-4])/.exec(row.pdno.trim());
  if (m === null) return undefined;
  return m[1] === '2' || m[1] === '3' ? 'option' : 'future';
}

const max0 = (d: Decimal) => (d.isNegative() ? Decimal.ZERO : d);

/**
 * Check the documented identities between the positions and the summary that need no instrument
 * data (multipliers, prices): deposits, margin, orderable and withdrawable amounts, P&L roll-ups,
 * the sums over all pages, each row's evaluation P&L by side, and the futures/options split when
 * every product code tells its class. Returns the violations (none when consistent).
 *
 * @example
 * ```ts
 * const result = await client.domesticFutureOption.inquireBalance();
 * for (const v of checkBalance(result)) console.warn(v.message);
 * ```
 */
export function checkBalance(
  result: Pick<BalanceResult, 'positions' | 'summary'>,
): BalanceViolation[] {
  const s = result.summary;
  const out: BalanceViolation[] = [];
  const expect = (field: string, expected: Decimal, actual: Decimal, rule: string) => {
    if (!expected.eq(actual)) {
      out.push({
        field,
        expected,
        actual,
        message: `${field} is ${actual}, expected ${expected} (${rule})`,
      });
    }
  };
  expect(
    'output2.tot_dncl_amt',
    s.dnca_cash.add(s.frcr_dncl_amt).add(s.dnca_sbst),
    s.tot_dncl_amt,
    'dnca_cash + frcr_dncl_amt + dnca_sbst',
  );
  expect('output2.mgna_tota', s.cash_mgna.add(s.sbst_mgna), s.mgna_tota, 'cash_mgna + sbst_mgna');
  expect(
    'output2.trad_pfls_amt_smtl',
    s.futr_trad_pfls_amt.add(s.opt_trad_pfls_amt),
    s.trad_pfls_amt_smtl,
    'futr_trad_pfls_amt + opt_trad_pfls_amt',
  );
  expect(
    'output2.evlu_pfls_amt_smtl',
    s.futr_evlu_pfls_amt.add(s.opt_evlu_pfls_amt),
    s.evlu_pfls_amt_smtl,
    'futr_evlu_pfls_amt + opt_evlu_pfls_amt',
  );
  expect(
    'output2.ord_psbl_sbst',
    max0(s.dnca_sbst.sub(s.sbst_mgna)),
    s.ord_psbl_sbst,
    'max(0, dnca_sbst − sbst_mgna)',
  );
  expect(
    'output2.ord_psbl_cash',
    s.dnca_cash.sub(s.cash_mgna).sub(max0(s.sbst_mgna.sub(s.dnca_sbst))),
    s.ord_psbl_cash,
    'dnca_cash − cash_mgna − max(0, sbst_mgna − dnca_sbst)',
  );
  expect(
    'output2.ord_psbl_tota',
    s.ord_psbl_cash.add(s.ord_psbl_sbst),
    s.ord_psbl_tota,
    'ord_psbl_cash + ord_psbl_sbst',
  );
  expect(
    'output2.wdrw_psbl_tot_amt',
    max0(s.dnca_cash.add(s.dnca_sbst).sub(s.mgna_tota)),
    s.wdrw_psbl_tot_amt,
    'max(0, dnca_cash + dnca_sbst − mgna_tota)',
  );

  let pchs = Decimal.ZERO;
  let evlu = Decimal.ZERO;
  let futr = Decimal.ZERO;
  let opt = Decimal.ZERO;
  let classified = true;
  result.positions.forEach((row, i) => {
    pchs = pchs.add(row.pchs_amt);
    evlu = evlu.add(row.evlu_amt);
    const side = positionSide(row);
    if (side !== 0) {
      const expected = side === 1 ? row.evlu_amt.sub(row.pchs_amt) : row.pchs_amt.sub(row.evlu_amt);
      expect(
        `output1[${i}].evlu_pfls_amt`,
        expected,
        row.evlu_pfls_amt,
        side === 1 ? 'long: evlu_amt − pchs_amt' : 'short: pchs_amt − evlu_amt',
      );
    }
    const cls = productClass(row);
    if (cls === 'future') futr = futr.add(row.evlu_pfls_amt);
    else if (cls === 'option') opt = opt.add(row.evlu_pfls_amt);
    else classified = false;
  });
  expect('output2.pchs_amt_smtl', pchs, s.pchs_amt_smtl, 'Σ output1.pchs_amt over all pages');
  expect('output2.evlu_amt_smtl', evlu, s.evlu_amt_smtl, 'Σ output1.evlu_amt over all pages');
  if (classified) {
    expect(
      'output2.futr_evlu_pfls_amt',
      futr,
      s.futr_evlu_pfls_amt,
      'Σ evlu_pfls_amt of futures positions',
    );
    expect(
      'output2.opt_evlu_pfls_amt',
      opt,
      s.opt_evlu_pfls_amt,
      'Σ evlu_pfls_amt of option positions',
    );
  }
  return out;
}
