import {
  KIS_MASTER_FILES,
  type KisMasterFile,
  KisMasterParseError,
  type KisMasterRow,
  KRX_PRODUCT_RULES,
  KrxMaster,
  type KrxProductRule,
  parseKisMasterLine,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
} from '@kisfo/risk';
import { type LedgerIssue, LedgerValidationError } from '../errors.js';
import { isOverseasInstrument, parseOverseasInstrument } from '../instrument-key.js';
import { productNameProblem } from '../product-name.js';
import type { AccountKind } from '../store/types.js';
import {
  ACCOUNT_ID,
  Checker,
  checkCurrencyMap,
  checkFill,
  checkOrder,
  checkPosition,
  checkPrice,
  checkUnderlying,
  type ItemContext,
} from './checks.js';
import { isMasterRow, isProductRule } from './master-checks.js';
import type { Scenario } from './types.js';
import { unknownKeyIssues } from './unknown-keys.js';

const TOP_KEYS = new Set([
  'version',
  'businessDate',
  'relativeDates',
  'apps',
  'accounts',
  'instruments',
  'fx',
  'prices',
  'underlyings',
  'positions',
  'fills',
  'orders',
  'risk',
  'masters',
  '$schema',
  'description',
]);

/**
 * Check a parsed scenario document and collect every problem with its path
 * (`fills[3].price: not a decimal number`). Returns an empty list when it can be imported.
 *
 * @example
 * ```ts
 * const issues = validateScenario(JSON.parse(text));
 * for (const i of issues) console.error(`${i.path}: ${i.message}`);
 * ```
 */
