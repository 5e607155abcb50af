import type { Scenario } from './types.js';

/** Demo app key of the real-environment app (36 characters, clearly not a KIS key). */
export const DEMO_REAL_APPKEY = 'PSDEMOREAL'.padEnd(36, '0');
/** Demo app key of the paper-environment app. */
export const DEMO_PAPER_APPKEY = 'PSDEMOPAPER'.padEnd(36, '0');
/** Demo app secret of the real-environment app (180 characters, fake). */
export const DEMO_REAL_APPSECRET = 'DEMO-SECRET-REAL-not-a-KIS-secret-'.padEnd(180, 'x');
/** Demo app secret of the paper-environment app (180 characters, fake). */
export const DEMO_PAPER_APPSECRET = 'DEMO-SECRET-PAPER-not-a-KIS-secret-'.padEnd(180, 'x');

const D = '80012345-03';
const O = '12345678-08';
const P = '50012345-01';
/** Overseas account whose broker policy is one-side liquidation (일방해소): a hedged ES/NQ book. */
const H = '12345678-09';

/**
 * The built-in demo ledger, written on business date 2025-03-20 with `relativeDates: true`: a
 * server started on it moves it to today's KRX business day (see `rebaseScenario`); imported
 * as is, it stays on 2025-03-20. A real-env and a paper-env app; domestic
 * account `80012345-03` with KOSPI200 futures (two months), calls and puts long and short, mini
 * KOSPI200 and Samsung stock futures, carried positions, today's fills and open orders; overseas
 * account `12345678-08` with CME (ES + options, NQ, CL, GC, 6E), EUREX (FDAX, FESX + options),
 * HKEX HSI, OSE and SGX Nikkei positions, USD/EUR/HKD/JPY cash, FX of two dates, sample risk
 * parameters; overseas account `12345678-09` whose one-side liquidation policy is on (an ES
 * calendar and ES against NQ, so its one-side figure differs from the netted one); paper account
 * `50012345-01`. Prices are illustrative, not market data.
 *
 * @example
 * ```ts
 * const store = openLedger();
 * importScenario(store, DEMO_SCENARIO);
 * ```
 */
