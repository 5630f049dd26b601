/** The refusal of a command line (`CliError`, exit code 2) and the value checks every flag parser shares. */

/** A refusal of the command line or the configuration; exit code 2. */
export class CliError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export function nonEmpty(flag: string, raw: string): string {
  if (raw.trim() === '') throw new CliError(`${flag} must not be empty`);
  return raw;
}

export function integerFlag(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new CliError(`${flag} must be ${range}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** parseArgs messages already name the flag ("Unknown option '--foo'"); keep their first line. */
export function flagError(error: unknown): CliError {
  return new CliError(error instanceof Error ? error.message.split('\n')[0]! : String(error));
}
