/**
 * The one stopwatch of metrics and spans: elapsed real time for latencies (a store operation, an
 * MCP request). It measures and decides nothing about a task, so it is not the store's `Clock`
 * (test/core/clock-discipline.test.ts lists it as such); a task's own durations (its life, a
 * question's wait) are measured on the store's clock, which wrote their instants.
 */
import { performance } from 'node:perf_hooks';

/** A start mark, in milliseconds of the process's monotonic time. */
export function startMark(): number {
  return performance.now();
}

/** Seconds since `mark`. */
export function secondsSince(mark: number): number {
  return (performance.now() - mark) / 1000;
}
