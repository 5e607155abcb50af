// One exchange's outcome as a plain value, so two transports' outcomes compare with deepEqual
// (also across processes, as JSON).
import type { Exchange, ExchangeRequest, RawResponse } from '../../src/exchange.js';

/** A GET with the headers an inquiry sends, 5 s to answer; `over` replaces any of it. */
export function exchangeRequest(over: Partial<ExchangeRequest> = {}): ExchangeRequest {
  return {
    method: 'GET',
    headers: { 'content-type': 'application/json; charset=utf-8', tr_id: 'CTFO6118R' },
    signal: undefined,
    timeout: 5_000,
    onHeaders: () => {},
    ...over,
  };
}

/** The answer, or the error's class and message. */
export async function outcome(
  exchange: Exchange,
  url: string,
  over: Partial<ExchangeRequest> = {},
): Promise<{ res?: RawResponse; error?: string; message?: string }> {
  try {
    return { res: await exchange(url, exchangeRequest(over)) };
  } catch (e) {
    return { error: (e as Error).constructor.name, message: (e as Error).message };
  }
}
