/**
 * Verifies, with a raw client of its own (probe-client.ts, no SDK, no kit), every entry of
 * naive-tasks' KNOWN_DEVIATIONS, CORRECT and UNSPECIFIED lists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startNaiveTasks, type NaiveTasks } from './naive-tasks.js';
import { HttpSession, ISO_UTC, RELATED, sleep, startHttpProgram } from './probe-client.js';

const DELAY = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('naive-tasks subject (probe)', () => {
  let server: NaiveTasks;
  let a: HttpSession;
  let b: HttpSession;
  let caps: { capabilities: Record<string, unknown> };
  before(async () => {
    server = await startNaiveTasks({ delayMs: DELAY });
    a = new HttpSession(server.url);
    b = new HttpSession(server.url);
    caps = await a.initialize();
    await b.initialize();
  });
  after(() => server.close());
  const create = async (s: HttpSession, name: string, args: object = {}, task: object = { ttl: 60_000 }) =>
    (await s.result('tools/call', { name, arguments: args, task })).task;

  it('R1/R5/R80: declares tasks list, cancel and tools.call; R14: taskSupport values', async () => {
    assert.deepEqual(caps.capabilities.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
    const { tools } = await a.result('tools/list');
    const support = Object.fromEntries(
      tools.map((t: { name: string; execution?: { taskSupport: string } }) => [t.name, t.execution?.taskSupport]),
    );
    assert.deepEqual(support, {
      slow_echo: 'optional',
      check_links: 'optional',
      explode: 'optional',
      server_time: undefined,
      nightly_report: 'required',
    });
  });

  it('R16/R21/R32-R35/R79: CreateTaskResult shape; R40: tasks/result answers -32603 at once; R41/R44: completed result', async () => {
    const task = await create(a, 'slow_echo', { text: 'hi' });
    assert.deepEqual(Object.keys(task).sort(), ['createdAt', 'lastUpdatedAt', 'pollInterval', 'status', 'taskId', 'ttl']);
    assert.match(task.taskId, UUID);
    assert.equal(task.status, 'working');
    assert.match(task.createdAt, ISO_UTC);
    assert.equal(task.lastUpdatedAt, task.createdAt);
    assert.equal(task.ttl, 60_000);
    assert.equal(task.pollInterval, 200);
    const early = await a.exchange('tasks/result', { taskId: task.taskId });
    assert.deepEqual(early.response?.error, { code: -32603, message: 'Task not ready: status working' });
    const done = await a.pollUntil(task.taskId, (s) => s !== 'working');
    assert.equal(done.status, 'completed');
    assert.match(done.lastUpdatedAt, ISO_UTC);
    assert.notEqual(done.lastUpdatedAt, done.createdAt);
    assert.equal(done._meta, undefined);
    assert.deepEqual(await a.result('tasks/result', { taskId: task.taskId }), {
      content: [{ type: 'text', text: 'echo: hi' }],
      _meta: { [RELATED]: { taskId: task.taskId } },
    });
  });

  it('R35: ttl null when none is requested; R38: no maximum ttl', async () => {
    assert.equal((await create(a, 'slow_echo', { text: 'x' }, {})).ttl, null);
    assert.equal((await create(a, 'slow_echo', { text: 'x' }, { ttl: 1_000_000_000_000 })).ttl, 1_000_000_000_000);
  });

  it('R12: an optional tool without task runs normally', async () => {
    assert.deepEqual(await a.result('tools/call', { name: 'slow_echo', arguments: { text: 'hi' } }), {
      content: [{ type: 'text', text: 'echo: hi' }],
    });
  });

  it('R75: isError -> failed with statusMessage; tasks/result is a success with isError', async () => {
    const task = await create(a, 'check_links', { url: 'https://a.example/' });
    const failed = await a.pollUntil(task.taskId, (s) => s !== 'working');
    assert.equal(failed.status, 'failed');
    assert.equal(typeof failed.statusMessage, 'string');
    const result = await a.result('tasks/result', { taskId: task.taskId });
    assert.deepEqual(result, {
      content: [{ type: 'text', text: 'broken link: https://a.example/' }],
      isError: true,
      _meta: { [RELATED]: { taskId: task.taskId } },
    });
  });

  it('R42: a JSON-RPC error of the tool -> failed; tasks/result returns the same error', async () => {
    const direct = await a.error('tools/call', { name: 'explode', arguments: {} });
    assert.deepEqual(direct, { code: -32603, message: 'explode: the tool crashed' });
    const task = await create(a, 'explode');
    assert.equal((await a.pollUntil(task.taskId, (s) => s !== 'working')).status, 'failed');
    assert.deepEqual(await a.error('tasks/result', { taskId: task.taskId }), direct);
  });

  it('R67/R68: cancel -> cancelled, stays cancelled; A9: result of a cancelled task; R66: cancel of terminal -> -32603', async () => {
    const task = await create(a, 'slow_echo', { text: 'c' });
    const cancelled = await a.result('tasks/cancel', { taskId: task.taskId });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.statusMessage, 'The task was cancelled by request.');
    assert.equal(cancelled._meta, undefined);
    assert.match(cancelled.lastUpdatedAt, ISO_UTC);
    await sleep(DELAY * 2); // the work has ended by now
    assert.equal((await a.result('tasks/get', { taskId: task.taskId })).status, 'cancelled');
    assert.deepEqual(await a.error('tasks/result', { taskId: task.taskId }), { code: -32603, message: 'Task was cancelled' });
    assert.deepEqual(await a.error('tasks/cancel', { taskId: task.taskId }), {
      code: -32603,
      message: "Cannot cancel task: already in terminal status 'cancelled'",
    });
    const done = await create(a, 'slow_echo', { text: 'd' });
    await a.pollUntil(done.taskId, (s) => s === 'completed');
    assert.deepEqual(await a.error('tasks/cancel', { taskId: done.taskId }), {
      code: -32603,
      message: "Cannot cancel task: already in terminal status 'completed'",
    });
  });

  it('R71: unknown or missing taskId -> -32603; R64: any cursor -> -32603; R81: no rate limiting', async () => {
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
      assert.deepEqual(await a.error(method, { taskId: 'nope' }), { code: -32603, message: 'Task not found: nope' });
      assert.equal((await a.error(method, {})).code, -32603);
    }
    assert.deepEqual(await a.error('tasks/list', { cursor: 'x' }), { code: -32603, message: 'Invalid cursor: x' });
    for (let i = 0; i < 50; i++)
      assert.deepEqual(await a.error('tasks/get', { taskId: `nope-${i}` }), { code: -32603, message: `Task not found: nope-${i}` });
  });

  it('R13: required tool without task -> -32603; R11: forbidden tool with task -> -32603', async () => {
    assert.deepEqual(await a.error('tools/call', { name: 'nightly_report', arguments: {} }), {
      code: -32603,
      message: 'Tool nightly_report must be called as a task',
    });
    const report = await create(a, 'nightly_report');
    assert.equal((await a.pollUntil(report.taskId, (s) => s !== 'working')).status, 'completed');
    assert.deepEqual(await a.error('tools/call', { name: 'server_time', arguments: {}, task: {} }), {
      code: -32603,
      message: 'Tool server_time cannot run as a task',
    });
    assert.match((await a.result('tools/call', { name: 'server_time', arguments: {} })).content[0].text, ISO_UTC);
  });

  it('R77/R65 (session as context): another session reads, lists, fetches and cancels the task', async () => {
    const done = await create(a, 'slow_echo', { text: 'mine' });
    const running = await create(a, 'slow_echo', { text: 'mine too' });
    assert.equal((await b.result('tasks/get', { taskId: done.taskId })).taskId, done.taskId);
    assert.ok((await b.result('tasks/list')).tasks.some((t: { taskId: string }) => t.taskId === running.taskId));
    assert.equal((await b.result('tasks/cancel', { taskId: running.taskId })).status, 'cancelled');
    assert.equal((await a.result('tasks/get', { taskId: running.taskId })).status, 'cancelled');
    await b.pollUntil(done.taskId, (s) => s === 'completed');
    assert.equal((await b.result('tasks/result', { taskId: done.taskId })).content[0].text, 'echo: mine');
  });

  it('R60: tasks/list is one page; R61 holds; R20: ids unique', async () => {
    const fresh = await startNaiveTasks({ delayMs: DELAY });
    try {
      const s = new HttpSession(fresh.url);
      await s.initialize();
      for (let i = 0; i < 25; i++) await create(s, 'slow_echo', { text: String(i) });
      const list = await s.result('tasks/list');
      assert.equal(list.tasks.length, 25);
      assert.equal(list.nextCursor, undefined);
      assert.equal(list._meta, undefined);
      assert.equal(new Set(list.tasks.map((t: { taskId: string }) => t.taskId)).size, 25);
      for (const t of list.tasks) assert.ok(ISO_UTC.test(t.createdAt) && ISO_UTC.test(t.lastUpdatedAt) && 'ttl' in t);
    } finally {
      await fresh.close();
    }
  });

  it('R36: a task is deleted after its ttl (then not found, -32603)', async () => {
    const task = await create(a, 'slow_echo', { text: 'short' }, { ttl: 50 });
    let error;
    for (let i = 0; i < 100 && !error; i++) {
      await sleep(20);
      error = (await a.exchange('tasks/get', { taskId: task.taskId })).response?.error;
    }
    assert.deepEqual(error, { code: -32603, message: `Task not found: ${task.taskId}` });
  });

  it('JSON-RPC/tools: unknown method, unknown tool, bad arguments -> -32603', async () => {
    assert.deepEqual(await a.error('foo/bar'), { code: -32603, message: 'Unknown method: foo/bar' });
    assert.deepEqual(await a.error('tools/call', { name: 'nope', arguments: {} }), { code: -32603, message: 'Unknown tool: nope' });
    assert.deepEqual(await a.error('tools/call', { name: 'slow_echo', arguments: { text: 5 } }), {
      code: -32603,
      message: 'slow_echo: text must be a string',
    });
  });

  it('R29/R57: JSON responses, never SSE; transport: GET 405, unknown session 404, no session 400', async () => {
    const ex = await a.exchange('tasks/list');
    assert.equal(ex.contentType, 'application/json');
    assert.equal((await fetch(server.url, { method: 'GET', headers: a.headers() })).status, 405);
    const stranger = new HttpSession(server.url);
    stranger.sessionId = 'unknown';
    assert.equal((await stranger.exchange('ping')).status, 404);
    stranger.sessionId = undefined;
    assert.equal((await stranger.exchange('ping')).status, 400);
  });

  it('runs as a program: --port prints the URL', async () => {
    const program = await startHttpProgram(new URL('./naive-tasks.js', import.meta.url), ['--port', '0', '--delay-ms', '10']);
    try {
      const s = new HttpSession(program.url);
      assert.equal((await s.initialize()).serverInfo.name, 'naive-tasks');
    } finally {
      program.child.kill('SIGTERM');
      await program.exited;
    }
  });
});
