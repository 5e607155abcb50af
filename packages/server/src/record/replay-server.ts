import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseCassette, ReplayIndex, TOKEN_PATHS } from '@kisfo/protocol';
import { answerClientErrors, kisMalformedRequestAnswer } from '../malformed-request.js';
import { CassetteWriter } from './cassette-writer.js';
import { rawExchange, splitUrl } from './exchange.js';
import { forwardingListener, listenOn, targetUrl } from './record-proxy.js';
import { writeRaw } from './write-raw.js';

/** How replay treats a request the cassette does not hold (nock's `back` modes). */
export type ReplayMode = 'lockdown' | 'passthrough';

/** Options of {@link startReplayServer}. */
export interface ReplayServerOptions {
  /** The cassette file. */
  cassette: string;
  /** `lockdown` (default): a miss is a KIS error; `passthrough`: forward to `target` and record. */
  mode?: ReplayMode;
  /** Required for `passthrough`. */
  target?: string;
  host?: string;
  port?: number;
  /** Passthrough to an https target: a CA (PEM) to trust besides the system's. */
  targetCa?: string | Buffer;
  /** Passthrough recordings: mask account numbers. */
  maskAccounts?: boolean;
  /** Told about every request: answered from the cassette, fresh token, passed through, or missed. */
  onRequest?: (event: {
    method: string;
    path: string;
    outcome: 'recorded' | 'token' | 'passthrough' | 'miss';
    key?: string;
  }) => void;
  /** Clock for fresh token expiries. */
  now?: () => number;
}

/** A running replay server. */
export interface ReplayServer {
  url: string;
  server: Server;
  index: ReplayIndex;
  /** Requests answered as a miss so far (lockdown). */
  misses: string[];
  close(): Promise<void>;
}

/**
 * Serve a cassette as a KIS host: recorded requests (matched on method, path, query, `tr_id`,
 * `tr_cont`, continuation keys; volatile headers ignored) are answered byte for byte with their
 * recorded status, header names and body; token requests get a fresh token. In `lockdown` an
 * unrecorded request is a KIS envelope naming what was not found; in `passthrough` it goes to
 * `target` (token requests too, so the target sees its own tokens) and is recorded into the
 * same cassette.
 *
 * @example
 * ```ts
 * const replay = await startReplayServer({ cassette: 'kis.jsonl' });
 * const client = new KisClient({ env: 'real', appKey: 'any', appSecret: 'any', baseURL: replay.url });
 * ```
 */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const mode = options.mode ?? 'lockdown';
  if (mode !== 'lockdown' && mode !== 'passthrough')
    throw new Error(`replay mode ${JSON.stringify(mode)}: expected lockdown or passthrough`);
  const entries = parseCassette(readFileSync(options.cassette, 'utf8'));
  const index = new ReplayIndex(entries, options.now ? { now: options.now } : {});
  const misses: string[] = [];
  let pass: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  if (mode === 'passthrough') {
    if (options.target === undefined) throw new Error('passthrough replay needs a target URL');
    // Accounts already in the cassette keep their numbers; new ones get fakes not yet used.
    const reservedAccounts = new Set(
      entries.flatMap((e) => e.request.query.filter(([n]) => n === 'CANO').map(([, v]) => v)),
    );
    const writer = new CassetteWriter(options.cassette, {
      maskAccounts: options.maskAccounts === true,
      reservedAccounts,
    });
    pass = forwardingListener(
      targetUrl(options.target),
      (req, body, answer, at) => {
        const entry = writer.write(rawExchange(req, body, answer, at));
        if (!TOKEN_PATHS.has(entry.request.path)) index.add(entry);
      },
      30_000,
      options.targetCa,
    );
  }
  const server = createServer((req, res) => {
    const { path, query } = splitUrl(req.url ?? '/');
    const method = req.method ?? 'GET';
    const headers = {
      tr_id: header(req, 'tr_id'),
      tr_cont: header(req, 'tr_cont'),
    };
    const request = { method, path, query, headers };
    if (pass !== undefined && (TOKEN_PATHS.has(path) || !index.has(request))) {
      options.onRequest?.({ method, path, outcome: 'passthrough' });
      pass(req, res);
      return;
    }
    // Drain the body (a token request's credentials are not needed: the token is made fresh).
    req.resume();
    req.on('end', () => {
      const a = index.answer(request);
      if (a.kind === 'miss') misses.push(a.key);
      options.onRequest?.({
        method,
        path,
        outcome: a.kind,
        ...(a.kind === 'miss' ? { key: a.key } : {}),
      });
      writeRaw(res, a.response);
    });
  });
  // It plays a KIS host: a request it cannot parse gets the KIS envelope, as the served hosts'.
  answerClientErrors(server, kisMalformedRequestAnswer);
  return listenOn(server, options.host ?? '127.0.0.1', options.port ?? 0, { index, misses });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
