/**
 * The poll policy on simulated time (poll-push.ts prints it): how many `tasks/get` a client
 * honouring the interval sends per task, and how late it sees the task's end, for tasks of
 * 0.1, 1, 10 and 60 s, before (the fixed 1000 ms) and after (DEFAULT_POLL_POLICY, with and
 * without a known duration of the tool), and what a long task costs per minute.
 *
 * How time is simulated: the pure policy (`pollIntervalMs`) is applied on a virtual clock. The
 * client sends `tools/call` at 0; the task is created half a round trip later (age 0) and ends
 * at age W; the client waits each interval it is told after each answer arrives; each request
 * reaches the server half a round trip after it is sent, whose answer says the interval for the
 * task's age at that instant. "Seen" is when the answer showing the end reaches the client,
 * counted from the `tools/call` (as the issue measured). Work durations are spread over
 * [W, 1.05 W + 5 ms] (200 runs), which spreads where the end falls between two polls. The live
 * runs of poll-push.ts check this model at 0.1, 0.2, 1 and 1.3 s.
 */
import { DEFAULT_POLL_POLICY, pollIntervalMs } from '../src/server/core/poll-policy.js';

/** The interval a client is told at `ageMs` (`expectedMs`: the tool's usual duration, when known). */
export type IntervalRule = (ageMs: number, expectedMs?: number) => number;

export const BEFORE: IntervalRule = () => 1000;
export const AFTER: IntervalRule = (ageMs, expectedMs) => pollIntervalMs({ ageMs, status: 'working', expectedMs }, DEFAULT_POLL_POLICY);

export interface Run {
  polls: number;
  /** ms from the client's `tools/call` to the answer showing the end. */
  seenMs: number;
}

/** One task of `workMs`, polled by a client honouring `rule`, with a round trip of `rttMs`. */
export function simulate(workMs: number, rule: IntervalRule, rttMs: number, expectedMs?: number): Run {
  const half = rttMs / 2;
  // Ages on the server's side; the client got the CreateTaskResult at age `half`.
  let answeredAt = half;
  let interval = rule(0, expectedMs);
  let polls = 0;
  for (;;) {
    const served = answeredAt + interval + half;
    polls++;
    if (served >= workMs) return { polls, seenMs: served + half + half };
    interval = rule(served, expectedMs);
    answeredAt = served + half;
  }
}

export interface Row {
  workMs: number;
  polls: number;
  medianSeenMs: number;
  medianRatio: number;
  p90Ratio: number;
}

/** 200 runs of about `workMs` (see the header); mean polls, median and p90 of seen / work. */
export function spread(workMs: number, rule: IntervalRule, rttMs: number, knowsDuration = false): Row {
  const runs: { polls: number; seenMs: number; ratio: number }[] = [];
  for (let i = 0; i < 200; i++) {
    const w = workMs + (workMs * 0.05 + 5) * (i / 199);
    const run = simulate(w, rule, rttMs, knowsDuration ? workMs : undefined);
    runs.push({ ...run, ratio: run.seenMs / w });
  }
  const byRatio = [...runs].sort((a, b) => a.ratio - b.ratio);
  const bySeen = [...runs].sort((a, b) => a.seenMs - b.seenMs);
  return {
    workMs,
    polls: runs.reduce((sum, r) => sum + r.polls, 0) / runs.length,
    medianSeenMs: bySeen[100]!.seenMs,
    medianRatio: byRatio[100]!.ratio,
    p90Ratio: byRatio[180]!.ratio,
  };
}

/** Polls of a task running `minutes`: in its first minute, and per minute after it. */
export function longTaskCost(rule: IntervalRule, rttMs: number, minutes = 10): { firstMinute: number; perMinuteAfter: number } {
  const first = simulate(60_000, rule, rttMs).polls;
  const all = simulate(minutes * 60_000, rule, rttMs).polls;
  return { firstMinute: first, perMinuteAfter: (all - first) / (minutes - 1) };
}
