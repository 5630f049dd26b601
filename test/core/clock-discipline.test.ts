/**
 * One clock (issue 19, part 5): every decision by time about a task (a lease run out, a deadline
 * passed, the time left to expiry, a rate-limit refill) uses a `Clock`, the store's where there is
 * one (`clockOf(store)`), so a `ManualClock` moves them all and instances agree with the times the
 * store wrote. This ratchet fails on any other read of the wall clock in src/ (`Date.now`, a
 * `new Date()` without an argument, `performance.now`); the few left are listed with their reason
 * and count. Timers (`setTimeout`, `setInterval`) run on real time, which is fine: what they
 * decide when they fire is decided by the clock.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Reads of the wall clock allowed in src/, with why. */
const WALL_CLOCK: Readonly<Record<string, { count: number; why: string }>> = {
  'src/clock.ts': { count: 1, why: 'systemClock: the one Clock on the wall clock, the default of every store' },
  'src/server/core/logger.ts': { count: 1, why: "an audit line's time of writing, not a decision about a task" },
  'src/monitor/dashboard-script.ts': {
    count: 2,
    why: "the dashboard page's clock in the browser (served as text), set off against the server's time to show ages; it decides nothing",
  },
  'src/observe/stopwatch.ts': {
    count: 2,
    why: 'latencies for metrics and spans (a store operation, a request): measured, never a decision about a task',
  },
  'src/http/sessions.ts': {
    count: 1,
    why: "an HTTP session's idle time and initialize rate (a transport's, not a task's; injectable for tests)",
  },
  'src/stores/dynamodb/create-table.ts': {
    count: 2,
    why: "a setup helper's own deadline while AWS makes a table ACTIVE; no task is decided by it",
  },
};

const WALL_CLOCK_READ = /\bDate\.now\b|\bnew Date\(\s*\)|\bperformance\.now\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function occurrences(): Record<string, number> {
  const found: Record<string, number> = {};
  for (const path of sources(join(ROOT, 'src'))) {
    const count = readFileSync(path, 'utf8').match(WALL_CLOCK_READ)?.length ?? 0;
    if (count > 0) found[relative(ROOT, path).split('\\').join('/')] = count;
  }
  return found;
}

describe('one clock in src/', () => {
  it('every read of the wall clock is listed with its reason (decisions by time use a Clock)', () => {
    const allowed = Object.fromEntries(Object.entries(WALL_CLOCK).map(([file, { count }]) => [file, count]));
    assert.deepEqual(occurrences(), allowed);
  });

  it('src/server/ decides by no wall clock: its one allowed read is the audit log line', () => {
    const server = Object.keys(occurrences()).filter((file) => file.startsWith('src/server/'));
    assert.deepEqual(server, ['src/server/core/logger.ts']);
  });

  it('the pattern bites on each form of reading the wall clock', () => {
    const sample = 'a = Date.now(); b = new Date(); c = performance.now(); d = Date.now; e = new Date(record.createdAt);';
    assert.equal(sample.match(WALL_CLOCK_READ)?.length, 4);
  });
});
