/**
 * Validate a margin-detail input and resolve every instrument to (class, contract) indices.
 * Errors name the field: `positions[2].strike: no call 202506 strike 5350 in CME:ES`.
 */
import type { Decimal } from '@kisfo/protocol';
import {
  compileOverseasProductClass,
  type OverseasCompiledClass,
  overseasContractKey,
} from './compile.js';
import {
  OverseasInputError,
  overseasContracts,
  overseasDecimal,
  overseasMonth,
  overseasText,
} from './errors.js';
import type { OverseasResolvedOrder } from './orders.js';
import { type SpanBook, spanNetBook } from './span-book.js';
import type {
  OverseasContractKind,
  OverseasInstrumentRef,
  OverseasMarginDetailInput,
  OverseasViewCurrency,
} from './types.js';

const VIEWS: readonly OverseasViewCurrency[] = ['TKR', 'TUS', 'USD', 'HKD', 'CNY', 'JPY', 'VND'];

/** A validated input with instruments resolved. */
export interface OverseasResolvedInput {
  classes: OverseasCompiledClass[];
  /** Net quantity per contract, per class (same index as `classes`). */
  quantities: Float64Array[];
  /** The same nets held sparsely (only contracts with a position), per class. */
  books: SpanBook[];
  /** Classes with at least one open position or order. */
  orders: OverseasResolvedOrder[][];
  /** `[future contract index, quantity]` per class. */
  reservations: (readonly [number, number])[][];
}

/**
 * Validate the input and resolve positions, orders and reservations.
 *
 * @example
 * ```ts
 * const r = resolveOverseasInput(input); r.quantities[0];
 * ```
 */
export function resolveOverseasInput(input: OverseasMarginDetailInput): OverseasResolvedInput {
  if (typeof input !== 'object' || input === null) throw new OverseasInputError('input', 'missing');
  overseasText(input.account?.cano, 'account.cano');
  overseasText(input.account?.acnt_prdt_cd, 'account.acnt_prdt_cd');
  if (!Array.isArray(input.account.balances)) {
    throw new OverseasInputError('account.balances', 'expected an array');
  }
  input.account.balances.forEach((b, i) => {
    overseasText(b.currency, `account.balances[${i}].currency`);
    overseasDecimal(b.equity, `account.balances[${i}].equity`);
  });
  if (
    typeof input.inqrDt !== 'string' ||
    !/^\d{4}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(input.inqrDt)
  ) {
    throw new OverseasInputError(
      'inqrDt',
      `expected YYYYMMDD, got ${JSON.stringify(input.inqrDt)}`,
    );
  }
  if (!VIEWS.includes(input.crcyCd)) {
    throw new OverseasInputError(
      'crcyCd',
      `expected one of ${VIEWS.join(', ')}, got ${JSON.stringify(input.crcyCd)}`,
    );
  }
  const params = input.riskParameters;
  if (!params || !Array.isArray(params.classes)) {
    throw new OverseasInputError('riskParameters.classes', 'expected an array');
  }
  const classes = params.classes.map((c, i) =>
    compileOverseasProductClass(c, `riskParameters.classes[${i}]`),
  );
  const byKey = new Map<string, number>();
  classes.forEach((c, i) => {
    if (byKey.has(c.key)) {
      throw new OverseasInputError(`riskParameters.classes[${i}]`, `duplicate class ${c.key}`);
    }
    byKey.set(c.key, i);
  });
  (params.interSpreads ?? []).forEach((s, i) => {
    const r = overseasDecimal(s.creditRate, `riskParameters.interSpreads[${i}].creditRate`);
    if (r.isNegative() || r.gt(1)) {
      throw new OverseasInputError(
        `riskParameters.interSpreads[${i}].creditRate`,
        'must be in [0, 1]',
      );
    }
  });
  const quantities = classes.map((c) => new Float64Array(c.n));
  const held: { contract: number[]; quantity: number[] }[] = classes.map(() => ({
    contract: [],
    quantity: [],
  }));
  const orders: OverseasResolvedOrder[][] = classes.map(() => []);
  const reservations: (readonly [number, number])[][] = classes.map(() => []);
  (input.positions ?? []).forEach((p, i) => {
    const path = `positions[${i}]`;
    const [ci, k] = resolveInstrument(p, path, classes, byKey);
    const q = overseasContracts(p.quantity, `${path}.quantity`);
    quantities[ci][k] += q;
    held[ci].contract.push(k);
    held[ci].quantity.push(q);
  });
  const books = classes.map((c, ci) =>
    spanNetBook(c, Int32Array.from(held[ci].contract), Float64Array.from(held[ci].quantity)),
  );
  (input.orders ?? []).forEach((o, i) => {
    const path = `orders[${i}]`;
    const [ci, k] = resolveInstrument(o, path, classes, byKey);
    if (o.side !== 'buy' && o.side !== 'sell') {
      throw new OverseasInputError(
        `${path}.side`,
        `expected buy or sell, got ${JSON.stringify(o.side)}`,
      );
    }
    if (o.priceType !== 'limit' && o.priceType !== 'market') {
      throw new OverseasInputError(`${path}.priceType`, 'expected limit or market');
    }
    const quantity = overseasContracts(o.quantity, `${path}.quantity`);
    if (quantity <= 0) throw new OverseasInputError(`${path}.quantity`, 'must be > 0');
    const price = o.priceType === 'limit' ? nonNegative(o.price, `${path}.price`) : undefined;
    const currentPrice =
      o.currentPrice === undefined
        ? undefined
        : nonNegative(o.currentPrice, `${path}.currentPrice`);
    const oc = o.openClose ?? 'open';
    if (oc !== 'open' && oc !== 'close') {
      throw new OverseasInputError(`${path}.openClose`, 'expected open or close');
    }
    orders[ci].push({
      contract: k,
      side: o.side,
      quantity,
      priceType: o.priceType,
      price,
      currentPrice,
      open: oc === 'open',
    });
  });
  (input.exerciseReservations ?? []).forEach((r, i) => {
    const path = `exerciseReservations[${i}]`;
    const [ci, k] = resolveInstrument(r, path, classes, byKey);
    const c = classes[ci];
    if (c.def.contracts[k].kind === 'future') {
      throw new OverseasInputError(`${path}.kind`, 'exercise reservations are for options');
    }
    const quantity = overseasContracts(r.quantity, `${path}.quantity`);
    if (quantity <= 0) throw new OverseasInputError(`${path}.quantity`, 'must be > 0');
    const fut = c.lookup.get(overseasContractKey('future', c.futuresMonth[k]));
    if (fut === undefined) {
      throw new OverseasInputError(path, `no underlying future ${c.futuresMonth[k]} in ${c.key}`);
    }
    reservations[ci].push([fut, quantity]);
  });
  return { classes, quantities, books, orders, reservations };
}

