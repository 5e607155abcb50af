/** Receives one JSON line per event (no trailing newline). */
export type LogSink = (line: string) => void;

/** The default sink: one line on stderr. */
export const stderrSink: LogSink = (line) => {
  process.stderr.write(`${line}\n`);
};

/** A sink that drops everything (tests, benchmarks). */
export const silentSink: LogSink = () => {};

/** One request log record. Never holds app keys, app secrets or tokens. */
export interface RequestLogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  event: 'request';
  requestId: string;
  env: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  tr_id?: string;
  account?: string;
  msg_cd?: string;
  error?: string;
}

/**
 * Remove every occurrence of the given secrets from a text (an exception message may quote a header
 * value); anything shorter than 4 characters is left alone so the text stays readable.
 *
 * @example
 * ```ts
 * redact('bad key PSabc123', ['PSabc123']); // 'bad key [redacted]'
 * ```
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s !== undefined && s.length >= 4) out = out.split(s).join('[redacted]');
  }
  return out;
}
