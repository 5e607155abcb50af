/**
 * The page's side of the dashboard API: a session token from the link
 * code in the URL fragment, kept in sessionStorage (never the admin token, never the appsecret),
 * JSON reads, and the ledger event stream read with fetch (EventSource cannot send a bearer).
 */

const BASE = '/kisfo/dashboard/api';
const KEY = 'kisfo.dashboard.session';

/** One problem of a refused request, as the API lists it. */
interface ApiIssue {
  path: string;
  message: string;
}

/** `path: message` (just the message for the request as a whole, `$`). */
const issueText = (i: ApiIssue) => (i.path === '$' ? i.message : `${i.path}: ${i.message}`);

/** An API answer that was not 2xx. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(
      (body as { issues?: ApiIssue[] })?.issues?.map(issueText).join('; ') ??
        (body as { message?: string })?.message ??
        `HTTP ${status}`,
    );
  }
}

/** A ledger change as the stream reports it. */
export interface LedgerChange {
  changedAt: string;
  businessDate: string;
  accounts: string[];
}

/**
 * Trade a `#code=…` fragment for a session token (then drop it from the address bar), or reuse
 * the tab's token. Returns `undefined` when there is neither.
 */
export async function startSession(): Promise<string | undefined> {
  const m = /^#code=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m !== null) {
    history.replaceState(null, '', `${location.pathname}#/`);
    const res = await fetch(`${BASE}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: m[1] }),
    });
    if (res.ok) {
      const { token } = (await res.json()) as { token: string };
      sessionStorage.setItem(KEY, token);
      return token;
    }
  }
  return sessionStorage.getItem(KEY) ?? undefined;
}

/** Reads of the API with the session token. */
export class DashboardApi {
  constructor(private readonly token: string) {}

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${this.token}` };
  }

  /** GET a path below `/api`, e.g. `/overview`. */
  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${BASE}${path}`, { headers: this.headers() });
    const body = await res.json().catch(() => undefined);
    if (!res.ok) throw new ApiError(res.status, body);
    return body as T;
  }

  /** POST JSON to a path below `/api`. */
  async post<T>(path: string, payload: unknown): Promise<T> {
    const res = await fetch(`${BASE}${path}`, {
      method: 'POST',
      headers: { ...this.headers(), 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const body = await res.json().catch(() => undefined);
    if (!res.ok) throw new ApiError(res.status, body);
    return body as T;
  }

  /**
   * Follow the ledger event stream; reconnects after a drop. Returns a stop function.
   * `onState(true)` once connected, `false` while down.
   */
  follow(onChange: (c: LedgerChange) => void, onState: (up: boolean) => void): () => void {
    const abort = new AbortController();
    const run = async () => {
      while (!abort.signal.aborted) {
        try {
          const res = await fetch(`${BASE}/events`, {
            headers: this.headers(),
            signal: abort.signal,
          });
          if (!res.ok || res.body === null) throw new ApiError(res.status, undefined);
          onState(true);
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buf = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buf += value;
            let cut = buf.indexOf('\n\n');
            while (cut !== -1) {
              const frame = buf.slice(0, cut);
              buf = buf.slice(cut + 2);
              const event = /^event: (.*)$/m.exec(frame)?.[1];
              const data = /^data: (.*)$/m.exec(frame)?.[1];
              if (event === 'ledger' && data !== undefined) onChange(JSON.parse(data));
              cut = buf.indexOf('\n\n');
            }
          }
        } catch {
          // dropped or refused: say so and try again shortly
        }
        if (abort.signal.aborted) return;
        onState(false);
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    void run();
    return () => abort.abort();
  }
}
