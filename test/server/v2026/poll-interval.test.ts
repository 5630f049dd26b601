/**
 * The 2026 leg's `pollIntervalMs` (issue 25) through its fetch face, on a ManualClock: the
 * CreateTaskResult and every `tasks/get` carry the interval the engine advises now, and a client
 * that waits exactly that long before each poll is never refused by the per-owner rate limiter
 * at the reference server's defaults (`--rate-limit` 100/s, burst 2x; reference-server/server.ts),
 * however many tasks it polls at once (up to the active-task quota). Simulated time: each poll is
 * sent at the instant the previous answer said, with no round trip (the worst case).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../../src/clock.js';
import type { JsonObject } from '../../../src/json.js';
import { TaskEngine } from '../../../src/server/core/engine.js';
import { DEFAULT_POLL_POLICY } from '../../../src/server/core/poll-policy.js';
import { RateLimiter } from '../../../src/server/core/rate-limit.js';
import { createTasksHandler2026, type Tool2026 } from '../../../src/server/v2026/index.js';
import { InMemoryTaskStore } from '../../../src/stores/memory.js';
import { DEFAULT_RATE_LIMIT } from '../../../reference-server/args.js';
import { rpcRequest } from './harness.js';

/** Runs until cancelled: every polled task stays active, the most pollers an owner can have. */
const forever: Tool2026 = {
  name: 'forever',
  taskSupport: 'optional',
  run: (_args, call) => new Promise((_, reject) => call.signal.addEventListener('abort', () => reject(call.signal.reason), { once: true })),
};
/** Ends when the test says (a task that completes while polled). */
const done = new Map<string, () => void>();
const quick: Tool2026 = {
  name: 'quick',
  taskSupport: 'optional',
  run: (args) => new Promise((resolve) => done.set(String(args.id), () => resolve({ content: [] }))),
};

/** Turns of the event loop, no timer. */
const turns = async (n = 10) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

function setup() {
  const clock = new ManualClock();
  const store = new InMemoryTaskStore({ clock, security: { allowAnonymous: true } });
  // The reference server's limiter, refilled by the manual clock.
  const rateLimiter = new RateLimiter({ perSecond: DEFAULT_RATE_LIMIT, burst: 2 * DEFAULT_RATE_LIMIT }, () => clock.now());
  const engine = new TaskEngine({ store, rateLimiter });
  const handler = createTasksHandler2026({ engine, tools: [forever, quick] });
  const rpc = async (
    method: string,
    params: JsonObject,
  ): Promise<{ result?: JsonObject; error?: { code: number; data?: { code?: string } } }> => {
    const text = await (await handler.fetch(rpcRequest(method, params))).text();
    const data = text.includes('data:')
      ? text
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .pop()!
          .slice(5)
      : text;
    return JSON.parse(data) as never;
  };
  const close = async () => {
    await handler.close();
    engine.close();
    await store.close();
  };
  return { clock, rpc, close };
}

/**
 * `tasks` tasks created at once, each polled at exactly the interval its last answer gave, for
 * `minutes` of simulated time, or at `fixedMs` when given (a client ignoring the advice; it stops
 * at the first refusal).
 * Returns the refusals and the polls made.
 */
async function follow(
  tasks: number,
  minutes: number,
  fixedMs?: number,
): Promise<{ refused: string[]; polls: number; intervals: number[] }> {
  const { clock, rpc, close } = setup();
  const start = clock.now();
  const due: { at: number; taskId: string }[] = [];
  const refused: string[] = [];
  const intervals: number[] = [];
  for (let i = 0; i < tasks; i++) {
    const created = await rpc('tools/call', { name: 'forever', arguments: {} });
    assert.equal(created.result?.resultType, 'task', JSON.stringify(created));
    due.push({ at: clock.now() + (fixedMs ?? (created.result!.pollIntervalMs as number)), taskId: created.result!.taskId as string });
  }
  let polls = 0;
  while (due.length > 0) {
    due.sort((a, b) => a.at - b.at);
    const next = due.shift()!;
    if (next.at - start > minutes * 60_000) break;
    clock.set(next.at);
    const reply = await rpc('tasks/get', { taskId: next.taskId });
    polls++;
    if (reply.error) refused.push(`${reply.error.data?.code ?? reply.error.code} at +${next.at - start} ms`);
    if (fixedMs !== undefined && refused.length > 0) break;
    const interval = reply.result?.pollIntervalMs as number | undefined;
    if (interval !== undefined) intervals.push(interval);
    due.push({ at: next.at + (fixedMs ?? interval ?? 1_000), taskId: next.taskId });
  }
  await close();
  return { refused, polls, intervals };
}

describe('2026 leg: pollIntervalMs follows the task and is honoured by the rate limit', () => {
  it('the CreateTaskResult says the floor, tasks/get a growing interval, a settled task the max', async () => {
    const { clock, rpc, close } = setup();
    const created = await rpc('tools/call', { name: 'quick', arguments: { id: 'a' } });
    assert.equal(created.result?.pollIntervalMs, DEFAULT_POLL_POLICY.floorMs);
    const taskId = created.result!.taskId as string;
    clock.advance(2_000);
    assert.equal((await rpc('tasks/get', { taskId })).result?.pollIntervalMs, 2_000 * DEFAULT_POLL_POLICY.growth);
    clock.advance(60_000);
    assert.equal((await rpc('tasks/get', { taskId })).result?.pollIntervalMs, DEFAULT_POLL_POLICY.maxMs);
    await turns(); // the work starts on the next turn of the event loop
    done.get('a')!();
    await turns();
    const settled = await rpc('tasks/get', { taskId });
    assert.equal(settled.result?.status, 'completed');
    assert.equal(settled.result?.pollIntervalMs, DEFAULT_POLL_POLICY.maxMs);
    await close();
  });

  for (const [tasks, minutes] of [
    [1, 2],
    [10, 1],
    [100, 0.5],
  ] as const) {
    it(`a client following it with ${tasks} task(s) at once is never refused (${minutes} simulated min)`, async () => {
      const { refused, polls, intervals } = await follow(tasks, minutes);
      assert.deepEqual(refused, []);
      assert.ok(polls > tasks, `${polls} polls`);
      assert.ok(intervals.every((ms) => Number.isSafeInteger(ms) && ms >= DEFAULT_POLL_POLICY.floorMs));
    });
  }

  it('the limit still bites a client polling faster than it is told (20 tasks every floorMs)', async () => {
    const { refused } = await follow(20, 0.1, DEFAULT_POLL_POLICY.floorMs);
    assert.ok(refused.length > 0 && refused.every((r) => r.startsWith('RATE_LIMITED')), refused.join(', '));
  });
});
