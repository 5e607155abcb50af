import { Decimal } from '@kisfo/protocol';
import type { OverseasInstrumentRef } from '@kisfo/risk';

const OVERSEAS_KEY = /^([A-Z0-9]+):([A-Z0-9]+):(\d{6})(?::([CP]):(\d+(?:\.\d+)?))?$/;

/** True when an instrument id is an overseas key (`CME:ES:202506`, `CME:ES:202506:C:5300`). */
export function isOverseasInstrument(instrument: string): boolean {
  return instrument.includes(':');
}

/**
 * Parse an overseas instrument id `EXCHANGE:CLASS:YYYYMM[:C|P:STRIKE]`; `undefined` when malformed.
 *
 * @example
 * ```ts
 * parseOverseasInstrument('CME:ES:202506:C:5300'); // { exchange: 'CME', classCode: 'ES', contractMonth: '202506', kind: 'call', strike: '5300' }
 * ```
 */
export function parseOverseasInstrument(instrument: string): OverseasInstrumentRef | undefined {
  const m = OVERSEAS_KEY.exec(instrument);
  if (m === null) return undefined;
  const ref: OverseasInstrumentRef = {
    exchange: m[1]!,
    classCode: m[2]!,
    contractMonth: m[3]!,
    kind: m[4] === undefined ? 'future' : m[4] === 'C' ? 'call' : 'put',
  };
  if (m[5] !== undefined) ref.strike = m[5];
  return ref;
}

/**
 * Format an overseas instrument id (strike normalised: `5300.0` → `5300`).
 *
 * @example
 * ```ts
 * overseasInstrumentId({ exchange: 'CME', classCode: 'ES', contractMonth: '202506' }); // 'CME:ES:202506'
 * ```
 */
export function overseasInstrumentId(ref: OverseasInstrumentRef): string {
  const base = `${ref.exchange}:${ref.classCode}:${ref.contractMonth}`;
  if (ref.kind === undefined || ref.kind === 'future') return base;
  const strike = Decimal.from(ref.strike ?? '0')
    .normalize()
    .toString();
  return `${base}:${ref.kind === 'call' ? 'C' : 'P'}:${strike}`;
}
