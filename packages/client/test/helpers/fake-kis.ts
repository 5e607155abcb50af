// An in-process fake of KIS's wire behaviour as a `fetch` function, with fault injection: each
// request may be answered by a queued fault instead (rate limit, expired token, data changed,
// HTTP 500 without an envelope, truncated JSON, hangs, connection resets).
import { readFileSync } from 'node:fs';
import { envelopeFor, type KnownMsgCd, padContinuationKey, tokenErrorFor } from '@kisfo/protocol';

const fixtures = new URL('../../../../fixtures/kis/', import.meta.url);
const balanceExample = JSON.parse(
  readFileSync(new URL('domestic-inquire-balance.example.json', fixtures), 'utf8'),
);
const marginExample = JSON.parse(
  readFileSync(new URL('overseas-margin-detail.example.json', fixtures), 'utf8'),
);

export type Route = 'token' | 'revoke' | 'balance' | 'margin';

/** What a request looked like. */
export interface SeenRequest {
  route: Route;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A fault answers instead of the fake: a Response, or a thrown error, or a hang until abort. */
export type Fault = (req: SeenRequest, signal: AbortSignal | undefined) => Promise<Response>;

interface Injection {
  when: (req: SeenRequest, nth: number) => boolean;
  fault: Fault;
  times: number;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

/** KIS envelope failure with a catalog code. */
export const envelope =
  (code: KnownMsgCd, status = 500): Fault =>
  async () =>
    json(status, envelopeFor(code));
/** The OAuth endpoints' `{error_code, error_description}` body. */
export const tokenError =
  (code: KnownMsgCd, status = 403): Fault =>
  async () =>
    json(status, tokenErrorFor(code));
/** HTTP 500 with an HTML page (a proxy's error): no envelope. */
export const http500: Fault = async () =>
  new Response('<html><body>502 Bad Gateway</body></html>', {
    status: 500,
    headers: { 'content-type': 'text/html' },
  });
/** Never answers until the request is aborted (a timeout). */
export const hang: Fault = (_req, signal) =>
  new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
/** The connection is reset before an answer (undici's shape). */
export const reset: Fault = async () => {
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
  });
};

export interface FakeKisOptions {
  positions?: number;
  token?: string;
}

/** The fake server. `fetch` is what the client gets. */
export class FakeKis {
  readonly seen: SeenRequest[] = [];
  readonly counts: Record<Route, number> = { token: 0, revoke: 0, balance: 0, margin: 0 };
  private readonly injections: Injection[] = [];
  private tokenSerial = 0;
  /** Tokens the fake accepts. */
  readonly valid = new Set<string>();
  readonly positions: Record<string, string>[];
  summary: Record<string, string>;
  /** Every next token issuance returns this expiry text (KST). */
  expiryText = '2099-12-31 23:59:59';

  constructor(options: FakeKisOptions = {}) {
    const n = options.positions ?? 45;
    const base = balanceExample.response.body.output1[0];
    this.positions = Array.from({ length: n }, (_, i) => {
      const qty = (i % 7) + 1;
      const pchs = 1_000_000 * qty + i;
      const evlu = pchs + (i % 2 === 0 ? 25_000 : -40_000);
      const long = i % 3 !== 0;
      return {
        ...base,
        pdno: `KR4101T${String(i).padStart(4, '0')}0`,
        shtn_pdno: `101T${String(i).padStart(4, '0')}`,
        sll_buy_dvsn_name: long ? '매수' : '매도',
        sll_buy_dvsn_cd: long ? '02' : '01',
        trad_dvsn_name: long ? '매수' : '매도',
        cblc_qty: String(qty),
        pchs_amt: String(pchs),
        evlu_amt: String(evlu),
        evlu_pfls_amt: String(long ? evlu - pchs : pchs - evlu),
        lqd_psbl_qty: String(qty),
      };
    });
    const sum = (k: string) => this.positions.reduce((a, r) => a + BigInt(r[k]!), 0n).toString();
    const evluPfls = sum('evlu_pfls_amt');
    this.summary = {
      ...balanceExample.response.body.output2,
      pchs_amt_smtl: sum('pchs_amt'),
      evlu_amt_smtl: sum('evlu_amt'),
      futr_evlu_pfls_amt: evluPfls,
      evlu_pfls_amt_smtl: evluPfls,
    };
  }

