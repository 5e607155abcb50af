/** A command was called wrongly: unknown flag, missing argument, bad value. Exit code 2. */
export class UsageError extends Error {
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** Settings are missing or unreadable (no app key, broken profile file). Exit code 3. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
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

/** An input file (e.g. a KIS master file) does not fit its format; names file and line. Exit code 13. */
export class InputFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputFileError';
  }
}
