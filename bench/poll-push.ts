/**
 * When a 2026-07-28 client sees a task's end, and what it costs (issue 25). Three parts:
 *
 * 1. Simulated (poll-sim.ts, the pure policy on a virtual clock): polls per task and lateness at
 *    0.1, 1, 10 and 60 s, before (fixed 1000 ms) and after (DEFAULT_POLL_POLICY, cold and with
 *    the tool's duration known), and a long task's polls per minute.
 * 2. Live polling over loopback HTTP against the reference server (startHttpServer, in this
 *    process, its default rate limit of 100/s): `slow_compute` of 0.1, 0.2, 1 and 1.3 s, a
 *    client waiting a fixed 1000 ms (what the server said before) vs one honouring
 *    `pollIntervalMs`; cold (a fresh owner per run: no duration known) and warm (one owner).
 * 3. Push: `subscriptions/listen` on the task; latency = the terminal notification parsed by the
 *    client minus the instant the store announced the terminal write (same process, same clock).
 *
 * "Seen" is counted from the client's `tools/call`, as the issue measured. Only prints.
 */
import { performance } from 'node:perf_hooks';
import { startHttpServer, type HttpServerHandle } from '../reference-server/http.js';
import { tokenTable } from '../reference-server/tokens.js';
import { isTerminal } from '../src/status.js';
import { median, printTable, QUICK, type BenchResult } from './harness.js';
import { AFTER, BEFORE, longTaskCost, spread } from './poll-sim.js';

const BENCH = 'poll-push';
const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } },
};
const TOKENS = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`bench-token-${i}`, `owner-${i}`]));
let nextToken = 0;
let nextId = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Message = { id?: number; method?: string; result?: Record<string, unknown>; error?: unknown; params?: Record<string, unknown> };

/** One 2026 request as its own POST (envelope, routing headers, a bearer token). */
function send(url: string, token: string, method: string, params: Record<string, unknown>): { id: number; response: Promise<Response> } {
  const id = ++nextId;
  const name = method === 'tools/call' ? params.name : params.taskId;
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': method,
    authorization: `Bearer ${token}`,
    ...(typeof name === 'string' && { 'mcp-name': name }),
  };
  return {
    id,
    response: fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, _meta: META } }),
    }),
  };
}

async function call(url: string, token: string, method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { id, response } = send(url, token, method, params);
  const text = await (await response).text();
  const line = text.split('\n').find((l) => l.startsWith('data:') && l.includes(`"id":${id}`));
  const message = JSON.parse(line ? line.slice(5) : text) as Message;
  if (!message.result) throw new Error(`${method}: ${JSON.stringify(message.error)}`);
  return message.result;
}

interface LiveRun {
  seenMs: number;
  polls: number;
  pushMs?: number;
}

/** Create `slow_compute` of `seconds` and poll it: every `fixedMs`, or as told. */
async function pollRun(url: string, token: string, seconds: number, fixedMs?: number): Promise<LiveRun> {
  const t0 = performance.now();
  let task = await call(url, token, 'tools/call', { name: 'slow_compute', arguments: { seconds } });
  let polls = 0;
  while (!isTerminal(task.status as never)) {
    await sleep(fixedMs ?? (task.pollIntervalMs as number));
    task = await call(url, token, 'tasks/get', { taskId: task.taskId });
    polls++;
  }
  return { seenMs: performance.now() - t0, polls };
}

/** Create `slow_compute` of `seconds`, listen, and read until its terminal notification. */
async function pushRun(server: HttpServerHandle, doneAt: Map<string, number>, token: string, seconds: number): Promise<LiveRun> {
  const t0 = performance.now();
  const created = await call(server.url, token, 'tools/call', { name: 'slow_compute', arguments: { seconds } });
  const taskId = created.taskId as string;
  const reader = (await send(server.url, token, 'subscriptions/listen', { notifications: { taskIds: [taskId] } }).response)
    .body!.pipeThrough(new TextDecoderStream())
    .getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the listen stream ended before the task did');
    buffer += value;
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const line of events.flatMap((event) => event.split('\n')).filter((l) => l.startsWith('data:'))) {
      const message = JSON.parse(line.slice(5)) as Message;
      if (message.method === 'notifications/tasks' && isTerminal(message.params?.status as never)) {
        const seen = performance.now();
        await reader.cancel();
        return { seenMs: seen - t0, polls: 0, pushMs: seen - doneAt.get(taskId)! };
      }
    }
  }
}

async function runs(n: number, one: () => Promise<LiveRun>): Promise<LiveRun[]> {
  const out: LiveRun[] = [];
  for (let i = 0; i < n; i++) out.push(await one());
  return out;
}