export function validateScenario(value: unknown): LedgerIssue[] {
  const c = new Checker();
  if (!c.object(value, '$')) return c.issues;
  const s = value as Record<string, unknown>;
  for (const k of Object.keys(s)) if (!TOP_KEYS.has(k)) c.add(k, 'unknown key');
  for (const i of unknownKeyIssues(s)) c.add(i.path, i.message);
  if (s.version !== undefined && s.version !== 1) c.add('version', 'only version 1 is known');
  const bdOk = c.date(s.businessDate, 'businessDate');
  if (s.relativeDates !== undefined && typeof s.relativeDates !== 'boolean')
    c.add('relativeDates', 'expected true or false');
  const businessDate = bdOk ? (s.businessDate as string) : '';

  const accounts = new Map<string, AccountKind>();
  if (c.array(s.accounts, 'accounts', false)) {
    (s.accounts as unknown[]).forEach((a, i) => {
      const p = `accounts[${i}]`;
      if (!c.object(a, p)) return;
      const idOk = c.string(a.id, `${p}.id`);
      if (idOk && !ACCOUNT_ID.test(a.id as string)) c.add(`${p}.id`, 'expected 8 digits-2 digits');
      const kindOk = c.oneOf(a.kind, ['domestic', 'overseas'], `${p}.kind`);
      if (idOk && accounts.has(a.id as string)) c.add(`${p}.id`, 'duplicate account id');
      else if (idOk && kindOk) accounts.set(a.id as string, a.kind as AccountKind);
      c.string(a.name, `${p}.name`, true);
      if (a.cash !== undefined) checkCurrencyMap(c, a.cash, `${p}.cash`);
      c.decimal(a.substitutes, `${p}.substitutes`, { optional: true, min: 'nonneg' });
      if (a.oneSideLiquidation !== undefined) {
        if (typeof a.oneSideLiquidation !== 'boolean')
          c.add(`${p}.oneSideLiquidation`, 'expected true or false');
        else if (a.kind !== 'overseas')
          c.add(`${p}.oneSideLiquidation`, 'a policy of overseas accounts only');
      }
    });
  }
  const ctx: ItemContext = { accounts, businessDate };
  // Masters first: their products make domestic codes below resolve.
  const rows = scenarioMasterRows(c, s.masters);
  const rules = checkProductRules(
    c,
    (s.risk as Record<string, unknown> | undefined)?.krxProductRules,
  );
  if (rows.length > 0) {
    try {
      c.master = new KrxMaster(rows, [...rules, ...KRX_PRODUCT_RULES]);
    } catch (e) {
      c.add('masters', (e as Error).message);
    }
  }

  const appKeys = new Set<string>();
  if (c.array(s.apps, 'apps')) {
    (s.apps as unknown[]).forEach((a, i) => {
      const p = `apps[${i}]`;
      if (!c.object(a, p)) return;
      c.oneOf(a.env, ['real', 'paper'], `${p}.env`);
      if (c.string(a.appkey, `${p}.appkey`)) {
        if (appKeys.has(a.appkey as string)) c.add(`${p}.appkey`, 'duplicate appkey');
        appKeys.add(a.appkey as string);
      }
      // Never echo the secret: only say what is wrong with it.
      c.string(a.appsecret, `${p}.appsecret`);
      c.oneOf(a.custtype, ['P', 'B'], `${p}.custtype`, true);
      if (
        a.rateLimitPerSecond !== undefined &&
        !(typeof a.rateLimitPerSecond === 'number' && a.rateLimitPerSecond > 0)
      ) {
        c.add(`${p}.rateLimitPerSecond`, 'must be a positive number');
      }
      if (c.array(a.accounts, `${p}.accounts`, false)) {
        (a.accounts as unknown[]).forEach((id, j) => {
          if (c.string(id, `${p}.accounts[${j}]`) && !accounts.has(id))
            c.add(`${p}.accounts[${j}]`, `unknown account ${JSON.stringify(id)}`);
        });
      }
    });
  }

  if (c.array(s.instruments, 'instruments')) {
    (s.instruments as unknown[]).forEach((v, i) => {
      if (!c.object(v, `instruments[${i}]`)) return;
      c.instrument(v.instrument, `instruments[${i}].instrument`, 'domestic');
      if (c.string(v.name, `instruments[${i}].name`, true)) {
        const problem = productNameProblem(v.name);
        if (problem !== undefined) c.add(`instruments[${i}].name`, problem);
      }
    });
  }
  if (s.fx !== undefined && c.object(s.fx, 'fx')) {
    for (const [date, rates] of Object.entries(s.fx)) {
      c.date(date, `fx.${date}`);
      checkCurrencyMap(c, rates, `fx.${date}`, 'positive');
    }
  }

  const priced = new Map<string, { prior: boolean }>();
  if (c.array(s.prices, 'prices')) {
    (s.prices as unknown[]).forEach((v, i) => {
      checkPrice(c, v, `prices[${i}]`);
      const r = v as Record<string, unknown>;
      const key = `${r?.date ?? businessDate}|${r?.instrument}`;
      if (priced.has(key)) c.add(`prices[${i}]`, 'duplicate price for this date and instrument');
      priced.set(key, { prior: r?.priorSettlement !== undefined });
    });
  }
  if (c.array(s.underlyings, 'underlyings')) {
    (s.underlyings as unknown[]).forEach((v, i) => {
      checkUnderlying(c, v, `underlyings[${i}]`);
    });
  }

  // Domestic series used today need today's price (and carried ones a prior settlement).
  const needPrice = (v: unknown, path: string, carried: boolean) => {
    const r = v as Record<string, unknown>;
    if (typeof r?.instrument !== 'string' || isOverseasInstrument(r.instrument)) return;
    const date = (r.date as string | undefined) ?? businessDate;
    if (date !== businessDate) return;
    const p = priced.get(`${date}|${r.instrument}`);
    if (p === undefined) c.add(`${path}.instrument`, `no price for ${r.instrument} on ${date}`);
    else if (carried && !p.prior && r.priorSettlement === undefined)
      c.add(`${path}.priorSettlement`, 'missing (and the price row has no priorSettlement)');
  };
  const seenPos = new Set<string>();
  if (c.array(s.positions, 'positions')) {
    (s.positions as unknown[]).forEach((v, i) => {
      checkPosition(c, v, `positions[${i}]`, ctx);
      needPrice(v, `positions[${i}]`, true);
      const r = v as Record<string, unknown>;
      const key = `${r?.account}|${r?.date ?? businessDate}|${r?.instrument}|${r?.side}`;
      if (seenPos.has(key))
        c.add(`positions[${i}]`, 'duplicate position (account, date, instrument, side)');
      seenPos.add(key);
    });
  }
  const ids = new Set<string>();
  if (c.array(s.fills, 'fills')) {
    (s.fills as unknown[]).forEach((v, i) => {
      checkFill(c, v, `fills[${i}]`, ctx);
      needPrice(v, `fills[${i}]`, false);
      const id = (v as Record<string, unknown>)?.id;
      if (typeof id === 'string' && ids.has(id)) c.add(`fills[${i}].id`, 'duplicate fill id');
      if (typeof id === 'string') ids.add(id);
    });
  }
  const orderIds = new Set<string>();
  if (c.array(s.orders, 'orders')) {
    (s.orders as unknown[]).forEach((v, i) => {
      checkOrder(c, v, `orders[${i}]`, ctx);
      const r = v as Record<string, unknown>;
      if ((r?.status ?? 'open') === 'open') needPrice(v, `orders[${i}]`, false);
      if (typeof r?.id === 'string' && orderIds.has(r.id))
        c.add(`orders[${i}].id`, 'duplicate order id');
      if (typeof r?.id === 'string') orderIds.add(r.id);
    });
  }
  checkRisk(c, s);
  return c.issues;
}