export const DEMO_SCENARIO: Scenario = {
  version: 1,
  businessDate: '20250320',
  relativeDates: true,
  apps: [
    {
      name: 'demo real',
      env: 'real',
      appkey: DEMO_REAL_APPKEY,
      appsecret: DEMO_REAL_APPSECRET,
      custtype: 'P',
      accounts: [D, O, H],
    },
    {
      name: 'demo paper',
      env: 'paper',
      appkey: DEMO_PAPER_APPKEY,
      appsecret: DEMO_PAPER_APPSECRET,
      custtype: 'P',
      accounts: [P],
    },
  ],
  accounts: [
    {
      id: D,
      kind: 'domestic',
      name: '데모 국내선물옵션',
      cash: { KRW: '150000000', USD: '20000.00' },
      substitutes: '50000000',
    },
    {
      id: O,
      kind: 'overseas',
      name: '데모 해외선물옵션',
      cash: { USD: '350000.00', EUR: '60000.00', HKD: '400000.00', JPY: '15000000' },
    },
    {
      id: H,
      kind: 'overseas',
      name: '데모 해외선물옵션 (일방해소)',
      cash: { USD: '200000.00' },
      oneSideLiquidation: true,
    },
    { id: P, kind: 'domestic', name: '모의투자 데모', cash: { KRW: '50000000' } },
  ],
  fx: {
    '20250319': {
      USD: '1365.50',
      EUR: '1482.00',
      HKD: '175.20',
      JPY: '9.12',
      CNY: '188.40',
      VND: '0.0538',
    },
    '20250320': {
      USD: '1370.00',
      EUR: '1480.00',
      HKD: '175.50',
      JPY: '9.10',
      CNY: '189.00',
      VND: '0.0540',
    },
  },
  underlyings: [
    { group: 'KOSPI200', level: '345.20', vol: '0.18' },
    { group: 'STK-005930', level: '58200', vol: '0.30' },
  ],
  prices: [
    { instrument: '101W06', price: '345.85', priorSettlement: '344.10', vol: '0.18' },
    { instrument: '101W09', price: '347.10', priorSettlement: '345.40', vol: '0.18' },
    { instrument: '201W06340', price: '14.05', priorSettlement: '13.10', vol: '0.19' },
    { instrument: '201W06345', price: '11.35', priorSettlement: '11.80', vol: '0.185' },
    { instrument: '201W06350', price: '9.65', priorSettlement: '9.20', vol: '0.18' },
    { instrument: '301W06335', price: '6.62', priorSettlement: '7.10', vol: '0.20' },
    { instrument: '301W06340', price: '8.15', priorSettlement: '8.60', vol: '0.195' },
    { instrument: '105W06', price: '345.84', priorSettlement: '344.08', vol: '0.18' },
    { instrument: '111W06', price: '58300', priorSettlement: '57900', vol: '0.30' },
  ],
  positions: [
    { account: D, instrument: '101W06', side: 'long', qty: 3, avgPrice: '348.50' },
    { account: D, instrument: '101W09', side: 'short', qty: 1, avgPrice: '347.00' },
    { account: D, instrument: '201W06340', side: 'long', qty: 10, avgPrice: '12.50' },
    { account: D, instrument: '301W06335', side: 'short', qty: 20, avgPrice: '7.20' },
    { account: D, instrument: '201W06350', side: 'short', qty: 5, avgPrice: '9.80' },
    { account: D, instrument: '105W06', side: 'long', qty: 4, avgPrice: '344.20' },
    { account: D, instrument: '111W06', side: 'short', qty: 50, avgPrice: '58100' },
    { account: P, instrument: '101W06', side: 'long', qty: 1, avgPrice: '343.00' },
    { account: O, instrument: 'CME:ES:202506', side: 'long', qty: 2, avgPrice: '5290.25' },
    { account: O, instrument: 'CME:ES:202509', side: 'short', qty: 1, avgPrice: '5342.50' },
    { account: O, instrument: 'CME:ES:202506:C:5400', side: 'short', qty: 1, avgPrice: '95.50' },
    { account: O, instrument: 'CME:ES:202506:P:5200', side: 'long', qty: 4, avgPrice: '88.00' },
    { account: O, instrument: 'CME:NQ:202506', side: 'short', qty: 1, avgPrice: '18550.00' },
    { account: O, instrument: 'CME:CL:202506', side: 'long', qty: 3, avgPrice: '69.85' },
    { account: O, instrument: 'CME:GC:202506', side: 'long', qty: 1, avgPrice: '2390.0' },
    { account: O, instrument: 'CME:6E:202506', side: 'short', qty: 2, avgPrice: '1.08150' },
    { account: O, instrument: 'EUREX:FDAX:202506', side: 'long', qty: 1, avgPrice: '18420' },
    { account: O, instrument: 'EUREX:FESX:202506', side: 'short', qty: 4, avgPrice: '4915' },
    { account: O, instrument: 'EUREX:FESX:202506:C:5000', side: 'short', qty: 5, avgPrice: '62.0' },
    { account: O, instrument: 'EUREX:FESX:202506:P:4800', side: 'long', qty: 6, avgPrice: '58.0' },
    { account: O, instrument: 'HKEX:HSI:202504', side: 'long', qty: 2, avgPrice: '20880' },
    { account: O, instrument: 'HKEX:HSI:202505', side: 'short', qty: 1, avgPrice: '20990' },
    { account: O, instrument: 'OSE:NK225:202506', side: 'long', qty: 1, avgPrice: '36850' },
    { account: O, instrument: 'SGX:NK:202506', side: 'short', qty: 2, avgPrice: '37050' },
    { account: O, instrument: 'SGX:NK:202509', side: 'long', qty: 1, avgPrice: '36880' },
    { account: H, instrument: 'CME:ES:202506', side: 'long', qty: 2, avgPrice: '5295.00' },
    { account: H, instrument: 'CME:ES:202509', side: 'short', qty: 1, avgPrice: '5340.00' },
    { account: H, instrument: 'CME:NQ:202506', side: 'short', qty: 1, avgPrice: '18600.00' },
    { account: H, instrument: 'CME:ES:202506:P:5200', side: 'long', qty: 2, avgPrice: '87.50' },
  ],
  fills: [
    {
      id: 'D-0001',
      account: D,
      instrument: '101W06',
      side: 'buy',
      openClose: 'open',
      qty: 2,
      price: '345.10',
    },
    {
      id: 'D-0002',
      account: D,
      instrument: '101W06',
      side: 'sell',
      openClose: 'close',
      qty: 1,
      price: '346.20',
    },
    {
      id: 'D-0003',
      account: D,
      instrument: '301W06340',
      side: 'buy',
      openClose: 'open',
      qty: 15,
      price: '8.40',
    },
    {
      id: 'D-0004',
      account: D,
      instrument: '201W06350',
      side: 'buy',
      openClose: 'close',
      qty: 2,
      price: '9.70',
    },
    {
      id: 'D-0005',
      account: D,
      instrument: '105W06',
      side: 'sell',
      openClose: 'close',
      qty: 4,
      price: '345.90',
    },
    {
      id: 'D-0006',
      account: D,
      instrument: '111W06',
      side: 'sell',
      openClose: 'open',
      qty: 10,
      price: '58200',
    },
    {
      id: 'O-0001',
      account: O,
      instrument: 'CME:ES:202506',
      side: 'buy',
      openClose: 'open',
      qty: 1,
      price: '5301.00',
    },
    {
      id: 'O-0002',
      account: O,
      instrument: 'EUREX:FDAX:202509',
      side: 'sell',
      openClose: 'open',
      qty: 1,
      price: '18640',
    },
    {
      id: 'O-0003',
      account: O,
      instrument: 'CME:CL:202506',
      side: 'sell',
      openClose: 'close',
      qty: 1,
      price: '70.25',
    },
  ],
  orders: [
    {
      id: 'DO-001',
      account: D,
      instrument: '101W06',
      side: 'sell',
      openClose: 'close',
      qty: 2,
      price: '347.00',
    },
    {
      id: 'DO-002',
      account: D,
      instrument: '201W06345',
      side: 'buy',
      openClose: 'open',
      qty: 5,
      price: '11.50',
    },
    { id: 'DO-003', account: D, instrument: '101W09', side: 'sell', openClose: 'open', qty: 1 },
    {
      id: 'OO-001',
      account: O,
      instrument: 'CME:ES:202509',
      side: 'buy',
      openClose: 'open',
      qty: 1,
      price: '5330.00',
    },
    {
      id: 'OO-002',
      account: O,
      instrument: 'CME:ES:202506:C:5300',
      side: 'buy',
      openClose: 'open',
      qty: 2,
      price: '120.00',
    },
    {
      id: 'OO-003',
      account: O,
      instrument: 'EUREX:FESX:202506:P:4800',
      side: 'sell',
      openClose: 'open',
      qty: 2,
      price: '55.0',
    },
    {
      id: 'OO-004',
      account: O,
      instrument: 'SGX:NK:202506',
      side: 'buy',
      openClose: 'open',
      qty: 1,
      price: '36950',
    },
  ],
  risk: { overseas: 'sample', krxMargin: 'sample', krxSettlement: 'sample' },
};