  /** Answer the next `times` requests matching `when` with `fault`. */
  inject(
    when: Route | ((req: SeenRequest, nth: number) => boolean),
    fault: Fault,
    times = 1,
  ): this {
    const pred = typeof when === 'string' ? (r: SeenRequest) => r.route === when : when;
    this.injections.push({ when: pred, fault, times });
    return this;
  }

  /** A predicate: the balance request for page `page` (0-based, by its continuation key). */
  static page(page: number) {
    return (r: SeenRequest) =>
      r.route === 'balance' &&
      (r.url.searchParams.get('CTX_AREA_NK200') ?? '').trim() === (page === 0 ? '' : String(page));
  }

  fetch = async (input: string, init: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => {
      headers[k] = v;
    });
    const route: Route = url.pathname.endsWith('/tokenP')
      ? 'token'
      : url.pathname.endsWith('/revokeP')
        ? 'revoke'
        : url.pathname.includes('inquire-balance')
          ? 'balance'
          : 'margin';
    const req: SeenRequest = {
      route,
      url,
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
    };
    this.seen.push(req);
    const nth = this.counts[route]++;
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const inj = this.injections.find((i) => i.times > 0 && i.when(req, nth));
    if (inj !== undefined) {
      inj.times--;
      return inj.fault(req, signal);
    }
    return this.answer(req);
  };

  private answer(req: SeenRequest): Response {
    if (req.route === 'token') {
      const token = `eyJfake.${++this.tokenSerial}.token-value-long-enough`;
      this.valid.add(token);
      return json(200, {
        access_token: token,
        access_token_token_expired: this.expiryText,
        token_type: 'Bearer',
        expires_in: 86400,
      });
    }
    if (req.route === 'revoke') {
      this.valid.delete(JSON.parse(req.body ?? '{}').token);
      return json(200, { code: 200, message: '접근토큰 폐기에 성공하였습니다' });
    }
    const bearer = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.valid.has(bearer)) return json(500, envelopeFor('EGW00121'));
    if (req.route === 'margin') {
      return json(200, { ...marginExample.response.body }, { tr_id: 'OTFM3115R', tr_cont: 'D' });
    }
    const q = req.url.searchParams;
    const page = Number((q.get('CTX_AREA_NK200') ?? '').trim() || '0');
    const rows = this.positions.slice(page * 20, page * 20 + 20);
    const more = (page + 1) * 20 < this.positions.length;
    const fk = `${q.get('CANO')}^${q.get('ACNT_PRDT_CD')}^${q.get('MGNA_DVSN')}^${q.get('EXCC_STAT_CD')}^`;
    return json(
      200,
      {
        ctx_area_fk200: padContinuationKey(fk),
        ctx_area_nk200: padContinuationKey(more ? String(page + 1) : ''),
        output1: rows,
        output2: this.summary,
        ...envelopeFor(more ? 'KIOK0510' : 'KIOK0460'),
      },
      { tr_id: req.headers.tr_id ?? '', tr_cont: more ? (page === 0 ? 'F' : 'M') : 'D' },
    );
  }
}

/** A clock whose sleeps return at once (recording them): backoff and throttle waits cost nothing. */
export function instantClock(start = Date.UTC(2025, 2, 20, 0, 0, 0)) {
  const state = { now: start, slept: [] as number[] };
  return {
    state,
    clock: {
      now: () => state.now,
      random: () => 0.5,
      sleep: async (ms: number, signal?: AbortSignal) => {
        if (signal?.aborted) throw signal.reason;
        state.slept.push(ms);
        state.now += ms;
      },
    },
  };
}
