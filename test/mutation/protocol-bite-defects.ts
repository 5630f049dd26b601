/**
 * Defects that prove the checks added for the independent defects (issue 20 item 4) bite, each
 * planted through a seam: questions under a reused id, an error answer turned internal, expiry
 * disagreeing between tasks/get and tasks/list, a ttl counted from the last update, a tasks/result
 * left open on an expired task, expired tasks keeping their quota slot, no rate limit, no size
 * limit, a lastUpdatedAt that never moves, notifications to the wrong session, a task listed on
 * two pages, and on the 2026 wire a mislabelled CreateTaskResult and inputRequests left out or cut
 * short. (The HTTP-level checks, session.ended-is-404 and iso.foreign-session, and the requestor
 * kit's are proven by the independent catalogue, test/mutation/independent/, which
 * `npm run mutation` also runs.)
 */
import { QuotaExceededError, isTasksError, type Owner, type TaskRecord, type TaskStore } from '../../src/index.js';
import { rewriteModern, wrapStore, type ModernEdit } from './seams.js';
import { isObject, onError, RELATED, wire, type Json, type ProtocolDefect } from './protocol-wire.js';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const expired = (r: TaskRecord, from = r.createdAt): boolean => r.ttl !== null && Date.now() > from + r.ttl;

/** Records as last read or created, to serve them after the inner store forgot them. */
function remembering(serve: (r: TaskRecord) => boolean, listToo = false) {
  const seen = new Map<string, TaskRecord>();
  const keep = (r: TaskRecord) => (seen.set(r.taskId, r), r);
  return wrapStore({
    create: async (inner, owner, input) => keep(await inner.create(owner, input)),
    get: async (inner, owner, id) => {
      try {
        return keep(await inner.get(owner, id));
      } catch (error) {
        const r = seen.get(id);
        if (r && r.owner === owner && isTasksError(error, 'TASK_NOT_FOUND') && serve(r)) return r;
        throw error;
      }
    },
    list: async (inner, owner, options) => {
      const page = await inner.list(owner, options);
      if (!listToo || options?.cursor) return page;
      const listed = new Set(page.tasks.map((t) => t.taskId));
      return {
        ...page,
        tasks: [...page.tasks, ...[...seen.values()].filter((r) => r.owner === owner && !listed.has(r.taskId) && expired(r))],
      };
    },
  });
}

/** A question after the first of its task goes out under the first one's JSON-RPC id. */
function reusedQuestionIds() {
  const first = new Map<unknown, Json>();
  return wire(() => ({
    outgoing: (m) => {
      if (m.method !== 'elicitation/create' || m.id === undefined || !isObject(m.params)) return m;
      const taskId = isObject(m.params._meta) && isObject(m.params._meta[RELATED]) ? m.params._meta[RELATED].taskId : undefined;
      const earlier = first.get(taskId);
      if (!earlier) return (first.set(taskId, m), m);
      return earlier.params && JSON.stringify({ ...m.params, _meta: null }) !== JSON.stringify({ ...(earlier.params as Json), _meta: null })
        ? { ...m, id: earlier.id }
        : m;
    },
  }));
}

/** Tasks count against the quota until they are seen terminal: expired ones never are. */
function expiredKeepSlots() {
  const active = new Map<string, Owner>();
  return wrapStore({
    create: async (inner: TaskStore, owner, input) => {
      for (const [id, o] of active)
        if (
          await inner.get(o, id).then(
            (r) => TERMINAL.has(r.status),
            () => false,
          )
        )
          active.delete(id);
      const limit = inner.security.maxActiveTasksPerOwner;
      if ([...active.values()].filter((o) => o === owner).length >= limit) throw new QuotaExceededError(limit);
      const record = await inner.create(owner, input);
      active.set(record.taskId, owner);
      return record;
    },
  });
}

