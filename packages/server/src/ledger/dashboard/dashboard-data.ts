import {
  type Decimal,
  type KisEnv,
  KisfoInputError,
  type MarginDetailCurrency,
} from '@kisfo/protocol';
import {
  computeOverseasMarginDetailWithBreakdown,
  convertOverseasAmount,
  type DomesticBalanceRow,
  domesticMarginPositions,
  domesticWhatIf,
  KrxMarketIndex,
  type KrxPosition,
  krxScanScenarios,
  type MarginWhatIf,
  marginFiguresToStrings,
  type OverseasOrderMargin,
  type OverseasPositionInput,
  overseasScenarioArrays,
  overseasWhatIf,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '@kisfo/risk';
import { isOverseasInstrument, overseasInstrumentId } from '../instrument-key.js';
import type { LedgerBackOffice } from '../services/back-office.js';
import { domesticBalanceInput } from '../services/domestic-input.js';
import { overseasMarginInput, overseasRiskParametersOf } from '../services/overseas-input.js';
import type { LedgerAccount, LedgerStore } from '../store/types.js';

/** An account as the dashboard lists it. */
export interface DashboardAccount {
  id: string;
  cano: string;
  acntPrdtCd: string;
  kind: 'domestic' | 'overseas';
  name: string;
  /** Environments of the apps that may read the account. */
  envs: KisEnv[];
  version: string;
}

/** `GET /api/overview`. */
export function dashboardOverview(
  store: LedgerStore,
  hosts: Partial<Record<KisEnv, string>>,
  changedAt: string,
) {
  const envs = new Map<string, Set<KisEnv>>();
  for (const app of store.listApps()) {
    for (const a of app.accounts) {
      const id = `${a.cano}-${a.acntPrdtCd}`;
      envs.set(id, (envs.get(id) ?? new Set()).add(app.env));
    }
  }
  const accounts: DashboardAccount[] = store.listAccounts().map((a) => ({
    id: a.id,
    cano: a.cano,
    acntPrdtCd: a.acntPrdtCd,
    kind: a.kind,
    name: a.name ?? '',
    envs: [...(envs.get(a.id) ?? [])].sort(),
    version: store.accountVersion(a.id).toString(),
  }));
  return {
    businessDate: store.businessDate() ?? '',
    backend: store.backend,
    hosts,
    changedAt,
    accounts,
  };
}

/** A bad request of the dashboard API: 400 with the path of each problem. */
export class DashboardInputError extends KisfoInputError {
  override name = 'DashboardInputError';
  constructor(path: string, message: string) {
    super([{ path, message }], message);
  }

  /** The query parameter at fault (`crcyCd`): its issue's path. */
  get path(): string {
    return this.issues[0]!.path;
  }
}

/** A missing account or one of the other kind: 404. */
export class DashboardNotFoundError extends Error {
  override name = 'DashboardNotFoundError';
}

function accountOf(store: LedgerStore, id: string, kind: LedgerAccount['kind']): LedgerAccount {
  const a = store.getAccount(id);
  if (a === undefined || a.kind !== kind)
    throw new DashboardNotFoundError(`no ${kind} account ${JSON.stringify(id)}`);
  return a;
}

/** MGNA_DVSN / EXCC_STAT_CD of a domestic view, checked. */
export interface DomesticQuery {
  mgnaDvsn: '01' | '02';
  exccStatCd: '1' | '2';
}

/** Parse `mgnaDvsn` / `exccStatCd` query values (defaults 01 and 1). */
export function domesticQueryOf(q: {
  mgnaDvsn?: string | undefined;
  exccStatCd?: string | undefined;
}): DomesticQuery {
  const mgnaDvsn = q.mgnaDvsn ?? '01';
  const exccStatCd = q.exccStatCd ?? '1';
  if (mgnaDvsn !== '01' && mgnaDvsn !== '02')
    throw new DashboardInputError('mgnaDvsn', 'MGNA_DVSN must be 01 (initial) or 02 (maintenance)');
  if (exccStatCd !== '1' && exccStatCd !== '2')
    throw new DashboardInputError('exccStatCd', 'EXCC_STAT_CD must be 1 (정산) or 2 (본정산)');
  return { mgnaDvsn, exccStatCd };
}

const VIEWS: readonly MarginDetailCurrency[] = ['TKR', 'TUS', 'USD', 'HKD', 'CNY', 'JPY', 'VND'];

/** Parse `crcyCd` / `inqrDt` query values (defaults TKR and the business date). */
export function overseasQueryOf(
  store: LedgerStore,
  q: { crcyCd?: string | undefined; inqrDt?: string | undefined },
): { crcyCd: MarginDetailCurrency; inqrDt: string } {
  const crcyCd = (q.crcyCd ?? 'TKR') as MarginDetailCurrency;
  if (!VIEWS.includes(crcyCd))
    throw new DashboardInputError('crcyCd', `CRCY_CD must be one of ${VIEWS.join(', ')}`);
  const bd = store.businessDate() ?? '';
  const inqrDt = q.inqrDt ?? bd;
  if (!/^\d{8}$/.test(inqrDt) || inqrDt > bd)
    throw new DashboardInputError('inqrDt', `INQR_DT must be YYYYMMDD, at most ${bd}`);
  return { crcyCd, inqrDt };
}

/**
 * `GET /api/accounts/:id/domestic`: the balance exactly as the inquiry computes it (every
 * `output1` row, `output2`), the KRX scan's P&L per scenario per group at the chosen margin
 * level, and the engine input, so a browser recomputes the same figures for a what-if.
 */
export function domesticView(bo: LedgerBackOffice, id: string, query: DomesticQuery) {
  const store = bo.store;
  const a = accountOf(store, id, 'domestic');
  const ref = { cano: a.cano, acntPrdtCd: a.acntPrdtCd };
  const bal = bo.domesticBalance(ref, query);
  const other = bo.domesticBalance(ref, {
    ...query,
    mgnaDvsn: query.mgnaDvsn === '01' ? '02' : '01',
  });
  const [initial, maintenance] = query.mgnaDvsn === '01' ? [bal, other] : [other, bal];
  const input = domesticBalanceInput(store, a, query);
  // The balance's own rows (cached by the back office) give the book the margin scanned.
  const rows = bal.output1 as unknown as Pick<
    DomesticBalanceRow,
    'pdno' | 'sll_buy_dvsn_cd' | 'cblc_qty'
  >[];
  const scan = krxScanScenarios({
    positions: domesticMarginPositions(input, rows),
    market: input.market,
    parameters: input.marginParameters ?? SAMPLE_KRX_MARGIN_PARAMETERS,
    level: query.mgnaDvsn === '01' ? 'initial' : 'maintenance',
  });
  return {
    account: a,
    businessDate: store.businessDate() ?? '',
    version: bal.version,
    query,
    output1: bal.output1,
    output2: bal.output2,
    /** The what-if figures of the ledger's book, as the inquiry computes them at both levels. */
    figures: {
      initial: String(initial.output2.mgna_tota),
      maintenance: String(maintenance.output2.mgna_tota),
      orderable: String(initial.output2.ord_psbl_tota),
      marginCall: String(initial.output2.add_mgna_tota),
    },
    scan,
    input,
  };
}

/**
 * `GET /api/accounts/:id/overseas`: the margin detail exactly as the inquiry computes it for one
 * view, the per-class breakdown in the class and the view currency, each class's scenario array
 * (16 SPAN scenarios, the EUREX grid) and the engine input.
 */
export function overseasView(
  bo: LedgerBackOffice,
  id: string,
  query: { crcyCd: MarginDetailCurrency; inqrDt: string },
) {
  const store = bo.store;
  const a = accountOf(store, id, 'overseas');
  const md = bo.overseasMarginDetail({ cano: a.cano, acntPrdtCd: a.acntPrdtCd }, query);
  const input = overseasMarginInput(store, a, query);
  const detail = computeOverseasMarginDetailWithBreakdown(input);
  const rates = input.fxRates ?? {};
  const classes = detail.classes
    .filter((c) => c.risk !== undefined || c.general !== undefined || hasOrders(c.orders))
    .map((c) => {
      const conv = (d: Decimal) =>
        convertOverseasAmount(d, c.currency, query.crcyCd, rates, 'fxRates')?.toString() ?? null;
      const g = c.general;
      return {
        exchange: c.exchange,
        classCode: c.classCode,
        currency: c.currency,
        method: c.method,
        inView: c.inView,
        risk: c.risk ?? null,
        viewRisk: c.viewRisk ?? null,
        general: g ?? null,
        viewGeneral:
          g === undefined || !c.inView
            ? null
            : { initial: conv(g.initial), maintenance: conv(g.maintenance) },
        orders: c.orders,
        viewOrders: c.inView
          ? {
              futures: conv(c.orders.futures),
              shortOptions: conv(c.orders.shortOptions),
              longOptionMinimum: conv(c.orders.longOptionMinimum),
              longOptionPremium: conv(c.orders.longOptionPremium),
              exerciseReservation: conv(c.orders.exerciseReservation),
            }
          : null,
      };
    });
  return {
    account: a,
    businessDate: store.businessDate() ?? '',
    query,
    currencyDecimals: md.currencyDecimals,
    output: md.output,
    equity: detail.equity,
    classes,
    scenarios: overseasScenarioArrays(input),
    input,
  };
}

function hasOrders(o: OverseasOrderMargin): boolean {
  return Object.values(o).some((d: Decimal) => !d.isZero());
}

/** One instrument the what-if can add: it has market data (a quote or risk parameters). */
export interface DashboardInstrument {
  kind: 'domestic' | 'overseas';
  /** The code a position uses: KRX short/standard code, or `EXCH:CLASS:YYYYMM[:C|P:STRIKE]`. */
  code: string;
  name: string;
  /** Today's (settlement) price. */
  price: string;
}

/** `GET /api/instruments`: every instrument with market data on the business date. */
export function dashboardInstruments(store: LedgerStore): DashboardInstrument[] {
  const bd = store.businessDate() ?? '';
  const names = new Map(store.instruments().map((i) => [i.instrument, i.name]));
  const out: DashboardInstrument[] = [];
  const domestic = store.prices(bd).filter((p) => !isOverseasInstrument(p.instrument));
  if (domestic.length > 0) {
    const market = new KrxMarketIndex({
      asOf: `${bd.slice(0, 4)}-${bd.slice(4, 6)}-${bd.slice(6, 8)}`,
      quotes: domestic.map((p) => ({ pdno: p.instrument, price: p.price })),
      underlyings: [],
    });
    for (const p of domestic) {
      let name = names.get(p.instrument);
      try {
        name ??= market.resolve(p.instrument, 'instrument').productName;
      } catch {
        name ??= p.instrument;
      }
      out.push({ kind: 'domestic', code: p.instrument, name, price: p.price });
    }
  }
  for (const c of overseasRiskParametersOf(store)?.classes ?? []) {
    for (const k of c.contracts) {
      const code = overseasInstrumentId({
        exchange: c.exchange,
        classCode: c.classCode,
        contractMonth: k.contractMonth,
        ...(k.kind === 'future' ? {} : { kind: k.kind, strike: k.strike ?? '' }),
      });
      const opt = k.kind === 'future' ? '' : ` ${k.kind === 'call' ? 'C' : 'P'} ${k.strike}`;
      out.push({
        kind: 'overseas',
        code,
        name: `${c.exchange} ${c.classCode} ${k.contractMonth}${opt}`,
        price: k.settlementPrice,
      });
    }
  }
  return out;
}

function whatIfJson(w: MarginWhatIf) {
  return {
    before: marginFiguresToStrings(w.before),
    after: marginFiguresToStrings(w.after),
    change: marginFiguresToStrings(w.change),
  };
}

/**
 * `POST /api/accounts/:id/what-if` for a domestic account: the figures if the account held
 * `positions` at the start of the day. Read-only: nothing is written.
 */
export function domesticWhatIfAnswer(
  bo: LedgerBackOffice,
  id: string,
  query: DomesticQuery,
  positions: unknown,
) {
  const a = accountOf(bo.store, id, 'domestic');
  if (!Array.isArray(positions)) throw new DashboardInputError('positions', 'expected an array');
  const input = domesticBalanceInput(bo.store, a, query);
  return whatIfJson(domesticWhatIf(input, positions as KrxPosition[]));
}

/** `POST /api/accounts/:id/what-if` for an overseas account, in the `crcyCd` view. */
export function overseasWhatIfAnswer(
  bo: LedgerBackOffice,
  id: string,
  query: { crcyCd: MarginDetailCurrency; inqrDt: string },
  positions: unknown,
) {
  const a = accountOf(bo.store, id, 'overseas');
  if (!Array.isArray(positions)) throw new DashboardInputError('positions', 'expected an array');
  const input = overseasMarginInput(bo.store, a, query);
  return whatIfJson(overseasWhatIf(input, positions as OverseasPositionInput[]));
}
