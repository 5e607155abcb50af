import { CASSETTE_VERSION, type CassetteEntry, type CassetteResponse } from './format.js';

/** What replaces a secret in a cassette. */
export const CASSETTE_REDACTED = '[REDACTED]';

/** An exchange as seen on the wire, before anything is redacted. Never written anywhere. */
export interface RawExchange {
  recordedAt: string;
  durationMs: number;
  source: 'proxy' | 'sdk';
  request: {
    method: string;
    path: string;
    query: [string, string][];
    /** Every request header as sent (any case). */
    headers: [string, string][];
    body: string | null;
  };
  response: CassetteResponse;
}

/** Options of {@link CassetteRedactor}. */
export interface CassetteRedactorOptions {
  /** Replace every account number (`CANO`) by a fake one, the same fake for the same account. */
  maskAccounts?: boolean;
  /**
   * Account numbers already in the cassette being appended to (masked ones): kept as they are,
   * and never handed out as the fake of another account.
   */
  reservedAccounts?: Iterable<string>;
}

/** Request headers kept verbatim: what matching and reading a cassette need. */
const KEPT_HEADERS = new Set(['content-type', 'tr_id', 'tr_cont', 'custtype', 'gt_uid', 'seq_no']);
/** Request headers whose values are secret or personal: kept only as `[REDACTED]`. */
const SECRET_HEADERS = new Set([
  'authorization',
  'appkey',
  'appsecret',
  'personalseckey',
  'phone_number',
  'ip_addr',
  'mac_address',
]);
/** JSON keys (request or response bodies) whose values are secret wherever they occur. */
const SECRET_KEYS =
  /^(access_token|token|appkey|appsecret|secretkey|approval_key|personalseckey)$/i;
/** A secret key's string value in JSON text, its closing quote optional (a cut-off body). */
const SECRET_FIELD_TEXT =
  /"(access_token|token|appkey|appsecret|secretkey|approval_key|personalseckey)"\s*:\s*"((?:[^"\\]|\\.)*)/gi;
/** JSON keys and query parameters holding an account number (CANO). */
const ACCOUNT_KEYS = /^cano$/i;
/** Shorter values are not treated as secrets: replacing "P" everywhere protects nothing. */
const MIN_SECRET_LENGTH = 6;
const BEARER = /Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g;

/**
 * Redacts exchanges before they are written: learns every secret the session shows (app key and
 * secret, bearer and issued tokens, customer key, corporate personal headers) and replaces each
 * one wherever it occurs — headers, query, bodies — so none reaches the disk. With
 * `maskAccounts` every account number becomes a fake one (`00000001`, `00000002`, … in order of
 * appearance), the same fake for the same account across the whole cassette, replaced only as a
 * whole number (never inside a longer digit run), product codes (`-03`) kept.
 *
 * One redactor per cassette: it remembers what it learnt (in memory only).
 *
 * @example
 * ```ts
 * const r = new CassetteRedactor({ maskAccounts: true });
 * appendFileSync(out, `${cassetteLine(r.redact(exchange))}\n`);
 * ```
 */
export class CassetteRedactor {
  readonly #secrets = new Set<string>();
  readonly #accounts = new Map<string, string>();
  readonly #mask: boolean;
  readonly #taken = new Set<string>();
  #counter = 0;