/** tasks/list pages after the first start with the task that ended the page before. */
function overlappingPages() {
  const lastOf = new Map<string, TaskRecord>();
  return wrapStore({
    list: async (inner, owner, options) => {
      const page = await inner.list(owner, options);
      const before = options?.cursor ? lastOf.get(options.cursor) : undefined;
      if (page.nextCursor && page.tasks.length) lastOf.set(page.nextCursor, page.tasks.at(-1)!);
      return before ? { ...page, tasks: [before, ...page.tasks] } : page;
    },
  });
}

/** The 2026 tasks/get of an input_required task with its inputRequests edited. */
function inputRequests(edit: (requests: Json) => Json | undefined): ModernEdit {
  return {
    response: (message, request) => {
      const task = message.result;
      if (request.method !== 'tasks/get' || !isObject(task) || task.status !== 'input_required' || !isObject(task.inputRequests))
        return message;
      const edited = edit(task.inputRequests);
      if (edited === undefined) delete task.inputRequests;
      else task.inputRequests = edited;
      return message;
    },
  };
}

export const BITE_DEFECTS: readonly ProtocolDefect[] = [
  {
    id: 'input.question-id-reused',
    area: 'input_required',
    level: 'MUST',
    description: "a task's next question goes out under the JSON-RPC id of its first, already answered (R51)",
    expected: ['input.new-question-new-id'],
    seam: reusedQuestionIds,
  },
  {
    id: 'input.error-answer-internal',
    area: 'input_required',
    level: 'MUST',
    description: "the requestor's -32601 answer reaches tasks/result as -32603 Internal error (R42)",
    expected: ['input.error-answer-propagated'],
    seam: () => onError('tasks/result', (e) => (e.code === -32601 ? { code: -32603, message: 'Internal error' } : e)),
  },
  {
    id: 'ttl.get-outlives-list',
    area: 'ttl',
    level: 'MUST',
    description: 'an expired task is still served by tasks/get, but no longer listed (R63)',
    expected: ['expiry.readable-is-listed'],
    seam: () => remembering(() => true),
  },
  {
    id: 'ttl.list-outlives-get',
    area: 'ttl',
    level: 'SHOULD',
    description: 'tasks/list keeps listing tasks tasks/get no longer finds (R38)',
    expected: ['expiry.gone-is-unlisted'],
    seam: () => remembering(() => false, true),
  },
  {
    id: 'ttl.from-last-update',
    area: 'ttl',
    level: 'SHOULD',
    description: 'the ttl counts from the last update, not from creation (R36, R38)',
    expected: ['expiry.from-creation'],
    seam: () => remembering((r) => !expired(r, r.lastUpdatedAt)),
  },
  {
    id: 'ttl.result-left-open',
    area: 'ttl',
    level: 'MUST',
    description: 'a tasks/result waiting on a task that expires is never answered (the not-found answer is dropped; R40, R37)',
    expected: ['expiry.result-answered'],
    seam: () =>
      wire(() => ({
        outgoing: (m, io) => (isObject(m.error) && m.error.code === -32602 && io.request(m.id)?.method === 'tasks/result' ? null : m),
      })),
  },
  {
    id: 'quota.expired-kept',
    area: 'quota',
    level: 'SHOULD',
    description: 'expired tasks keep their quota slot (R38)',
    expected: ['limit.expired-free-slots'],
    seam: expiredKeepSlots,
  },
  {
    id: 'quota.no-rate-limit',
    area: 'quota',
    level: 'SHOULD',
    description: 'the declared rate limit is not enforced (R81)',
    expected: ['limit.rate'],
    rateLimit: 0,
    seam: () => ({}),
  },
  {
    id: 'quota.no-size-limit',
    area: 'quota',
    level: 'SHOULD',
    description: 'a tools/call above the declared request size creates a task (R38)',
    expected: ['limit.request-size'],
    seam: () =>
      wrapStore({
        create: (inner, owner, input) =>
          inner.create(owner, {
            ...input,
            request: { method: input.request.method, params: { name: input.request.params?.name ?? 'oversized' } },
          }),
      }),
  },
  {
    id: 'ts.last-updated-never-moves',
    area: 'timestamps',
    level: 'MUST',
    description: 'lastUpdatedAt is always createdAt (R33)',
    expected: ['ts.last-updated-moves'],
    seam: () => wrapStore({}, (r) => ({ ...r, lastUpdatedAt: r.createdAt })),
  },
  {
    id: 'iso.notify-first-session',
    area: 'isolation',
    level: 'MUST',
    description: 'every status notification goes to the first session of the process, whoever owns the task (R77)',
    expected: ['iso.notifications-to-owner'],
    setup: ['limit.max-active'],
    seam: () =>
      wire(() => ({
        outgoing: (m, io) =>
          m.method === 'notifications/tasks/status' && io.sessions[0] ? (void io.sessions[0].sendRaw(m as never).catch(() => {}), null) : m,
      })),
  },
  {
    id: 'iso.session-end-stops-all',
    area: 'isolation',
    level: 'MUST',
    description: "a session's end closes the engine every session shares: every running task stops without ending (A21)",
    expected: ['iso.outlives-session'],
    seam: () => ({
      session: (transport, server) => {
        const before = server.mcp.server.onclose;
        server.mcp.server.onclose = () => {
          before?.();
          server.tasks.engine.close();
        };
        return transport;
      },
    }),
  },
  {
    id: 'page.overlap',
    area: 'pagination',
    level: 'SHOULD',
    description: 'each page after the first repeats the last task of the page before (R60)',
    expected: ['list.each-once'],
    seam: overlappingPages,
  },
  {
    id: 'ext.create-result-complete',
    area: 'tasks-2026',
    level: 'MUST',
    description: 'a CreateTaskResult is labelled resultType "complete" (T2)',
    expected: ['t26.create-flat'],
    seam: () =>
      rewriteModern({
        response: (m, req) =>
          req.method === 'tools/call' && isObject(m.result) && m.result.resultType === 'task'
            ? { ...m, result: { ...m.result, resultType: 'complete' } }
            : m,
      }),
  },
  {
    id: 'ext.input-requests-missing',
    area: 'tasks-2026',
    level: 'MUST',
    description: 'tasks/get of an input_required task has no inputRequests (T9)',
    expected: ['t26.input-inlined'],
    seam: () => rewriteModern(inputRequests(() => undefined)),
  },
  {
    id: 'ext.input-requests-one',
    area: 'tasks-2026',
    level: 'MUST',
    description: 'inputRequests shows only the first outstanding request (T9)',
    expected: ['t26.partial-answers'],
    seam: () => rewriteModern(inputRequests((r) => Object.fromEntries(Object.entries(r).slice(0, 1)))),
  },
  {
    id: 'ext.keys-reused-in-turn',
    area: 'tasks-2026',
    level: 'MUST',
    description: 'inputRequests keyed by position: the next question takes the key just answered (T13)',
    expected: ['t26.keys-fresh-in-turn'],
    seam: () => rewriteModern(positionalOnly()),
  },
];

/** inputRequests keyed `q0`, `q1`, … by position; answers mapped back to the real keys. */
function positionalOnly(): ModernEdit {
  const realKeys = new Map<string, string[]>();
  return {
    request: (body, options) => {
      const params = isObject(body.params) ? body.params : {};
      const real = realKeys.get(String(params.taskId));
      if (body.method !== 'tasks/update' || !real || !isObject(params.inputResponses)) return { body, options };
      const answers = Object.fromEntries(Object.entries(params.inputResponses).map(([k, v]) => [real[Number(k.slice(1))] ?? k, v]));
      return { body: { ...body, params: { ...params, inputResponses: answers } }, options };
    },
    response: (message, request) => {
      const task = message.result;
      if (request.method === 'tasks/get' && isObject(task) && isObject(task.inputRequests)) {
        const keys = Object.keys(task.inputRequests).sort();
        realKeys.set(String(task.taskId), keys);
        const requests = task.inputRequests;
        task.inputRequests = Object.fromEntries(keys.map((k, i) => [`q${i}`, requests[k]]));
      }
      return message;
    },
  };
}
