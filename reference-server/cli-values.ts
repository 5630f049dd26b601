/** The refusal of a command line (`CliError`, exit code 2) and the value checks every flag parser shares. */
import { resolvePollPolicy, type PollPolicy } from '../src/server/core/poll-policy.js';

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

/** The keys of `--poll-policy` and the `PollPolicy` setting each names. */
const POLL_KEYS: Readonly<Record<string, keyof PollPolicy>> = {
  floor: 'floorMs',
  max: 'maxMs',
  growth: 'growth',
  'input-max': 'inputMaxMs',
};

/**
 * `--poll-policy floor=50,max=2000,growth=0.25,input-max=1000` (any subset; the rest keep the
 * library's defaults): checked as the engine checks it, so a bad value is refused at start.
 */
export function pollPolicyFlag(raw: string): Partial<PollPolicy> {
  const policy: Partial<PollPolicy> = {};
  for (const part of raw.split(',')) {
    const [key, value, ...rest] = part.split('=').map((s) => s.trim());
    const setting = key === undefined ? undefined : POLL_KEYS[key];
    if (setting === undefined || value === undefined || value === '' || rest.length > 0)
      throw new CliError(
        `--poll-policy takes key=value pairs separated by commas, keys ${Object.keys(POLL_KEYS).join(', ')}; got ${JSON.stringify(part)}`,
      );
    const number = Number(value);
    if (!Number.isFinite(number)) throw new CliError(`--poll-policy ${key} must be a number, got ${JSON.stringify(value)}`);
    policy[setting] = number;
  }
  try {
    resolvePollPolicy(policy);
  } catch (error) {
    // The library names its settings (floorMs); the flag's keys are what the user typed (floor).
    const names = Object.entries(POLL_KEYS).reduce((text, [key, setting]) => text.replaceAll(setting, key), (error as Error).message);
    throw new CliError(`--poll-policy: ${names.replace(/^pollPolicy: /, '')}`);
  }
  return policy;
}
