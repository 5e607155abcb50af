// Shared set-up of the HTTP tests: a movable clock, both apps on one token registry, token issuance
// and KIS request headers, over app.request() or a loopback socket alike.
import { domesticInquireBalance, overseasMarginDetail } from '@kisfo/protocol';
import {
  type AppRecord,
  createKisApp,
  type KisAppOptions,
  listen,
  TokenRegistry,
} from '../src/index.js';
import { FakeBackOffice, type JsonBody } from './http-fake-back-office.js';

/** Sends a request to one host. */
export type Send = (path: string, init?: RequestInit) => Promise<Response>;

/** 2024-05-22 09:00:00 KST. */
export const T0 = Date.UTC(2024, 4, 22, 0, 0, 0);

export const BALANCE_PATH = domesticInquireBalance.path;
export const MARGIN_PATH = overseasMarginDetail.path;

/** Both hosts in process, sharing one token registry, one back office and one movable clock. */
export function harness(options: Partial<KisAppOptions> = {}) {
  const clock = { now: T0 };
  const tick = () => clock.now;
  const backOffice = new FakeBackOffice();
  const tokens = new TokenRegistry({ clock: tick });
  const logs: string[] = [];
  const common = {
    backOffice,
    tokens,
    clock: tick,
    logger: (line: string) => logs.push(line),
    ...options,
  };
  const real = createKisApp({ env: 'real', ...common });
  const paper = createKisApp({ env: 'paper', ...common });
  const send =
    (app: typeof real): Send =>
    async (path, init) =>
      app.request(path, init);
  return {
    clock,
    backOffice,
    tokens,
    logs,
    apps: { real, paper },
    real: send(real),
    paper: send(paper),
  };
}

/** A harness. */
export type Harness = ReturnType<typeof harness>;

/**
 * The same harness with both apps on loopback sockets (127.0.0.1, free ports): `real` and `paper`
 * now go through `fetch`. Call `close` when done.
 */
export async function overLoopback(h: Harness): Promise<Harness & { close(): Promise<void> }> {
  const r = await listen(h.apps.real, { host: '127.0.0.1', port: 0 });
  const p = await listen(h.apps.paper, { host: '127.0.0.1', port: 0 });
  return {
    ...h,
    real: loopback(r.url),
    paper: loopback(p.url),
    close: async () => {
      await Promise.all([r.close(), p.close()]);
    },
  };
}

/** Run a suite twice: in process (`app.request`) and over a loopback socket. */
export const TRANSPORTS = [
  {
    name: 'in-process',
    make: async (o: Partial<KisAppOptions> = {}) => ({ ...harness(o), close: async () => {} }),
  },
  { name: 'loopback', make: async (o: Partial<KisAppOptions> = {}) => overLoopback(harness(o)) },
] as const;

/** Send over a real socket to `baseUrl`. */
export function loopback(baseUrl: string): Send {
  return (path, init) => fetch(baseUrl + path, init);
}

/** POST a JSON body. */
export function postJson(send: Send, path: string, body: unknown): Promise<Response> {
  return send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
}

/** Issue a token for the app on the host; throws when KIS-style issuance fails. */
export async function issueToken(send: Send, app: AppRecord): Promise<string> {
  const res = await postJson(send, '/oauth2/tokenP', {
    grant_type: 'client_credentials',
    appkey: app.appKey,
    appsecret: app.appSecret,
  });
  const body = (await res.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`token refused: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** KIS request headers for the app. */
export function kisHeaders(
  app: AppRecord,
  token: string,
  trId: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    authorization: `Bearer ${token}`,
    appkey: app.appKey,
    appsecret: app.appSecret,
    tr_id: trId,
    tr_cont: '',
    custtype: app.custtype,
    ...extra,
  };
}

/** A balance query string. */
export function balanceQuery(
  cano: string,
  acnt = '03',
  more: Partial<
    Record<'MGNA_DVSN' | 'EXCC_STAT_CD' | 'CTX_AREA_FK200' | 'CTX_AREA_NK200', string>
  > = {},
): string {
  const q = new URLSearchParams({
    CANO: cano,
    ACNT_PRDT_CD: acnt,
    MGNA_DVSN: '01',
    EXCC_STAT_CD: '1',
    CTX_AREA_FK200: '',
    CTX_AREA_NK200: '',
    ...more,
  });
  return `${BALANCE_PATH}?${q}`;
}

/** A margin-detail query string. */
export function marginQuery(
  cano = '12345678',
  acnt = '08',
  crcy = 'TKR',
  date = '20240522',
): string {
  const q = new URLSearchParams({ CANO: cano, ACNT_PRDT_CD: acnt, CRCY_CD: crcy, INQR_DT: date });
  return `${MARGIN_PATH}?${q}`;
}

/** GET with KIS headers and parse the JSON body. */
export async function inquire(
  send: Send,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: JsonBody }> {
  const res = await send(path, { method: 'GET', headers });
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as JsonBody,
  };
}

/** CP949 byte length (Hangul 2). */
export function cp949Bytes(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}