/** Check `risk.krxProductRules` (extra product rules), returning the valid ones. */
export function checkProductRules(c: Checker, value: unknown): KrxProductRule[] {
  if (!c.array(value, 'risk.krxProductRules')) return [];
  const ok: KrxProductRule[] = [];
  value.forEach((r, i) => {
    if (isProductRule(c, r, `risk.krxProductRules[${i}]`)) ok.push(r);
  });
  return ok;
}

/**
 * The master rows of a scenario's `masters` (each entry's `lines` parsed in its file's layout,
 * or its `rows`), reporting every problem by path.
 */
export function scenarioMasterRows(c: Checker, masters: unknown): KisMasterRow[] {
  const rows: KisMasterRow[] = [];
  if (!c.array(masters, 'masters')) return rows;
  masters.forEach((m, i) => {
    const p = `masters[${i}]`;
    if (!c.object(m, p)) return;
    if ('path' in m) {
      c.add(`${p}.path`, 'a master file is read by loadScenarioFile; inline its lines');
      return;
    }
    if (!c.oneOf(m.file, KIS_MASTER_FILES, `${p}.file`)) return;
    const file = m.file as KisMasterFile;
    if (m.lines !== undefined) {
      if (!c.array(m.lines, `${p}.lines`, false)) return;
      m.lines.forEach((text, j) => {
        if (typeof text !== 'string') {
          c.add(`${p}.lines[${j}]`, 'expected a string');
          return;
        }
        if (text.trim() === '') return;
        try {
          const row = parseKisMasterLine(file, { line: j + 1, text });
          rows.push(row);
          checkMasterName(c, row, `${p}.lines[${j}]`);
        } catch (e) {
          const why = e instanceof KisMasterParseError ? e.message : String(e);
          c.add(`${p}.lines[${j}]`, why);
        }
      });
    } else if (c.array(m.rows, `${p}.rows`, false)) {
      m.rows.forEach((r, j) => {
        if (!isMasterRow(c, r, file, `${p}.rows[${j}]`)) return;
        rows.push(r);
        checkMasterName(c, r, `${p}.rows[${j}].name`);
      });
    }
  });
  return rows;
}

/** A domestic master row's name is what the balance prints in `prdt_name`: it must fit there. */
function checkMasterName(c: Checker, row: KisMasterRow, path: string): void {
  if (row.file === 'ffcode.mst') return;
  const problem = productNameProblem(row.name);
  if (problem !== undefined) c.add(path, `${row.file} line ${row.line}: 한글종목명 is ${problem}`);
}

function checkRisk(c: Checker, s: Record<string, unknown>): void {
  let classes: Set<string> | undefined;
  if (s.risk !== undefined && c.object(s.risk, 'risk')) {
    const r = s.risk;
    for (const k of Object.keys(r))
      if (!['overseas', 'krxMargin', 'krxSettlement', 'krxProductRules'].includes(k))
        c.add(`risk.${k}`, 'unknown key');
    const o = r.overseas;
    if (o === 'sample') {
      classes = classKeys(SAMPLE_OVERSEAS_RISK_PARAMETERS.classes);
    } else if (o !== undefined) {
      if (!c.object(o, 'risk.overseas')) {
        // reported
      } else if ('pa2' in o) {
        c.add('risk.overseas.pa2', 'a pa2 file is read by loadScenarioFile; inline the parameters');
      } else if (c.array(o.classes, 'risk.overseas.classes', false)) {
        classes = classKeys(o.classes as { exchange?: unknown; classCode?: unknown }[]);
      }
    }
    for (const k of ['krxMargin', 'krxSettlement'] as const) {
      const v = r[k];
      if (v !== undefined && v !== 'sample') c.object(v, `risk.${k}`);
    }
  }
  // Overseas instruments must name a class the parameters know.
  if (classes === undefined) return;
  for (const list of ['positions', 'fills', 'orders'] as const) {
    const arr = s[list];
    if (!Array.isArray(arr)) continue;
    arr.forEach((v, i) => {
      const ins = (v as Record<string, unknown>)?.instrument;
      if (typeof ins !== 'string' || !isOverseasInstrument(ins)) return;
      const ref = parseOverseasInstrument(ins);
      if (ref !== undefined && !classes.has(`${ref.exchange}:${ref.classCode}`))
        c.add(
          `${list}[${i}].instrument`,
          `no risk parameters for ${ref.exchange}:${ref.classCode}`,
        );
    });
  }
}

function classKeys(list: readonly { exchange?: unknown; classCode?: unknown }[]): Set<string> {
  return new Set(list.map((k) => `${String(k?.exchange)}:${String(k?.classCode)}`));
}

/**
 * {@link validateScenario}, throwing a {@link LedgerValidationError} with every issue.
 *
 * @example
 * ```ts
 * const scenario = assertScenario(YAML.parse(text));
 * ```
 */
export function assertScenario(value: unknown): Scenario {
  const issues = validateScenario(value);
  if (issues.length > 0) throw new LedgerValidationError(issues);
  return value as Scenario;
}
