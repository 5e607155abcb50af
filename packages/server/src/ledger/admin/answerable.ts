import { type MarginDetailCurrency, marginDetailCurrencies } from '@kisfo/protocol';
import { computeDomesticBalance, computeOverseasMarginDetail } from '@kisfo/risk';
import { LedgerValidationError } from '../errors.js';
import { assertBalanceFitsWire } from '../services/balance-wire-fit.js';
import { domesticBalanceInput } from '../services/domestic-input.js';
import { assertMarginDetailFitsWire } from '../services/margin-detail-wire-fit.js';
import { overseasMarginInput } from '../services/overseas-input.js';
import type { LedgerAccount, LedgerStore } from '../store/types.js';

/** The overseas margin detail's currency views (`CRCY_CD`). */
const VIEWS = Object.keys(marginDetailCurrencies) as MarginDetailCurrency[];

/**
 * Check, inside the write's transaction, that every account it touched still answers its
 * inquiry; otherwise throw {@link LedgerValidationError} naming the item, so the transaction rolls
 * back and the write changes nothing. A fill in a series with no price, an order in an unknown
 * overseas class or a foreign deposit without an FX rate would otherwise turn every later
 * inquiry of the account into `EGW00002`.
 *
 * A domestic account's balance must compute and fit the inquiry's wire fields (a figure longer
 * than its field would fail the same way). It is checked with `checkDomestic` when given (a back
 * office's kept balances: a fill, price or deposit is applied to the kept book instead of
 * computing the account afresh); it must throw what a fresh `computeDomesticBalance` of the
 * account, or encoding its answer, would throw. An overseas account's margin detail must compute
 * and fit its wire fields in every currency view (`CRCY_CD`), once the day has FX rates.
 *
 * @example
 * ```ts
 * store.transaction(() => { store.addFill(fill); assertAnswerable(store, [[fill.accountId, 'fills[0]']]); });
 * ```
 */
export function assertAnswerable(
  store: LedgerStore,
  touched: readonly (readonly [accountId: string, path: string])[],
  checkDomestic: DomesticCheck = freshDomesticCheck(store),
): void {
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const [id, path] of touched) {
    if (seen.has(id)) continue;
    seen.add(id);
    const account = store.getAccount(id);
    if (account === undefined) continue;
    const problem = answerProblem(store, account, checkDomestic);
    if (problem !== undefined) {
      issues.push({
        path,
        message: `account ${id} could no longer be computed after this write: ${problem}`,
      });
    }
  }
  if (issues.length > 0) throw new LedgerValidationError(issues);
}

/** A check of a domestic account's balance: throws what computing or encoding it would throw. */
export type DomesticCheck = (account: LedgerAccount) => void;

/** The balance at `MGNA_DVSN=01`, `EXCC_STAT_CD=1` computed afresh and fitted to the wire. */
function freshDomesticCheck(store: LedgerStore): DomesticCheck {
  return (account) => {
    assertBalanceFitsWire(
      computeDomesticBalance(
        domesticBalanceInput(store, account, { mgnaDvsn: '01', exccStatCd: '1' }),
      ),
    );
  };
}

/**
 * Why `account` would not answer its inquiry now (the message of what computing or encoding it
 * throws), or `undefined` when it answers. See {@link assertAnswerable} for what is checked.
 */
export function answerProblem(
  store: LedgerStore,
  account: LedgerAccount,
  checkDomestic: DomesticCheck = freshDomesticCheck(store),
): string | undefined {
  const bd = store.businessDate() ?? '';
  try {
    if (account.kind === 'domestic') {
      checkDomestic(account);
    } else if (Object.keys(store.fxRates(bd)).length > 0) {
      // Every currency view: each converts at its own rates, and any one can overflow (a VND
      // view's figures are larger than the KRW one's).
      for (const view of VIEWS) {
        const output = computeOverseasMarginDetail(
          overseasMarginInput(store, account, { crcyCd: view, inqrDt: bd }),
        );
        assertMarginDetailFitsWire(output, view);
      }
    }
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
