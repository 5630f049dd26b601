/**
 * Defects planted in the task store under the reference server (a DelegatingStore around the
 * real one): owner isolation, lifecycle, TTL, pagination, timestamps, quota, input_required.
 */
import { wrapStore, type RecordView, type StoreOverrides } from './seams.js';
import { isTasksError, QuotaExceededError, TaskNotFoundError, type Owner, type TaskRecord, type TaskStore } from '../../src/index.js';
import { isObject, type ProtocolDefect } from './protocol-wire.js';

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** Overrides that also learn each task's owner and each cursor's issuer. */
function knowing(make: (owners: Map<string, Owner>, cursors: Map<string, Owner>) => StoreOverrides, view?: RecordView) {
  return () => {
    const owners = new Map<string, Owner>();
    const cursors = new Map<string, Owner>();
    const over = make(owners, cursors);
    return wrapStore(
      {
        ...over,
        create: async (inner, owner, input) => {
          const record = await (over.create ? over.create(inner, owner, input) : inner.create(owner, input));
          owners.set(record.taskId, owner);
          return record;
        },
        list: async (inner, owner, options) => {
          const page = await (over.list ? over.list(inner, owner, options) : inner.list(owner, options));
          if (page.nextCursor) cursors.set(page.nextCursor, owner);
          return page;
        },
      },
      view,
    );
  };
}

const realOwner = (owners: Map<string, Owner>, owner: Owner, taskId: string) => owners.get(taskId) ?? owner;
const requestedTtl = (r: TaskRecord): unknown => (isObject(r.request.params.task) ? r.request.params.task.ttl : undefined);

/** A store where a cancelled task accepts a late completion (overlaid on reads). */
function completionAfterCancel() {
  const late = new Map<string, TaskRecord>();
  const view: RecordView = (r) => late.get(r.taskId) ?? r;
  return wrapStore(
    {
      complete: async (inner, owner, taskId, input) => {
        try {
          return await inner.complete(owner, taskId, input);
        } catch (error) {
          const current = await inner.get(owner, taskId);
          if (current.status !== 'cancelled') throw error;
          const record = { ...current, status: input.status, outcome: input.outcome, lastUpdatedAt: Date.now() } as TaskRecord;
          late.set(taskId, record);
          return record;
        }
      },
      getResult: async (inner, owner, taskId) => {
        const result = await inner.getResult(owner, taskId);
        const record = late.get(taskId);
        return record ? { task: record, outcome: record.outcome } : result;
      },
    },
    view,
  );
}

/** Quota counted over every owner together (or, with `forever`, never released by finished tasks). */
function badQuota(forever: boolean) {
  return () => {
    const active = new Map<string, Owner>();
    let created = 0;
    return wrapStore({
      create: async (inner: TaskStore, owner, input) => {
        const limit = inner.security.maxActiveTasksPerOwner;
        if (!forever)
          for (const id of active.keys())
            if (
              !(await inner.get(active.get(id)!, id).then(
                (r) => !TERMINAL.has(r.status),
                () => false,
              ))
            )
              active.delete(id);
        if ((forever ? created : active.size) >= limit) throw new QuotaExceededError(limit);
        const record = await inner.create(owner, input);
        created++;
        active.set(record.taskId, owner);
        return record;
      },
    });
  };
}

/**
 * Each task's deletion scheduled with setTimeout(ttl), as the SDK's InMemoryTaskStore does: past
 * 2^31 - 1 ms Node fires the timer after 1 ms, and a 30-day task is gone at once.
 */
function timerExpiry() {
  const lost = new Set<string>();
  const check = (id: string) => {
    if (lost.has(id)) throw new TaskNotFoundError(id);
  };
  return wrapStore({
    create: async (inner, owner, input) => {
      const record = await inner.create(owner, input);
      if (record.ttl !== null) setTimeout(() => lost.add(record.taskId), Math.min(record.ttl, 2 ** 32)).unref();
      return record;
    },
    get: async (inner, owner, id) => (check(id), inner.get(owner, id)),
    getResult: async (inner, owner, id) => (check(id), inner.getResult(owner, id)),
    cancel: async (inner, owner, id, m) => (check(id), inner.cancel(owner, id, m)),
    list: async (inner, owner, options) => {
      const page = await inner.list(owner, options);
      return { ...page, tasks: page.tasks.filter((t) => !lost.has(t.taskId)) };
    },
  });
}