function nonNegative(value: unknown, field: string): Decimal {
  const d = overseasDecimal(value, field);
  if (d.isNegative()) throw new OverseasInputError(field, `must be ≥ 0, got ${d}`);
  return d;
}

function resolveInstrument(
  ref: OverseasInstrumentRef,
  path: string,
  classes: readonly OverseasCompiledClass[],
  byKey: ReadonlyMap<string, number>,
): [number, number] {
  if (typeof ref !== 'object' || ref === null) throw new OverseasInputError(path, 'missing');
  const exchange = overseasText(ref.exchange, `${path}.exchange`);
  const classCode = overseasText(ref.classCode, `${path}.classCode`);
  const ci = byKey.get(`${exchange}:${classCode}`);
  if (ci === undefined) {
    throw new OverseasInputError(
      `${path}.classCode`,
      `unknown product class ${exchange}:${classCode}`,
    );
  }
  const month = overseasMonth(ref.contractMonth, `${path}.contractMonth`);
  const kind: OverseasContractKind = ref.kind ?? 'future';
  if (kind !== 'future' && kind !== 'call' && kind !== 'put') {
    throw new OverseasInputError(
      `${path}.kind`,
      `expected future, call or put, got ${JSON.stringify(kind)}`,
    );
  }
  let strike: Decimal | undefined;
  if (kind !== 'future') {
    strike = overseasDecimal(ref.strike, `${path}.strike`);
    if (!strike.isPositive()) throw new OverseasInputError(`${path}.strike`, 'must be > 0');
  }
  const c = classes[ci];
  const k = c.lookup.get(overseasContractKey(kind, month, strike));
  if (k !== undefined) return [ci, k];
  if (kind !== 'future') {
    const prefix = `${kind}|${month}|`;
    if ([...c.lookup.keys()].some((key) => key.startsWith(prefix))) {
      throw new OverseasInputError(
        `${path}.strike`,
        `no ${kind} ${month} strike ${strike} in ${c.key}`,
      );
    }
  }
  throw new OverseasInputError(`${path}.contractMonth`, `no ${kind} ${month} in ${c.key}`);
}
