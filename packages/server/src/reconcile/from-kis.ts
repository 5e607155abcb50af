import { Decimal } from '@kisfo/protocol';
import { parseKrxCode } from '@kisfo/risk';
import type {
  Scenario,
  ScenarioAccount,
  ScenarioPosition,
  ScenarioPrice,
  ScenarioUnderlying,
} from '../ledger/scenario/types.js';
import type { BalanceAnswer, KisAnswers } from './answers.js';
import { fitKrxMargin, type MarginFit } from './margin-fit.js';

/**
 * The ISO 4217 code for "no currency": a domestic account's foreign deposits, which KIS reports
 * only as one KRW value (`frcr_dncl_amt`), are kept as this currency at rate 1 so they reproduce
 * exactly without guessing which currencies and rates made them up.
 */
export const FOREIGN_DEPOSIT_CURRENCY = 'XXX';
/** Volatility assumed for an underlying (the answers carry none; it only moves option margin). */
export const ASSUMED_VOL = '0.2';

/** Options of {@link scenarioFromKis}. */
export interface FromKisOptions {
  /** Business date (default: the answers'). */
  businessDate?: string;
  /** FX rates of the business date, KRW per unit (`{ USD: '1370.00' }`): KIS's answers carry none. */
  fx?: Record<string, string>;
  /** Fit KRX margin parameters to KIS's margin totals (default true). */
  fitMargin?: boolean;
}

/** A scenario built from KIS's answers, with what was read, assumed and fitted. */
export interface FromKisResult {
  scenario: Scenario;
  /** One line per assumption or fit, for the user to check. */
  notes: string[];
  /** The KRX margin fit (when there was a margin to fit). */
  marginFit?: MarginFit;
}

const dec = (s: string | undefined): Decimal => Decimal.parse((s ?? '').trim() || '0');
const plain = (s: string | undefined): string => dec(s).toString();

function sideOf(row: Record<string, string>): 'long' | 'short' | undefined {
  const cd = (row.sll_buy_dvsn_cd ?? '').trim();
  if (cd === '02') return 'long';
  if (cd === '01') return 'short';
  const name = (row.sll_buy_dvsn_name ?? '').trim();
  return name === '매수' ? 'long' : name === '매도' ? 'short' : undefined;
}

/** The instrument code of a row: the short code when kisfo can read it, else the standard code. */
function codeOf(row: Record<string, string>): string | undefined {
  for (const c of [row.shtn_pdno, row.pdno]) {
    const t = (c ?? '').trim();
    if (t === '') continue;
    try {
      parseKrxCode(t);
      return t;
    } catch {
      // try the other code
    }
  }
  return undefined;
}

/** The answer positions are read from: 정산 basis (`EXCC_STAT_CD=1`) first, it carries prior settlements. */
function positionAnswer(answers: BalanceAnswer[]): BalanceAnswer {
  return answers.find((a) => a.exccStatCd === '1') ?? answers[0]!;
}

/**
 * Build a scenario that explains KIS's answers: domestic accounts with their deposits
 * (`dnca_cash`, `dnca_sbst`, foreign deposits as {@link FOREIGN_DEPOSIT_CURRENCY}), every open
 * position (side, quantity, average price, prior settlement = `excc_unpr` of the 정산 answer) with
 * today's price (`idx_clpr`), an underlying level per product group (a held future's price, else
 * the middle of the held strikes; volatility {@link ASSUMED_VOL}), overseas accounts with their
 * equity per currency view (`fm_ord_psbl_amt + fm_brkg_mgn_amt`), and KRX margin parameters
 * fitted to KIS's margin totals. What the answers leave open is listed in `notes`: today's
 * fills and orders (not in either answer), overseas positions (the margin detail has none).
 *
 * @example
 * ```ts
 * const { scenario, notes } = scenarioFromKis(parseAnswers(readFileSync('kis.jsonl', 'utf8')));
 * ```
 */