/** Every owner's tasks served to everybody (reads, cancel, the first page of tasks/list), while tasks/list stays declared. */
function sharedAcrossOwners() {
  return knowing((owners) => ({
    get: (inner, owner, id) => inner.get(realOwner(owners, owner, id), id),
    getResult: (inner, owner, id) => inner.getResult(realOwner(owners, owner, id), id),
    cancel: (inner, owner, id, m) => inner.cancel(realOwner(owners, owner, id), id, m),
    list: async (inner, owner, options) => {
      const page = await inner.list(owner, options);
      if (options?.cursor) return page;
      const others = [...new Set(owners.values())].filter((o) => o !== owner);
      return { ...page, tasks: [...page.tasks, ...(await Promise.all(others.map((o) => inner.list(o)))).flatMap((p) => p.tasks)] };
    },
  }))();
}

export const STORE_DEFECTS: ProtocolDefect[] = [
  {
    id: 'iso.get-any-owner',
    area: 'isolation',
    level: 'MUST',
    description: "tasks/get finds another owner's task",
    expected: ['iso.get'],
    seam: knowing((owners) => ({ get: (inner, owner, id) => inner.get(realOwner(owners, owner, id), id) })),
  },
  {
    id: 'iso.result-any-owner',
    area: 'isolation',
    level: 'MUST',
    description: 'reads (tasks/get, tasks/result) ignore the owner',
    expected: ['iso.result'],
    seam: knowing((owners) => ({
      get: (inner, owner, id) => inner.get(realOwner(owners, owner, id), id),
      getResult: (inner, owner, id) => inner.getResult(realOwner(owners, owner, id), id),
    })),
  },
  {
    id: 'iso.cancel-any-owner',
    area: 'isolation',
    level: 'MUST',
    description: "tasks/cancel cancels another owner's task",
    expected: ['iso.cancel'],
    seam: knowing((owners) => ({ cancel: (inner, owner, id, m) => inner.cancel(realOwner(owners, owner, id), id, m) })),
  },
  {
    id: 'iso.list-all-owners',
    area: 'isolation',
    level: 'MUST',
    description: "tasks/list's first page shows every owner's tasks",
    expected: ['iso.list'],
    seam: knowing((owners) => ({
      list: async (inner, owner, options) => {
        const page = await inner.list(owner, options);
        if (options?.cursor) return page;
        const others = [...new Set(owners.values())].filter((o) => o !== owner);
        const extra = (await Promise.all(others.map((o) => inner.list(o)))).flatMap((p) => p.tasks);
        return { ...page, tasks: [...page.tasks, ...extra] };
      },
    })),
  },
  {
    id: 'iso.shared-with-list',
    area: 'isolation',
    level: 'SHOULD',
    description: "every owner's tasks are read, cancelled and listed by everybody, and tasks/list stays declared (R80, R78)",
    expected: ['iso.unbound-list', 'iso.unbound-tasks'],
    seam: sharedAcrossOwners,
  },
  {
    id: 'iso.cursor-unbound',
    area: 'isolation',
    level: 'MUST',
    description: "another owner's cursor is accepted (restarts the caller's own listing, leaking nothing)",
    expected: ['iso.cursor'],
    seam: knowing((_owners, cursors) => ({
      list: (inner, owner, options) =>
        options?.cursor && cursors.has(options.cursor) && cursors.get(options.cursor) !== owner
          ? inner.list(owner, { ...options, cursor: undefined })
          : inner.list(owner, options),
    })),
  },
  {
    id: 'iso.cursor-leaks',
    area: 'isolation',
    level: 'MUST',
    description: "another owner's cursor pages through that owner's tasks",
    expected: ['iso.cursor'],
    seam: knowing((_owners, cursors) => ({
      list: (inner, owner, options) => inner.list((options?.cursor && cursors.get(options.cursor)) || owner, options),
    })),
  },
  {
    id: 'life.cancel-terminal-accepted',
    area: 'lifecycle',
    level: 'MUST',
    description: 'tasks/cancel of a terminal task answers "cancelled" instead of -32602',
    expected: ['cancel.terminal-rejected'],
    seam: () =>
      wrapStore({
        cancel: (inner, owner, id, m) =>
          inner.cancel(owner, id, m).catch(async (e: unknown) => {
            if (!isTasksError(e, 'TASK_TERMINAL')) throw e;
            return { ...(await inner.get(owner, id)), status: 'cancelled' };
          }),
      }),
  },
  {
    id: 'life.cancel-returns-old',
    area: 'lifecycle',
    level: 'MUST',
    description: 'tasks/cancel answers the task as it was before the cancel',
    expected: ['cancel.working'],
    seam: () =>
      wrapStore({
        cancel: async (inner, owner, id, m) => {
          const before = await inner.get(owner, id);
          await inner.cancel(owner, id, m);
          return before;
        },
      }),
  },
  {
    id: 'life.completion-after-cancel',
    area: 'lifecycle',
    level: 'MUST',
    description: 'work that ignores the cancel completes the cancelled task (R68)',
    expected: ['cancel.ignored-abort'],
    seam: completionAfterCancel,
  },
  {
    id: 'life.list-shows-stale-status',
    area: 'lifecycle',
    level: 'MUST',
    description: 'tasks/list shows completed tasks as working (a terminal status changes)',
    expected: ['poll.valid-transitions'],
    setup: ['list.includes-task'],
    seam: () =>
      wrapStore({
        list: async (inner, owner, options) => {
          const page = await inner.list(owner, options);
          return { ...page, tasks: page.tasks.map((t) => (t.status === 'completed' ? { ...t, status: 'working' as const } : t)) };
        },
      }),
  },
  {
    id: 'life.is-error-completed',
    area: 'lifecycle',
    level: 'SHOULD',
    description: 'a tool result with isError leaves the task completed, not failed (R75)',
    expected: ['result.is-error-failed'],
    seam: () =>
      wrapStore({
        complete: (inner, owner, id, input) =>
          inner.complete(
            owner,
            id,
            input.status === 'failed' && input.outcome.type === 'result'
              ? { ...input, status: 'completed', outcome: input.outcome }
              : input,
          ),
      }),
  },
  {
    id: 'ttl.expires-early',
    area: 'ttl',
    level: 'MUST',
    description: 'a task is gone after a quarter of its ttl',
    expected: ['ttl.expired-task'],
    seam: () =>
      wrapStore({
        get: async (inner, owner, id) => {
          const r = await inner.get(owner, id);
          if (r.ttl !== null && Date.now() > r.createdAt + r.ttl / 4) throw new TaskNotFoundError(id);
          return r;
        },
      }),
  },
  {
    id: 'ttl.timer-overflow',
    area: 'ttl',
    level: 'MUST',
    description: "each task's deletion is a setTimeout(ttl): a ttl past 2^31 ms overflows and the task is gone at once",
    expected: ['ttl.long-kept'],
    maxTtlMs: 40 * 24 * 3_600_000,
    seam: timerExpiry,
  },
  {
    id: 'ttl.kept-forever',
    area: 'ttl',
    level: 'SHOULD',
    description: 'expired tasks stay readable (never cleaned up, R38)',
    expected: ['ttl.expired-cleanup'],
    seam: () => {
      const seen = new Map<string, TaskRecord>();
      return wrapStore({
        get: async (inner, owner, id) => {
          try {
            const r = await inner.get(owner, id);
            seen.set(id, r);
            return r;
          } catch (e) {
            const r = seen.get(id);
            if (r && r.owner === owner) return r;
            throw e;
          }
        },
      });
    },
  },
  {
    id: 'ttl.not-clamped',
    area: 'ttl',
    level: 'SHOULD',
    description: 'a ttl above the maximum is reported as granted (R38)',
    expected: ['limit.max-ttl'],
    seam: () =>
      wrapStore({}, (r) => {
        const asked = requestedTtl(r);
        return typeof asked === 'number' && r.ttl !== null && asked > r.ttl ? { ...r, ttl: asked } : r;
      }),
  },
  {
    id: 'page.no-next-cursor',
    area: 'pagination',
    level: 'MUST',
    description: 'tasks/list never returns nextCursor',
    expected: ['list.next-cursor'],
    seam: () => wrapStore({ list: async (inner, owner, options) => ({ tasks: (await inner.list(owner, options)).tasks }) }),
  },
  {
    id: 'page.drops-last-item',
    area: 'pagination',
    level: 'MUST',
    description: 'each page but the last loses its last task',
    expected: ['list.next-cursor'],
    seam: () =>
      wrapStore({
        list: async (inner, owner, options) => {
          const p = await inner.list(owner, options);
          return p.nextCursor ? { ...p, tasks: p.tasks.slice(0, -1) } : p;
        },
      }),
  },
  {
    id: 'page.bad-cursor-restarts',
    area: 'pagination',
    level: 'MUST',
    description: 'an invalid cursor restarts the listing instead of -32602',
    expected: ['list.invalid-cursor'],
    seam: () =>
      wrapStore({
        list: (inner, owner, options) =>
          inner.list(owner, options).catch((e: unknown) => {
            if (!isTasksError(e, 'INVALID_CURSOR')) throw e;
            return inner.list(owner, { ...options, cursor: undefined });
          }),
      }),
  },
  {
    id: 'page.omits-terminal',
    area: 'pagination',
    level: 'MUST',
    description: 'tasks/list leaves out finished tasks (R63)',
    expected: ['list.includes-task'],
    seam: () =>
      wrapStore({
        list: async (inner, owner, options) => {
          const p = await inner.list(owner, options);
          return { ...p, tasks: p.tasks.filter((t) => !TERMINAL.has(t.status)) };
        },
      }),
  },
  {
    id: 'ts.created-at-moves',
    area: 'timestamps',
    level: 'MUST',
    description: 'createdAt follows lastUpdatedAt (changes on every write)',
    expected: ['ts.created-at-stable'],
    seam: () => wrapStore({}, (r) => ({ ...r, createdAt: r.lastUpdatedAt })),
  },
  {
    id: 'ts.last-updated-backwards',
    area: 'timestamps',
    level: 'MUST',
    description: 'a terminal task reports lastUpdatedAt a second before createdAt',
    expected: ['ts.last-updated-monotonic'],
    seam: () => wrapStore({}, (r) => (TERMINAL.has(r.status) ? { ...r, lastUpdatedAt: r.createdAt - 1_000 } : r)),
  },
  {
    id: 'ts.list-stale-updated',
    area: 'timestamps',
    level: 'MUST',
    description: 'tasks/list reports lastUpdatedAt = createdAt (older than tasks/get said)',
    expected: ['ts.last-updated-monotonic'],
    seam: () =>
      wrapStore({
        list: async (inner, owner, options) => {
          const p = await inner.list(owner, options);
          return { ...p, tasks: p.tasks.map((t) => ({ ...t, lastUpdatedAt: t.createdAt })) };
        },
      }),
  },
  {
    id: 'quota.global',
    area: 'quota',
    level: 'SHOULD',
    description: 'the active-task limit counts every owner together (B refused while A is at its limit)',
    expected: ['limit.max-active'],
    seam: badQuota(false),
  },
  {
    id: 'quota.never-released',
    area: 'quota',
    level: 'SHOULD',
    description: 'finished tasks keep their quota slot',
    expected: ['limit.max-active'],
    setup: ['create.unique-ids'],
    seam: badQuota(true),
  },
  // Before each answer a hidden question is stored, so the answer never settles the task back to working.
  {
    id: 'input.stuck',
    area: 'input_required',
    level: 'SHOULD',
    description: 'an answered task stays input_required (R50)',
    expected: ['input.back-to-working'],
    seam: () =>
      wrapStore({
        input: async (inner, owner, id, command) => {
          if (command.type === 'answer')
            await inner.input(owner, id, {
              type: 'ask',
              request: { method: 'elicitation/create', params: { message: 'hidden', requestedSchema: { type: 'object' } } },
            });
          return inner.input(owner, id, command);
        },
      }),
  },
  {
    id: 'input.release-dropped',
    area: 'input_required',
    level: 'MUST',
    description:
      'a question is never given back when the stream that carried it ends (the store drops `release`): a tasks/get delivery takes it away from tasks/result (A10)',
    expected: ['input.asked-again-after-get', 'input.asked-again-after-close'],
    seam: () =>
      wrapStore({
        input: async (inner, owner, id, command) =>
          command.type === 'release' ? { task: await inner.get(owner, id), accepted: [] } : inner.input(owner, id, command),
      }),
  },
  {
    id: 'input.error-answer-reasked',
    area: 'input_required',
    level: 'MUST',
    description:
      'a JSON-RPC error answer counts as "not delivered": the question is asked again at once, a loop with a client that has no handler (A10)',
    expected: ['input.error-answer-once'],
    seam: () =>
      wrapStore({
        input: async (inner, owner, id, command) => {
          if (command.type !== 'answer' || !Object.values(command.responses).every((answer) => 'error' in answer))
            return inner.input(owner, id, command);
          const keys = Object.keys(command.responses);
          const before = (await inner.get(owner, id)).input?.requests ?? {};
          let { task } = await inner.input(owner, id, { type: 'withdraw', keys });
          for (const asked of keys.map((key) => before[key])) {
            if (asked) task = (await inner.input(owner, id, { type: 'ask', request: { method: asked.method, params: asked.params } })).task;
          }
          return { task, accepted: [] };
        },
      }),
  },
  // Every reader (gets, lists, notifications) sees working where the store holds input_required.
  {
    id: 'input.never-input-required',
    area: 'input_required',
    level: 'SHOULD',
    description: 'a task waiting for input stays working (R47)',
    expected: ['input.status'],
    seam: () => wrapStore({}, (r) => (r.status === 'input_required' ? { ...r, status: 'working' } : r)),
  },
];
