import { readFileSync } from 'node:fs';
import { KisfoInputError } from '@kisfo/protocol';
import { type KisAnswers, parseAnswers } from '@kisfo/server';
import { InputErrorInContext, UsageError } from '../cli-errors.js';
import { plainSystemError } from '../system-errors.js';

/** Read `--in FILE`: a cassette or saved answers; unreadable input is a usage error. */
export function readAnswers(path: string | undefined, command: string): KisAnswers {
  if (path === undefined)
    throw new UsageError('--in FILE is required (a cassette or saved answers)', command);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    // A usage error (2), as a malformed one is; the system's reason says what is wrong.
    const why = plainSystemError(e)?.message ?? (e as Error).message;
    throw new UsageError(`cannot read --in ${path}: ${why}`, command, {
      next: 'pass --in a cassette of `kisfo record`, or a saved-answers JSON file',
    });
  }
  try {
    return parseAnswers(text);
  } catch (e) {
    if (e instanceof KisfoInputError) throw new InputErrorInContext(e, `${path}: ${e.message}`);
    throw e;
  }
}

/** Parse `--fx USD=1370.00,EUR=1480.00`. */
export function fxFlag(
  value: string | undefined,
  command: string,
): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const m = /^([A-Z]{3})=(\d+(?:\.\d+)?)$/.exec(part.trim());
    if (m === null)
      throw new UsageError(`--fx: "${part}" is not CCY=RATE (e.g. USD=1370.00)`, command);
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** Check `--date YYYYMMDD`. */
export function dateFlag(value: string | undefined, command: string): string | undefined {
  if (value !== undefined && !/^\d{8}$/.test(value))
    throw new UsageError(`--date must be YYYYMMDD, got "${value}"`, command);
  return value;
}
