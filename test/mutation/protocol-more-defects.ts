/**
 * More defects of the catalogue: guessable IDs, a late CreateTaskResult, a duplicated side-channel
 * request, an answer whose content is lost, a wrong code for an expired task, and SHOULD/MAY-level omissions (statusMessage,
 * related-task _meta where it does not belong, pagination, pollInterval).
 */
import { DelegatingStore, wrapStore } from './seams.js';
import { isTasksError, type TaskRecord, type TaskStore } from '../../src/index.js';
import { isObject, onNotification, onResult, RELATED, wire, type DefectSeam, type ProtocolDefect } from './protocol-wire.js';

/** A store that hands out task IDs task-1, task-2, ... (mapped to the real ones in both directions). */
function sequentialIds() {
  return {
    store: (inner: TaskStore) => {
      const outer = new Map<string, string>();
      const real = new Map<string, string>();
      const rename = (r: TaskRecord): TaskRecord => {
        if (!outer.has(r.taskId)) {
          const id = `task-${outer.size + 1}`;
          outer.set(r.taskId, id);
          real.set(id, r.taskId);
        }
        return { ...r, taskId: outer.get(r.taskId)! };
      };
      const back = (id: string) => real.get(id) ?? id;
      return new DelegatingStore(
        inner,
        {
          get: (s, o, id) => s.get(o, back(id)),
          updateStatus: (s, o, id, u) => s.updateStatus(o, back(id), u),
          setVariables: (s, o, id, p) => s.setVariables(o, back(id), p),
          complete: (s, o, id, i) => s.complete(o, back(id), i),
          getResult: (s, o, id) => s.getResult(o, back(id)),
          cancel: (s, o, id, m) => s.cancel(o, back(id), m),
        },
        rename,
      );
    },
  };
}

/**
 * The server goes away as soon as it has answered a tasks/cancel of a running task, like a server
 * whose cancelled work then throws (test/conformance/subjects/crashy.ts): in-process, it closes.
 */
function diesAfterCancel(): DefectSeam {
  let stop: (() => Promise<void>) | undefined;
  const seam = onResult('tasks/cancel', (result) => {
    if (result.status === 'cancelled') setTimeout(() => void stop?.(), 0).unref();
  });
  return { ...seam, started: (s) => (stop = s) };
}

export const MORE_DEFECTS: ProtocolDefect[] = [
  {
    id: 'life.dies-after-cancel',
    area: 'lifecycle',
    level: 'MUST',
    description: 'the server goes away right after it answers a legal tasks/cancel of a running task (R68)',
    expected: ['server.alive'],
    setup: ['cancel.working'],
    seam: diesAfterCancel,
  },
  {
    id: 'create.sequential-ids',
    area: 'lifecycle',
    level: 'MUST',
    description: 'task IDs are task-1, task-2, ... (guessable, R79)',
    expected: ['create.unguessable-ids'],
    seam: sequentialIds,
  },
  {
    id: 'create.late-response',
    area: 'lifecycle',
    level: 'SHOULD',
    description: 'the CreateTaskResult comes 1.6 s late (R16 SHOULD at once)',
    expected: ['create.returns-promptly'],
    seam: () =>
      wire(() => ({
        outgoing: async (m) =>
          m.result !== undefined && typeof m.result === 'object' && m.result !== null && 'task' in m.result
            ? (await new Promise((r) => setTimeout(r, 1_600)), m)
            : m,
      })),
  },
  {
    id: 'input.delivered-twice',
    area: 'input_required',
    level: 'MUST',
    description: 'the side-channel elicitation/create is sent twice (R51)',
    expected: ['input.delivered-once'],
    seam: () =>
      wire(() => ({
        outgoing: (m, io) => (
          m.method === 'elicitation/create' && m.id !== undefined && void io.toClient(structuredClone(m) as never).catch(() => {}),
          m
        ),
      })),
  },
  // The kit's answer (a form filled from the requestedSchema) must reach the tool as sent. (A server
  // that takes an answer not matching its requestedSchema is no defect here: no Tasks rule asks the
  // server to validate it, and the kit checks its answers before sending, so it never sends one.)
  {
    id: 'input.answer-content-dropped',
    area: 'input_required',
    level: 'MUST',
    description: "the side channel keeps the requestor's accept but drops its content: the tool never sees the answer (R41)",
    expected: ['input.result-after-answer'],
    seam: () =>
      wire(() => ({
        incoming: (m) =>
          m.method === undefined && isObject(m.result) && m.result.action === 'accept' ? { ...m, result: { ...m.result, content: {} } } : m,
      })),
  },
  {
    id: 'err.expired-internal',
    area: 'errors',
    level: 'MUST',
    description: 'tasks/get of an expired task answers -32603 instead of -32602 (R71)',
    expected: ['ttl.expired-task'],
    seam: () => {
      const seen = new Set<string>();
      return wrapStore({
        get: (inner, owner, id) =>
          inner.get(owner, id).then(
            (r) => (seen.add(id), r),
            (e: unknown) => {
              throw isTasksError(e, 'TASK_NOT_FOUND') && seen.has(id) ? new Error('expired') : e;
            },
          ),
      });
    },
  },
  {
    id: 'result.failed-no-message',
    area: 'lifecycle',
    level: 'SHOULD',
    description: 'tasks/get of a failed task has no statusMessage (R75)',
    expected: ['result.failed-status-message'],
    seam: () => onResult('tasks/get', (r) => void (r.status === 'failed' && delete r.statusMessage)),
  },
  {
    id: 'notify.related-meta',
    area: 'notifications',
    level: 'SHOULD',
    description: 'status notifications carry a related-task _meta (R59)',
    expected: ['notify.no-related-meta'],
    seam: () => onNotification('notifications/tasks/status', (p) => void (p._meta = { [RELATED]: { taskId: p.taskId } })),
  },
  {
    id: 'poll.related-meta-in-get',
    area: 'lifecycle',
    level: 'SHOULD',
    description: 'tasks/get results carry a related-task _meta (R55)',
    expected: ['poll.no-related-meta'],
    seam: () => onResult('tasks/get', (r) => void (r._meta = { [RELATED]: { taskId: r.taskId } })),
  },
  {
    id: 'poll.interval-text',
    area: 'lifecycle',
    level: 'MUST',
    description: 'pollInterval is sent as the text "100ms" (schema: an integer, R31)',
    expected: ['poll.poll-interval'],
    setup: ['poll.get-flat-task'],
    seam: () => onResult('tasks/get', (r) => void (r.pollInterval !== undefined && (r.pollInterval = `${String(r.pollInterval)}ms`))),
  },
  {
    id: 'iso.list-by-session',
    area: 'isolation',
    level: 'MUST',
    description: 'tasks/list (only) takes the owner from the session although a bearer token is present (R76, R63)',
    expected: ['iso.same-owner-sessions'],
    seam: () =>
      wire(() => ({
        incoming: (m, _io, extra) => (m.method === 'tasks/list' && extra && delete (extra as { authInfo?: unknown }).authInfo, m),
      })),
  },
  {
    id: 'page.one-huge-page',
    area: 'pagination',
    level: 'SHOULD',
    description: 'tasks/list returns every task in one page (R60)',
    expected: ['list.paginates'],
    seam: () =>
      wrapStore({
        list: async (inner, owner) => {
          const tasks: TaskRecord[] = [];
          let cursor: string | undefined;
          do {
            const page = await inner.list(owner, cursor ? { cursor } : {});
            tasks.push(...page.tasks);
            cursor = page.nextCursor;
          } while (cursor && tasks.length < 10_000);
          return { tasks };
        },
      }),
  },
];
