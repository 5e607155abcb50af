// A full KIS session over raw HTTP (node:http, so header names are seen in their wire case):
// token, every page of the domestic balance, the margin detail in every currency view.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { DEMO_SCENARIO, generateScenario, type Scenario } from '../src/index.js';

export const VIEWS = ['TKR', 'TUS', 'USD', 'HKD', 'CNY', 'JPY', 'VND'] as const;
export const BALANCE = '/uapi/domestic-futureoption/v1/trading/inquire-balance';
export const MARGIN = '/uapi/overseas-futureoption/v1/trading/margin-detail';

/** What one raw exchange showed the client. */
export interface Seen {
  url: string;
  status: number;
  statusText: string;
  /** Header names and values in wire order and case. */
  headers: [string, string][];
  body: string;
}

/** One HTTP request to loopback, answer read raw. */
export function raw(
  base: string,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Seen> {
  const u = new URL(url, base);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname: u.hostname, port: u.port, path: u.pathname + u.search, method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            h.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({
            url,
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: h,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** 300 domestic positions in one account plus the demo's overseas account. */
export function sessionScenario(dir: string): { path: string; scenario: Scenario } {
  const g = generateScenario({ positions: 300, accounts: 1, seed: 11 });
  const demo = DEMO_SCENARIO;
  const overseas = demo.accounts.find((a) => a.kind === 'overseas')!;
  const scenario: Scenario = {
    ...g,
    apps: [{ ...g.apps![0]!, accounts: [...g.apps![0]!.accounts, overseas.id] }],
    accounts: [...g.accounts, overseas],
    fx: demo.fx!,
    positions: [...g.positions!, ...demo.positions!.filter((p) => p.account === overseas.id)],
    risk: { ...g.risk, overseas: 'sample' },
  };
  const path = join(dir, 'session-scenario.json');
  writeFileSync(path, JSON.stringify(scenario));
  return { path, scenario };
}

/** The session's credentials and accounts. */
export interface SessionApp {
  appkey: string;
  appsecret: string;
  domestic: string;
  /** Overseas account; none: no margin detail in the session. */
  overseas?: string;
  date: string;
  /** Balance TR ID (default `CTFO6118R`; paper `VTFO6118R`). */
  trId?: string;
}

/** Run the session against `base`; returns every exchange and the issued token. */
export async function runSession(
  base: string,
  app: SessionApp,
  options: { mgna?: readonly string[]; excc?: readonly string[] } = {},
): Promise<{ seen: Seen[]; token: string }> {
  const seen: Seen[] = [];
  const tok = await raw(
    base,
    'POST',
    '/oauth2/tokenP',
    { 'content-type': 'application/json; charset=utf-8' },
    JSON.stringify({
      grant_type: 'client_credentials',
      appkey: app.appkey,
      appsecret: app.appsecret,
    }),
  );
  seen.push(tok);
  const token = (JSON.parse(tok.body) as { access_token: string }).access_token;
  const headers = (trId: string, trCont: string) => ({
    'content-type': 'application/json; charset=utf-8',
    authorization: `Bearer ${token}`,
    appkey: app.appkey,
    appsecret: app.appsecret,
    tr_id: trId,
    tr_cont: trCont,
    custtype: 'P',
  });
  const [cano, prdt] = app.domestic.split('-') as [string, string];
  for (const mgna of options.mgna ?? ['01'])
    for (const excc of options.excc ?? ['1']) {
      let fk = '';
      let nk = '';
      let trCont = '';
      for (let n = 0; n < 100; n++) {
        const q = new URLSearchParams({
          CANO: cano,
          ACNT_PRDT_CD: prdt,
          MGNA_DVSN: mgna,
          EXCC_STAT_CD: excc,
          CTX_AREA_FK200: fk,
          CTX_AREA_NK200: nk,
        });
        const page = await raw(
          base,
          'GET',
          `${BALANCE}?${q}`,
          headers(app.trId ?? 'CTFO6118R', trCont),
        );
        seen.push(page);
        const more = page.headers.find(([h]) => h.toLowerCase() === 'tr_cont')?.[1];
        if (more !== 'M' && more !== 'F') break;
        const b = JSON.parse(page.body) as { ctx_area_fk200: string; ctx_area_nk200: string };
        fk = b.ctx_area_fk200;
        nk = b.ctx_area_nk200;
        trCont = 'N';
      }
    }
  if (app.overseas === undefined) return { seen, token };
  const [ocano, oprdt] = app.overseas.split('-') as [string, string];
  for (const view of VIEWS) {
    const q = new URLSearchParams({
      CANO: ocano,
      ACNT_PRDT_CD: oprdt,
      CRCY_CD: view,
      INQR_DT: app.date,
    });
    seen.push(await raw(base, 'GET', `${MARGIN}?${q}`, headers('OTFM3115R', '')));
  }
  return { seen, token };
}
