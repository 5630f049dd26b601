/**
 * The poll interval a requestor is told for one task (`pollIntervalMs` on the 2026-07-28 wire,
 * which "MAY change over the lifetime of a task"), as a pure function of what the server knows
 * when it answers: the task's age and status, how long runs of the same tool took here, and the
 * share of the owner's rate limit each of its polled tasks may use. No clock, no state: the
 * caller (poll-advisor.ts) gathers the facts, so the formula is tested and benchmarked alone.
 *
 * Why this shape: a fixed interval is wrong at both ends. A task of 0.2 s polled every 1 s is seen
 * five times later than it ended; a task of an hour polled every 1 s costs 3 600 requests. An
 * interval proportional to the age keeps the lateness a fixed fraction of the work (`growth`:
 * a task is seen at most about 1 + growth times its duration after it started) while the request
 * count grows only with the logarithm of the duration, until `maxMs` caps it.
 */
import { InvalidOptionsError } from '../../errors/index.js';
import { isTerminal, type TaskStatus } from '../../status.js';

export interface PollPolicy {
  /**
   * The shortest interval ever given (ms): what one requestor following it may cost, per task
   * (1000 / floorMs requests per second at most). Default 50.
   */
  floorMs: number;
  /** The longest interval given to a running task (ms), unless the owner's rate share needs more. Default 2000. */
  maxMs: number;
  /** The interval as a fraction of the task's age: the most a poll can lag the task's end, relative to its duration. Default 0.25. */
  growth: number;
  /**
   * The longest interval while the task waits for input (ms): the next change is the requestor's
   * own answer, after which it should see the task go on soon. Default 1000 (the fixed interval
   * before this policy).
   */
  inputMaxMs: number;
}

export const DEFAULT_POLL_POLICY: Readonly<PollPolicy> = Object.freeze({ floorMs: 50, maxMs: 2000, growth: 0.25, inputMaxMs: 1000 });

/** What the server knows of one task when it answers about it. */
export interface PollFacts {
  /** ms since the task was created (on the store's clock). */
  readonly ageMs: number;
  readonly status: TaskStatus;
  /** How long runs of the same tool usually took (ms), when known: the next poll is put just after it. */
  readonly expectedMs?: number | undefined;
  /**
   * The least interval that keeps the owner's polls within its share of the rate limit (ms):
   * wins over `maxMs`, so a requestor following the interval is never refused for polling.
   */
  readonly shareMs?: number | undefined;
}

/**
 * The interval (integer ms, >= floorMs) to tell the requestor now:
 * - terminal: `maxMs` (nothing will change; a requestor should have stopped);
 * - otherwise `growth × age`, shortened to end just after `expectedMs` (by min(expectedMs / 20,
 *   maxMs / 4)) when that is nearer ("about to finish"), within [floorMs, maxMs] (`inputMaxMs`
 *   while input is awaited);
 * - never below `shareMs` (the owner's rate share).
 */
export function pollIntervalMs(facts: PollFacts, policy: PollPolicy = DEFAULT_POLL_POLICY): number {
  const cap = facts.status === 'input_required' ? Math.min(policy.maxMs, policy.inputMaxMs) : policy.maxMs;
  let ms = isTerminal(facts.status) ? policy.maxMs : Math.max(0, facts.ageMs) * policy.growth;
  const expected = facts.expectedMs;
  if (!isTerminal(facts.status) && expected !== undefined && facts.ageMs < expected) {
    // Just after the expected end (a twentieth of it later, at most a quarter of maxMs, so a run
    // a little slower than usual is still caught by this poll), and only ever sooner than the age
    // rule: a wrong guess costs one poll, never lateness.
    ms = Math.min(ms, expected - facts.ageMs + Math.min(expected / 20, policy.maxMs / 4));
  }
  ms = Math.min(Math.max(ms, policy.floorMs), isTerminal(facts.status) ? policy.maxMs : cap);
  return Math.ceil(Math.max(ms, facts.shareMs ?? 0));
}

/**
 * The first interval told with a task that ran `ranMs` inline before it was created (a call
 * after its sync window, core/sync-window.ts): the window was that much of the interval already,
 * so the first poll comes when it would have come had the task been created at the call. Without
 * it, a call ending just after the window would be seen a whole interval later than polling from
 * the start would have seen it. The call itself was the task's last request, so the owner's
 * rate share (spacing between one task's requests) still holds.
 */
export function firstIntervalAfter(intervalMs: number, ranMs: number): number {
  return Math.max(1, Math.ceil(intervalMs - Math.max(0, ranMs)));
}

/** `policy` with `partial` over the defaults, checked: INVALID_OPTIONS names the bad setting. */
export function resolvePollPolicy(partial: Partial<PollPolicy> = {}): Readonly<PollPolicy> {
  const policy: PollPolicy = { ...DEFAULT_POLL_POLICY, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) };
  const problems: string[] = [];
  if (!(Number.isSafeInteger(policy.floorMs) && policy.floorMs >= 1)) problems.push('floorMs must be an integer >= 1');
  if (!(Number.isSafeInteger(policy.maxMs) && policy.maxMs >= policy.floorMs)) problems.push('maxMs must be an integer >= floorMs');
  if (!(Number.isSafeInteger(policy.inputMaxMs) && policy.inputMaxMs >= policy.floorMs))
    problems.push('inputMaxMs must be an integer >= floorMs');
  if (!(policy.growth > 0 && policy.growth <= 10)) problems.push('growth must be > 0 and <= 10');
  if (problems.length > 0) throw new InvalidOptionsError(`pollPolicy: ${problems.join('; ')}`);
  return Object.freeze(policy);
}