export function scenarioFromKis(answers: KisAnswers, options: FromKisOptions = {}): FromKisResult {
  const notes: string[] = [];
  const bd = options.businessDate ?? answers.businessDate;
  if (bd === undefined || !/^\d{8}$/.test(bd))
    throw new Error('business date unknown: pass one (YYYYMMDD)');
  const accounts: ScenarioAccount[] = [];
  const positions: ScenarioPosition[] = [];
  const prices = new Map<string, ScenarioPrice>();
  const groups = new Map<
    string,
    { futures: { code: string; price: Decimal }[]; strikes: Decimal[] }
  >();
  const fx: Record<string, string> = { ...options.fx };

  const byAccount = new Map<string, BalanceAnswer[]>();
  for (const a of answers.balances)
    byAccount.set(a.account, [...(byAccount.get(a.account) ?? []), a]);
  for (const [id, list] of byAccount) {
    const a = positionAnswer(list);
    const s = a.output2;
    const cash: Record<string, string> = { KRW: plain(s.dnca_cash) };
    const foreign = dec(s.frcr_dncl_amt);
    if (!foreign.isZero()) {
      cash[FOREIGN_DEPOSIT_CURRENCY] = foreign.toString();
      fx[FOREIGN_DEPOSIT_CURRENCY] = '1';
      notes.push(
        `${id}: foreign deposits ${foreign} KRW kept as ${FOREIGN_DEPOSIT_CURRENCY} at rate 1`,
      );
    }
    accounts.push({ id, kind: 'domestic', cash, substitutes: plain(s.dnca_sbst) });
    if (a.exccStatCd !== '1')
      notes.push(
        `${id}: no 정산 (EXCC_STAT_CD=1) answer: prior settlements taken as today's prices`,
      );
    let closed = 0;
    for (const row of a.output1) {
      const qty = Number(dec(row.cblc_qty).toString());
      const side = sideOf(row);
      const code = codeOf(row);
      if (qty === 0 || side === undefined) {
        closed++;
        continue;
      }
      if (code === undefined) {
        notes.push(`${id}: ${row.pdno} ${row.prdt_name ?? ''}: a code kisfo cannot read; left out`);
        continue;
      }
      const price = dec(row.idx_clpr);
      const prior = a.exccStatCd === '1' ? dec(row.excc_unpr) : price;
      positions.push({
        account: id,
        instrument: code,
        side,
        qty,
        avgPrice: dec(row.ccld_avg_unpr1).toString(),
        priorSettlement: prior.toString(),
      });
      if (!prices.has(code))
        prices.set(code, {
          instrument: code,
          price: price.toString(),
          priorSettlement: prior.toString(),
        });
      const ins = parseKrxCode(code);
      const g = groups.get(ins.spec.group) ?? { futures: [], strikes: [] };
      if (ins.spec.kind === 'future') g.futures.push({ code, price });
      else if (ins.strike !== undefined) g.strikes.push(ins.strike);
      groups.set(ins.spec.group, g);
    }
    if (closed > 0)
      notes.push(`${id}: ${closed} row(s) closed out today: their fills are not in the answers`);
  }

  const underlyings: ScenarioUnderlying[] = [];
  for (const [group, g] of groups) {
    let level: Decimal;
    if (g.futures.length > 0) {
      level = [...g.futures].sort((x, y) => (x.code < y.code ? -1 : 1))[0]!.price;
    } else {
      const s = [...g.strikes].sort((x, y) => x.cmp(y));
      level = s[Math.floor(s.length / 2)] ?? Decimal.ONE;
    }
    underlyings.push({ group, level: level.toString(), vol: ASSUMED_VOL });
    notes.push(
      `${group}: underlying level ${level} (${g.futures.length > 0 ? 'a held future' : 'middle strike'}), volatility ${ASSUMED_VOL} assumed`,
    );
  }

  const overseasEquity = new Map<string, Record<string, string>>();
  for (const m of answers.marginDetails) {
    const equity = dec(m.output.fm_ord_psbl_amt).add(dec(m.output.fm_brkg_mgn_amt));
    const cash = overseasEquity.get(m.account) ?? {};
    if (m.crcyCd !== 'TKR' && m.crcyCd !== 'TUS') cash[m.crcyCd] = equity.toString();
    else if (m.crcyCd === 'TKR') cash.TKR = equity.toString();
    overseasEquity.set(m.account, cash);
  }
  for (const [id, c] of overseasEquity) {
    const { TKR, ...single } = c;
    const cash = Object.keys(single).length > 0 ? single : { KRW: TKR ?? '0' };
    accounts.push({ id, kind: 'overseas', cash });
    notes.push(
      `${id}: overseas equity per view ${JSON.stringify(cash)}; positions are not in the margin detail (add them to reconcile the components)`,
    );
  }

  const scenario: Scenario = {
    version: 1,
    businessDate: bd,
    accounts,
    ...(Object.keys(fx).length > 0 ? { fx: { [bd]: fx } } : {}),
    prices: [...prices.values()].sort((x, y) => (x.instrument < y.instrument ? -1 : 1)),
    underlyings,
    positions,
    fills: [],
    orders: [],
    risk: {
      krxMargin: 'sample',
      krxSettlement: 'sample',
      ...(overseasEquity.size > 0 ? { overseas: 'sample' as const } : {}),
    },
  };
  if (answers.marginDetails.length > 0 && options.fx === undefined)
    notes.push(
      'no FX rates given (--fx CCY=RATE): the margin detail cannot be recomputed for other views',
    );
  const out: FromKisResult = { scenario, notes };
  if (options.fitMargin !== false && answers.balances.length > 0) {
    const fit = fitKrxMargin(scenario, answers.balances);
    out.marginFit = fit;
    if (fit.parameters !== 'sample')
      scenario.risk = { ...scenario.risk, krxMargin: fit.parameters };
    notes.push(fit.summary);
  }
  return out;
}
