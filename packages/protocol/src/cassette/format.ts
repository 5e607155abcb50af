/**
 * The kisfo cassette: a recorded KIS session as JSON lines, one exchange per line. Written by
 * `kisfo record` (a proxy, header names in their wire case) and by `KisClient`'s `record` option
 * (names as `fetch` shows them, lowercase); read by `kisfo serve --replay` and `replayFetch`.
 * The protocol README describes the format.
 */
import { KisfoInputError } from '../input-error.js';

/** Format version of every line. */
export const CASSETTE_VERSION = 1;

/** A request as recorded: what matching needs, secrets already replaced. */
export interface CassetteRequest {
  method: string;
  /** Path without the query, e.g. `/uapi/domestic-futureoption/v1/trading/inquire-balance`. */
  path: string;
  /** Query parameters in the order sent (`[name, value]`, decoded). */
  query: [string, string][];
  /**
   * The headers that matter, lowercase names: `tr_id`, `tr_cont`, `custtype`, `content-type`,
   * `gt_uid`; secret ones (`authorization`, `appkey`, `appsecret`, `personalseckey`, …) are kept
   * only as `[REDACTED]` to show they were sent.
   */
  headers: Record<string, string>;
  /** Body text (JSON for the token endpoints), `null` when there was none. */
  body: string | null;
}

/** A response as received. */
export interface CassetteResponse {
  status: number;
  /** The reason phrase as received (`OK`), when the recorder could see it. */
  statusText?: string;
  /** `[name, value]` in wire order and wire case (`Content-Type`, `tr_cont`, …). */
  headers: [string, string][];
  /** Body text exactly as received (decoded: kisfo asks upstream for `identity`). */
  body: string;
  /** `base64` when the body was not UTF-8 text (then `body` holds base64). */
  bodyEncoding?: 'base64';
}

/** One exchange: one line of a cassette. */
export interface CassetteEntry {
  v: typeof CASSETTE_VERSION;
  /** When the request was sent, ISO 8601 UTC. */
  recordedAt: string;
  /** Time to the complete answer, ms. */
  durationMs: number;
  /** `proxy` (wire case of header names) or `sdk` (names lowercased by fetch). */
  source: 'proxy' | 'sdk';
  request: CassetteRequest;
  response: CassetteResponse;
}

/** A cassette line that is not an exchange of this format; its issue's path is `line N`. */
export class CassetteFormatError extends KisfoInputError {
  override readonly name = 'CassetteFormatError';
  constructor(
    readonly line: number,
    problem: string,
  ) {
    super([{ path: `line ${line}`, message: problem }], `cassette line ${line}: ${problem}`);
  }
}

/**
 * Parse a cassette (JSON lines; blank lines ignored). Every line is checked for the fields replay
 * reads; the first bad one throws a {@link CassetteFormatError} naming its line.
 *
 * @example
 * ```ts
 * const entries = parseCassette(readFileSync('session.jsonl', 'utf8'));
 * entries[0]?.request.path; // '/oauth2/tokenP'
 * ```
 */
export function parseCassette(text: string): CassetteEntry[] {
  const out: CassetteEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new CassetteFormatError(i + 1, 'not JSON');
    }
    const problem = entryProblem(v);
    if (problem !== undefined) throw new CassetteFormatError(i + 1, problem);
    out.push(v as CassetteEntry);
  }
  return out;
}

function entryProblem(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return 'not an object';
  const e = v as Partial<CassetteEntry>;
  if (e.v !== CASSETTE_VERSION) return `unsupported version ${JSON.stringify(e.v)}`;
  const q = e.request;
  if (typeof q !== 'object' || q === null) return 'request missing';
  if (typeof q.method !== 'string' || typeof q.path !== 'string') return 'request.method/path';
  if (!Array.isArray(q.query)) return 'request.query must be a list of [name, value]';
  if (typeof q.headers !== 'object' || q.headers === null) return 'request.headers missing';
  const r = e.response;
  if (typeof r !== 'object' || r === null) return 'response missing';
  if (!Number.isInteger(r.status)) return 'response.status';
  if (!Array.isArray(r.headers)) return 'response.headers must be a list of [name, value]';
  if (typeof r.body !== 'string') return 'response.body must be text';
  return undefined;
}

/** One cassette line (no newline) for an entry. */
export function cassetteLine(entry: CassetteEntry): string {
  return JSON.stringify(entry);
}

/** The value of a response header, names compared case-insensitively. */
export function cassetteHeader(
  headers: readonly (readonly [string, string])[],
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return undefined;
}