const fresh = () => `bench-token-${nextToken++ % 1000}`;

function simulated(rttMs: number, results: BenchResult[]): void {
  console.log(`simulated (the policy on a virtual clock, round trip ${rttMs.toFixed(1)} ms):`);
  const rows = [];
  for (const workMs of [100, 1_000, 10_000, 60_000]) {
    for (const [subject, rule, knows] of [
      ['before (1000 ms)', BEFORE, false],
      ['after, cold', AFTER, false],
      ['after, duration known', AFTER, true],
    ] as const) {
      const r = spread(workMs, rule, rttMs, knows);
      rows.push({
        task: `${workMs / 1000} s`,
        client: subject,
        'polls/task': r.polls.toFixed(1),
        'seen (median)': `${Math.round(r.medianSeenMs)} ms`,
        'seen/work median': `${r.medianRatio.toFixed(2)}x`,
        p90: `${r.p90Ratio.toFixed(2)}x`,
      });
      results.push({
        bench: BENCH,
        name: 'simulated seen/work (median)',
        subject,
        param: workMs,
        value: r.medianRatio,
        unit: 'x',
        extra: { polls: r.polls, seenMs: r.medianSeenMs, p90: r.p90Ratio },
      });
    }
  }
  printTable(rows);
  const before = longTaskCost(BEFORE, rttMs);
  const after = longTaskCost(AFTER, rttMs);
  console.log(
    `a 10-minute task: polls in its first minute ${before.firstMinute} -> ${after.firstMinute}, per minute after ${before.perMinuteAfter.toFixed(1)} -> ${after.perMinuteAfter.toFixed(1)}`,
  );
  results.push({
    bench: BENCH,
    name: 'long task polls per minute after the first',
    subject: 'after',
    value: after.perMinuteAfter,
    unit: 'ops/s',
    extra: { firstMinute: after.firstMinute, beforeFirstMinute: before.firstMinute, beforePerMinute: before.perMinuteAfter },
  });
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const server = await startHttpServer({ port: 0, tokens: tokenTable(TOKENS), rateLimit: 100, logger: () => {} });
  const doneAt = new Map<string, number>();
  const unsubscribe = server.store.onChange(({ task }) => {
    if (isTerminal(task.status)) doneAt.set(task.taskId, performance.now());
  });
  try {
    // Warm up the server and measure a loopback round trip of tasks/get for the simulation.
    const warm = await call(server.url, 'bench-token-999', 'tools/call', { name: 'slow_compute', arguments: { seconds: 0 } });
    const rtts: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      await call(server.url, 'bench-token-999', 'tasks/get', { taskId: warm.taskId });
      rtts.push(performance.now() - t);
    }
    simulated(median(rtts), results);

    const n = QUICK ? 3 : 10;
    const rows = [];
    for (const seconds of [0.1, 0.2, 1, 1.3]) {
      const k = seconds >= 1 ? Math.max(2, n >> 1) : n;
      const warmToken = fresh();
      await pollRun(server.url, warmToken, seconds); // teaches the warm owner the duration
      const subjects: [string, () => Promise<LiveRun>][] = [
        ['before (1000 ms)', () => pollRun(server.url, fresh(), seconds, 1000)],
        ['after, cold', () => pollRun(server.url, fresh(), seconds)],
        ['after, warm', () => pollRun(server.url, warmToken, seconds)],
        ['push', () => pushRun(server, doneAt, fresh(), seconds)],
      ];
      for (const [subject, one] of subjects) {
        const got = await runs(k, one);
        const seen = median(got.map((r) => r.seenMs));
        const ratio = median(got.map((r) => r.seenMs / (seconds * 1000)));
        const push = subject === 'push' ? median(got.map((r) => r.pushMs!)) : undefined;
        rows.push({
          task: `${seconds} s`,
          client: subject,
          runs: k,
          'polls/task': median(got.map((r) => r.polls)),
          'seen (median)': `${Math.round(seen)} ms`,
          'seen/work': `${ratio.toFixed(2)}x`,
          'end -> client': push === undefined ? '' : `${push.toFixed(1)} ms`,
        });
        results.push({
          bench: BENCH,
          name: 'live seen (median)',
          subject,
          param: seconds * 1000,
          value: seen,
          unit: 'ms',
          extra: { ratio, polls: median(got.map((r) => r.polls)), ...(push !== undefined && { pushMs: push }) },
        });
      }
    }
    console.log('\nlive, loopback HTTP, reference server (slow_compute; seen from the tools/call):');
    printTable(rows);
  } finally {
    unsubscribe();
    await server.close();
  }
  return results;
}