  constructor(options: CassetteRedactorOptions = {}) {
    this.#mask = options.maskAccounts === true;
    for (const a of options.reservedAccounts ?? []) {
      this.#taken.add(a);
      if (this.#mask) this.#accounts.set(a, a);
    }
  }

  /** The fake number of each real account seen so far (in memory only; for tests). */
  get accountMap(): ReadonlyMap<string, string> {
    return this.#accounts;
  }

  /** Learn a secret without an exchange (e.g. a client's app key before its first request). */
  addSecret(value: string | undefined): void {
    if (value !== undefined && value.length >= MIN_SECRET_LENGTH) this.#secrets.add(value);
  }

  /** Learn the secrets and accounts of `raw`, then return it as a cassette entry with none left. */
  redact(raw: RawExchange): CassetteEntry {
    this.#learn(raw);
    const t = (s: string) => this.text(s);
    const headers: Record<string, string> = {};
    for (const [name, value] of raw.request.headers) {
      const n = name.toLowerCase();
      if (SECRET_HEADERS.has(n)) headers[n] = CASSETTE_REDACTED;
      else if (KEPT_HEADERS.has(n)) headers[n] = t(value);
    }
    const base64 = raw.response.bodyEncoding === 'base64';
    const response: CassetteResponse = {
      status: raw.response.status,
      ...(raw.response.statusText === undefined ? {} : { statusText: raw.response.statusText }),
      headers: raw.response.headers.map(([n, v]) => [n, t(v)]),
      body: base64 ? raw.response.body : t(raw.response.body),
    };
    if (base64) response.bodyEncoding = 'base64';
    return {
      v: CASSETTE_VERSION,
      recordedAt: raw.recordedAt,
      durationMs: raw.durationMs,
      source: raw.source,
      request: {
        method: raw.request.method,
        path: t(raw.request.path),
        query: raw.request.query.map(([n, v]) => [n, t(v)]),
        headers,
        body: raw.request.body === null ? null : t(raw.request.body),
      },
      response,
    };
  }

  /** A text with every known secret replaced (and accounts masked when asked). */
  text(s: string): string {
    let out = s;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(CASSETTE_REDACTED);
    }
    out = out.replace(BEARER, `Bearer ${CASSETTE_REDACTED}`);
    if (this.#mask && this.#accounts.size > 0 && /\d{8}/.test(out)) {
      out = out.replace(/(?<!\d)\d{8}(?!\d)/g, (d) => this.#accounts.get(d) ?? d);
    }
    return out;
  }

  #learn(raw: RawExchange): void {
    for (const [name, value] of raw.request.headers) {
      const n = name.toLowerCase();
      if (!SECRET_HEADERS.has(n)) continue;
      this.addSecret(n === 'authorization' ? value.replace(/^Bearer\s+/i, '') : value);
    }
    for (const [name, value] of raw.request.query) {
      if (SECRET_KEYS.test(name)) this.addSecret(value);
      if (ACCOUNT_KEYS.test(name)) this.#account(value);
    }
    this.#learnJson(raw.request.body);
    if (raw.response.bodyEncoding !== 'base64') this.#learnJson(raw.response.body);
  }

  #learnJson(text: string | null): void {
    if (text === null || text === '') return;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      // Not JSON (cut off mid-token, say): the secret fields it shows, up to their closing
      // quote or to where the text ends, are secrets all the same.
      for (const m of text.matchAll(SECRET_FIELD_TEXT)) this.addSecret(m[2]);
      return;
    }
    const walk = (x: unknown, depth: number): void => {
      if (depth > 8 || typeof x !== 'object' || x === null) return;
      if (Array.isArray(x)) {
        for (const y of x) walk(y, depth + 1);
        return;
      }
      for (const [k, y] of Object.entries(x)) {
        if (typeof y === 'string' && SECRET_KEYS.test(k)) this.addSecret(y);
        else if (typeof y === 'string' && ACCOUNT_KEYS.test(k)) this.#account(y);
        else walk(y, depth + 1);
      }
    };
    walk(v, 0);
  }

  #account(cano: string): void {
    if (!this.#mask || !/^\d{8}$/.test(cano) || this.#accounts.has(cano)) return;
    // A fake already handed out is never treated as a real account of its own.
    if (this.#taken.has(cano)) return;
    let fake: string;
    do fake = String(++this.#counter).padStart(8, '0');
    while (this.#taken.has(fake) || this.#accounts.has(fake));
    this.#taken.add(fake);
    this.#accounts.set(cano, fake);
  }
}
