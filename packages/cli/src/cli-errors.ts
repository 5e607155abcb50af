import type { KisfoInputError } from '@kisfo/protocol';

/** What to print besides the message: lines in between (did you mean, usage) and the next step. */
export interface ErrorHints {
  /** One concrete thing to do next (printed last, on its own line). */
  next?: string;
  /** Lines between the message and the next step: "did you mean", a usage line. */
  details?: string;
}

/** A command was called wrongly: unknown flag, missing argument, bad value. Exit code 2. */
export class UsageError extends Error {
  readonly command: string | undefined;
  readonly next: string | undefined;
  readonly details: string | undefined;
  constructor(message: string, command?: string, hints: ErrorHints = {}) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
    this.next = hints.next;
    this.details = hints.details;
  }
}

/** Settings are missing or unreadable (no app key, broken profile file). Exit code 3. */
export class ConfigError extends Error {
  readonly next: string | undefined;
  constructor(message: string, next?: string) {
    super(message);
    this.name = 'ConfigError';
    this.next = next;
  }
}

/** `--check` found violations of the documented identities. Exit code 12. */
export class CheckFailedError extends Error {
  readonly count: number;
  constructor(count: number) {
    super(`${count} identit${count === 1 ? 'y does' : 'ies do'} not hold`);
    this.name = 'CheckFailedError';
    this.count = count;
  }
}

/** An account or product is not in the ledger a local command reads. Exit code 8, as from KIS. */
export class LedgerNotFoundError extends Error {
  readonly next: string;
  constructor(message: string, next: string) {
    super(message);
    this.name = 'LedgerNotFoundError';
    this.next = next;
  }
}

/**
 * A file is missing, unreadable or not what it should be (a TLS key, a ledger), or a port cannot
 * be listened on: the system's error in plain words. Exit code 13 (`file`) or 14 (`listen`).
 */
export class SystemProblemError extends Error {
  readonly kind: 'file' | 'listen';
  readonly next: string;
  constructor(kind: 'file' | 'listen', message: string, next: string) {
    super(message);
    this.name = 'SystemProblemError';
    this.kind = kind;
    this.next = next;
  }
}

/**
 * An input error told in a command's words (which file, which `--add`): the message and next
 * step are the command's, the exit code is the input-error table's for `input`, as if `input`
 * itself had reached `main`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof KisfoInputError) throw new InputErrorInContext(e, `${path}: ${e.message}`); }
 * ```
 */
export class InputErrorInContext extends Error {
  readonly input: KisfoInputError;
  readonly next: string | undefined;
  constructor(input: KisfoInputError, message: string, next?: string) {
    super(message, { cause: input });
    this.name = 'InputErrorInContext';
    this.input = input;
    this.next = next;
  }
}
