/**
 * Streamable HTTP sessions around the tasks (url targets): a session opened with one token does
 * not carry another token's task traffic (R77), and over the whole run no session of one identity
 * received a status notification of the other's tasks (R77); the helpers are shared with
 * polling.ts (R28: a session the client ended is answered 404). Plain fetch, no SDK client: the
 * kit must send what an SDK would never send (another token on a session, a request after DELETE).
 */
import { fail, inconclusive, pass, skip, type Outcome } from '../../../core/check.js';
import { brief, isObject, type Json } from '../../../core/json.js';
import { isTerminalStatus, STATUS_NOTIFICATION } from '../../../core/wire.js';
import { check, type Check } from '../../check.js';
import { describe, type CheckContext } from '../../context.js';
import { RawSession } from '../../raw-session.js';
import { identityHeaders, type Identity } from '../../target.js';

const PROTOCOL = '2025-11-25';
/** How long a status notification of A's task may take to reach a stream. */
const LISTEN_MS = 3_000;

function headers(identity: Identity | undefined, sessionId: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': PROTOCOL,
    'mcp-session-id': sessionId,
    ...identityHeaders(identity),
  };
}

/** One HTTP exchange: the status, or why there is none. */
export async function send(
  url: string,
  method: 'POST' | 'DELETE',
  identity: Identity | undefined,
  sessionId: string,
  body?: Json,
  ms = 5_000,
): Promise<{ status: number; text: string } | { failed: string }> {
  try {
    const res = await fetch(url, {
      method,
      headers: headers(identity, sessionId),
      ...(body && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(ms),
    });
    return { status: res.status, text: (await res.text()).slice(0, 200) };
  } catch (error) {
    return { failed: (error as Error).name === 'TimeoutError' ? `no response within ${ms} ms` : String((error as Error).message ?? error) };
  }
}

export const ping = (id: string): Json => ({ jsonrpc: '2.0', id, method: 'ping' });

export async function raw(ctx: CheckContext, identity: Identity | undefined): Promise<RawSession | string> {
  if (ctx.url === undefined) return 'needs an HTTP target (--url): stdio has no sessions';
  const session = await RawSession.open(ctx.url, identity, {}, ctx.options.requestTimeoutMs);
  if (session.sessionId === undefined) {
    await session.close();
    return 'the server gave no mcp-session-id (stateless): there is no session to end or to borrow';
  }
  return session;
}

/** B's token on A's session: how the server answered, and whether a status notification of A's task reached B's stream. */
async function borrowed(ctx: CheckContext, session: RawSession, url: string): Promise<Outcome> {
  const b = ctx.options.authB;
  const sessionId = session.sessionId!;
  const served = await send(url, 'POST', b, sessionId, ping('conformance-borrowed'));
  if ('failed' in served) return inconclusive(`B's ping on A's session: ${served.failed}`);
  if (served.status >= 400) return pass(`B's request on A's session refused: HTTP ${served.status}`);
  // Served: does A's task traffic reach B? B holds the session's GET stream, A creates a task.
  const listen = new AbortController();
  const got: string[] = [];
  const reading = fetch(url, { method: 'GET', headers: { ...headers(b, sessionId), accept: 'text/event-stream' }, signal: listen.signal })
    .then(async (res) => {
      if (!res.ok || !res.body) return;
      const decoder = new TextDecoder();
      for await (const chunk of res.body) got.push(decoder.decode(chunk as Uint8Array, { stream: true }));
    })
    .catch(() => undefined);
  try {
    await ctx.sleep(200);
    const call = ctx.quickTool();
    const created = await session.call(
      'tools/call',
      { name: call.name, arguments: call.args, task: {} },
      ctx.options.requestTimeoutMs,
      ctx.signal,
    );
    const task = isObject(created.response?.result) ? created.response.result.task : undefined;
    const taskId = isObject(task) && typeof task.taskId === 'string' ? task.taskId : undefined;
    if (taskId === undefined) return inconclusive(`A's ${call.name} as a task on its raw session: ${brief(created.response)}`);
    const deadline = Date.now() + LISTEN_MS;
    while (Date.now() < deadline && !got.join('').includes(taskId)) await ctx.sleep(100);
    const text = got.join('');
    if (text.includes(taskId) && text.includes(STATUS_NOTIFICATION)) {
      return fail(
        `B's token was served on A's session (ping: HTTP ${served.status}), and B's GET stream on it received ${STATUS_NOTIFICATION} of A's task ${taskId}: ${brief(text, 200)}`,
        "a session opened with A's token refuses B's token (HTTP 403 or 404), so nothing of A's tasks reaches B",
      );
    }
    return pass(
      `B's token was served on A's session (HTTP ${served.status}), but no notification of A's task reached B's stream within ${LISTEN_MS} ms`,
    );
  } finally {
    listen.abort();
    await reading;
  }
}

export const foreignSessionCheck: Check = check(
  {
    id: 'iso.foreign-session',
    rule: 'R77',
    level: 'MUST',
    area: 'isolation',
    title: "identity B's token on a session opened with A's token is refused, or at least gets nothing of A's tasks",
  },
  async (ctx) => {
    if (!ctx.options.authA || !ctx.options.authB) return skip('needs two identities with credentials (--auth-a, --auth-b)');
    const session = await raw(ctx, ctx.options.authA);
    if (typeof session === 'string') return skip(session);
    try {
      return await borrowed(ctx, session, ctx.url!);
    } finally {
      await session.close();
    }
  },
);

/** The work of the outlives-session check: the fixture delay, long enough to end a session meanwhile. */
const WORK_MS = 2_000;

/**
 * A task of A's token started in a session A then ends (HTTP DELETE) and the same work started
 * right after in A's main session: the first must end like the second (A21: a task outlives its
 * session when the owner is a token). The verdict rests on the comparison, not on a time: the
 * server finished the later task and not the earlier one.
 */
export const outlivesSessionCheck: Check = check(
  {
    id: 'iso.outlives-session',
    rule: 'A21',
    level: 'MUST',
    area: 'isolation',
    title: "a task of A's token outlives the session it was created in: ending that session stops no task",
  },
  async (ctx) => {
    if (!ctx.options.authA) return skip("needs identity A with credentials (--auth-a): without a token a task is its session's");
    if (!ctx.hasFixture('delay')) return skip('needs a tool that runs a chosen time (the fixture delay, reference-server/FIXTURES.md)');
    const session = await raw(ctx, ctx.options.authA);
    if (typeof session === 'string') return skip(session);
    const work = { name: 'delay', arguments: { ms: WORK_MS }, task: {} };
    const created = await session.call('tools/call', work, ctx.options.requestTimeoutMs, ctx.signal);
    const task = isObject(created.response?.result) ? created.response.result.task : undefined;
    const first = isObject(task) && typeof task.taskId === 'string' ? task.taskId : undefined;
    const ended = await send(ctx.url!, 'DELETE', ctx.options.authA, session.sessionId!);
    if (first === undefined) return inconclusive(`delay as a task on a raw session of A: ${brief(created.response)}`);
    if ('failed' in ended || ended.status === 405)
      return skip(`the session could not be ended (DELETE: ${'failed' in ended ? ended.failed : 'HTTP 405'})`);
    const a = await ctx.a();
    const call = { name: 'delay', args: { ms: WORK_MS } };
    const { taskId: second } = ctx.needTask(await ctx.createTask(a, call), call);
    const later = await ctx.pollTerminal(a, second);
    if (!isTerminalStatus(later.task?.status))
      return inconclusive(`the task started after the session ended did not end either (statuses ${later.statuses.join(' -> ')})`);
    // The earlier task had its work started first: a moment more, then it must be over too.
    const earlier = await ctx.poll(a, first, (t) => isTerminalStatus(t.status), 1_000);
    if (earlier.reply.kind !== 'result')
      return fail(
        `after its session ended (DELETE: HTTP ${ended.status}), A's task ${first} is gone for A's main session: ${describe(earlier.reply)}`,
        "the task, from any session of A's token (A21, R77)",
      );
    if (isTerminalStatus(earlier.task?.status)) return pass(`both ended (${String(earlier.task?.status)}, ${String(later.task?.status)})`);
    return fail(
      `A's task ${first}, started in a session A then ended, is still ${earlier.statuses.at(-1)} after the same work started later in A's main session ended ${String(later.task?.status)}`,
      'the task goes on and ends whatever became of the session it was created in (A21: it belongs to the token)',
    );
  },
);

/** Whole run: every status notification each session of A or B received was about its own identity's tasks. */
export const notificationOwnerCheck: Check = check(
  {
    id: 'iso.notifications-to-owner',
    rule: 'R77',
    level: 'MUST',
    area: 'isolation',
    title: "over the whole run, no session of one identity received a status notification of the other identity's task",
  },
  async (ctx) => {
    const a = await ctx.a();
    const b = await ctx.otherRequestor();
    const sessions = [a, b];
    try {
      sessions.push(await ctx.a2());
    } catch {
      // no second session of A in this run
    }
    const identity = (label: string) => (label === b.label ? 'B' : 'A');
    const creator = new Map<string, string>();
    for (const s of ctx.sightings())
      if (s.source === 'tools/call' && typeof s.task.taskId === 'string') creator.set(s.task.taskId, identity(s.session));
    for (const session of sessions) {
      const foreign = session.received(STATUS_NOTIFICATION).filter((n) => {
        const owner = creator.get(n.params.taskId as string);
        return owner !== undefined && owner !== identity(session.label);
      });
      if (foreign.length) {
        const first = foreign[0]!.params;
        return fail(
          `a session of ${identity(session.label)} received ${foreign.length} status notification(s) of tasks ${identity(session.label) === 'A' ? 'B' : 'A'} created, e.g. ${brief(first)}`,
          "notifications/tasks/status only on the sessions of the task's owner",
        );
      }
    }
    return pass(
      `${creator.size} tasks, ${sessions.reduce((n, s) => n + s.received(STATUS_NOTIFICATION).length, 0)} status notifications, each to its owner`,
    );
  },
);
