/** The rest of the independent defect catalogue (catalogue.ts): quotas and caps, expiry, others. */
import type { Defect } from './catalogue.js';

const MEMORY = 'dist/src/stores/memory.js';
const BASE = 'dist/src/stores/base.js';
const ENGINE = 'dist/src/server/core/engine.js';
const METHODS25 = 'dist/src/server/v2025/task-methods.js';

const QUOTAS: Defect[] = [
  {
    id: 'q-active-off-by-one', level: 'SHOULD', area: 'quotas-caps', file: MEMORY,
    find: '            if (tasks.active.size >= maxActive)\n                throw new QuotaExceededError(maxActive);',
    replace: '            if (tasks.active.size > maxActive)\n                throw new QuotaExceededError(maxActive);',
    what: 'the active-task quota refuses only above the limit instead of at it.',
    observable: 'with --max-tasks-per-owner 5 a sixth concurrently active task is accepted.',
    rules: ['R38'],
  },
  {
    id: 'q-ended-still-active', level: 'SHOULD', area: 'quotas-caps', file: MEMORY,
    find: '        if (isTerminal(next.status))\n            tasks.active.delete(taskId);',
    replace: "        if (next.status === 'completed')\n            tasks.active.delete(taskId);",
    what: 'only completed tasks leave the active set; failed and cancelled ones keep their quota slot until they expire.',
    observable: 'after five cancelled or failed tasks a requestor with nothing running gets QUOTA_EXCEEDED (-32000) on create.',
    rules: ['R38'],
  },
  {
    id: 'q-ttl-not-clamped', level: 'SHOULD', area: 'quotas-caps', file: 'dist/src/security.js',
    find: 'config.maxTtlMs === null ? requested',
    replace: 'config.maxTtlMs !== null ? requested',
    what: 'the null check of the maximum TTL is inverted, so a configured maximum never clamps.',
    observable: 'a task created with ttl 10^9 against --max-ttl-ms 60000 reports ttl 10^9.',
    rules: ['R34', 'R38'],
  },
  {
    id: 'q-stored-cap-off-by-one', level: 'SHOULD', area: 'quotas-caps', file: MEMORY,
    find: 'tasks.byId.size + 1 > maxTasks',
    replace: 'tasks.byId.size > maxTasks',
    what: 'the stored-task cap counts the stored tasks without the one being created.',
    observable: 'an owner can store one task more than maxStoredTasksPerOwner (1001 finished tasks with the defaults) before STORAGE_EXHAUSTED.',
    rules: ['R38'],
  },
  {
    id: 'q-request-size-cap', level: 'SHOULD', area: 'quotas-caps', file: BASE,
    find: "sizedCopyLimited(params, 'Request params', this.security.maxRequestBytes)",
    replace: "sizedCopyLimited(params, 'Request params', this.security.maxResultBytes)",
    what: 'request params are measured against the result size limit (1 MiB) instead of the request limit (256 KiB).',
    observable: 'a task-augmented tools/call with 300 KiB of arguments creates a task instead of answering -32602 (payload too large).',
    rules: ['R38'],
  },
  {
    id: 'q-rate-refill-slow', level: 'SHOULD', area: 'quotas-caps', file: 'dist/src/server/core/rate-limit.js',
    find: 'bucket.tokens + (now - bucket.at) * this.#perMs',
    replace: 'bucket.tokens + ((now - bucket.at) / 1000) * this.#perMs',
    what: 'the refill converts milliseconds to seconds although the rate is already per millisecond.',
    observable: 'a requestor that used its burst (200 operations with --rate-limit 100) gets RATE_LIMITED for minutes while sending far below 100 per second.',
    rules: ['R81'],
  },
  {
    id: 'q-rate-never-limits', level: 'SHOULD', area: 'quotas-caps', file: 'dist/src/server/core/rate-limit.js',
    find: 'Math.min(this.#burst,',
    replace: 'Math.max(this.#burst,',
    what: 'the bucket is capped from below instead of above, so it never runs empty.',
    observable: 'a requestor flooding thousands of task operations per second is never refused.',
    rules: ['R81'],
  },
];

const EXPIRY: Defect[] = [
  {
    id: 'exp-get-ignores-expiry', area: 'expiry', file: BASE,
    find: 'record.owner !== owner || isExpired(record, now)',
    replace: 'record.owner !== owner',
    what: 'get forgets the read-time expiry rule.',
    observable: 'a task whose ttl elapsed still answers tasks/get and tasks/result (until the periodic cleanup) while tasks/list no longer shows it.',
    rules: ['R63', 'R36'],
  },
  {
    id: 'exp-list-shows-expired', level: 'SHOULD', area: 'expiry', file: MEMORY,
    find: 'if (byId.get(entry.record.taskId) !== entry || isExpired(entry.record, now))',
    replace: 'if (byId.get(entry.record.taskId) !== entry)',
    what: 'list pages skip deleted entries but not expired ones.',
    observable: 'tasks/list keeps listing tasks past their ttl that tasks/get reports as not found.',
    rules: ['R36'],
  },
  {
    id: 'exp-sliding-ttl', level: 'SHOULD', area: 'expiry', file: MEMORY,
    find: '        if (patch.lastUpdatedAt !== undefined)\n            next.lastUpdatedAt = patch.lastUpdatedAt;',
    replace: '        if (patch.lastUpdatedAt !== undefined) {\n            next.lastUpdatedAt = patch.lastUpdatedAt;\n            if (current.ttl !== null)\n                next.expiresAt = patch.lastUpdatedAt + current.ttl;\n        }',
    what: 'the TTL is counted from the last update instead of from creation.',
    observable: 'a task updated (e.g. completed) shortly before its ttl elapsed is still readable well after createdAt + ttl.',
    rules: ['R36'],
  },
  {
    id: 'exp-timer-absolute', area: 'expiry', file: ENGINE,
    find: '            expiresInMs: record.ttl,',
    replace: '            expiresInMs: record.expiresAt,',
    what: "the execution's expiry delay is given the absolute expiry instant, which exceeds the timer range, so no expiry timer is set.",
    observable: 'a task whose ttl elapses while it runs is not stopped: a blocked tasks/result keeps waiting instead of answering -32602 at expiry.',
    rules: ['R36', 'R38'],
  },
  {
    id: 'exp-retired-no-wake', area: 'expiry', file: ENGINE,
    find: '            this.#waiters.wake(execution.taskId);\n',
    replace: '',
    what: "a retiring execution does not wake the task's waiters (no write announces an expiry).",
    observable: 'a tasks/result blocked on a task that expires mid-run never answers.',
    rules: ['R36', 'R40'],
  },
  {
    id: 'exp-expired-keep-quota', level: 'SHOULD', area: 'expiry', file: MEMORY,
    find: 'if (!entry || isExpired(entry.record, now))',
    replace: 'if (!entry)',
    what: 'the quota check no longer prunes expired tasks from the active set.',
    observable: 'a requestor whose five tasks expired while working is refused new tasks (QUOTA_EXCEEDED) until the periodic cleanup runs.',
    rules: ['R38'],
  },
];

const OTHER: Defect[] = [
  {
    id: 'list-cursor-not-owner-bound', area: 'other', file: 'dist/src/cursor.js',
    find: ".update(owner).update('\\0')",
    replace: ".update('\\0')",
    what: 'the cursor MAC leaves the owner out.',
    observable: "B's tasks/list accepts a cursor that A received instead of answering -32602.",
    rules: ['R64'],
  },
  {
    id: 'list-cursor-seconds', area: 'other', file: 'dist/src/cursor.js',
    find: 'JSON.stringify([position, this.clock.now()])',
    replace: 'JSON.stringify([position, Math.floor(this.clock.now() / 1000)])',
    what: "the cursor's issue time is written in seconds but checked in milliseconds.",
    observable: 'every nextCursor is refused as expired (-32602), so no page after the first can be listed.',
    rules: ['R61'],
  },
  {
    id: 'list-page-duplicate', level: 'SHOULD', area: 'other', file: MEMORY,
    find: 'if (order[mid].seq <= seq)',
    replace: 'if (order[mid].seq < seq)',
    what: 'the binary search for the page start includes the position the cursor names.',
    observable: 'with more tasks than one page (50), the last task of a page is listed again first on the next page.',
    rules: ['R60'],
  },
  {
    id: 'cancel-any-status', area: 'other', file: BASE,
    find: 'this.#write(owner, taskId, INTO_CANCELLED, patch,',
    replace: 'this.#write(owner, taskId, TASK_STATUSES, patch,',
    what: 'cancel is allowed from every status, terminal ones included.',
    observable: 'tasks/cancel of a completed task succeeds and turns it cancelled instead of -32602.',
    rules: ['R66', 'R22'],
  },
  {
    id: 'result-waits-unless-completed', area: 'other', file: ENGINE,
    find: '                if (isTerminal(task.status))\n                    return task;',
    replace: "                if (task.status === 'completed')\n                    return task;",
    what: "the task-as-it-changes generator ends only at 'completed'.",
    observable: 'tasks/result of a failed or cancelled task never answers.',
    rules: ['R39', 'R40'],
  },
  {
    id: 'result-error-masked', area: 'other', file: METHODS25,
    find: 'throw WireError.from(outcome.error);',
    replace: 'throw this.guard.wire(outcome.error);',
    what: "the stored JSON-RPC error goes through the library's error mapping, which hides foreign errors as internal ones.",
    observable: 'tasks/result of a task failed with a JSON-RPC error (throw_error) answers -32603 "Internal error" instead of that error.',
    rules: ['R42'],
  },
  {
    id: 'result-no-related-meta', area: 'other', file: METHODS25,
    find: 'return { ...outcome.result, _meta: { ...meta, [RELATED_TASK_META_KEY]: { taskId } } };',
    replace: 'return outcome.result;',
    what: 'tasks/result returns the stored result as it is.',
    observable: 'tasks/result lacks _meta["io.modelcontextprotocol/related-task"].',
    rules: ['R44'],
  },
  {
    id: 'notif-related-meta', level: 'SHOULD', area: 'other', file: 'dist/src/server/core/execution.js',
    find: "params: toWireTask(task) });",
    replace: "params: { ...toWireTask(task), _meta: { 'io.modelcontextprotocol/related-task': { taskId: task.taskId } } } });",
    what: 'status notifications are tagged with related-task metadata like every other task message.',
    observable: 'notifications/tasks/status carry _meta["io.modelcontextprotocol/related-task"].',
    rules: ['R59'],
  },
  {
    id: 'notif-terminal-lost', area: 'other', file: ENGINE,
    find: "        if (execution.observe(task) && task.status !== 'cancelled') {\n            this.logger({ event: isTerminal(task.status) ? `task.${task.status}` : 'task.status', owner, taskId: task.taskId, status: task.status });\n        }\n        if (isTerminal(task.status))\n            execution.retire({ type: 'terminal', status: task.status, endedElsewhere });",
    replace: "        if (isTerminal(task.status))\n            execution.retire({ type: 'terminal', status: task.status, endedElsewhere });\n        if (execution.observe(task) && task.status !== 'cancelled') {\n            this.logger({ event: isTerminal(task.status) ? `task.${task.status}` : 'task.status', owner, taskId: task.taskId, status: task.status });\n        }",
    what: 'a terminal change retires the execution before it is observed, and a retired execution sends nothing.',
    observable: 'no notifications/tasks/status is sent when a task completes, fails or is cancelled.',
    rules: ['R57'],
  },
  {
    id: 'progress-after-terminal', area: 'other', file: 'dist/src/server/core/context.js',
    find: 'if (this.#terminal || this.progressToken === undefined)',
    replace: 'if (this.progressToken === undefined)',
    what: 'progress no longer checks whether the task has ended.',
    observable: 'late_progress keeps sending notifications/progress on the original token after its task completed.',
    rules: ['R24'],
  },
  {
    id: 'iso-session-before-auth', area: 'other', file: 'dist/src/owner.js',
    find: '    const auth = source?.authInfo;\n    if (auth) {',
    replace: '    const auth = source?.authInfo;\n    if (source?.sessionId)\n        return `session:${source.sessionId}`;\n    if (auth) {',
    what: 'the transport session wins over the bearer identity when resolving the owner.',
    observable: "a task created in one session of identity A is not found from A's other sessions, nor over the 2026 wire.",
    rules: ['R76'],
  },
  {
    id: 'wire-last-updated-is-created', area: 'other', file: 'dist/src/record.js',
    find: 'lastUpdatedAt: new Date(record.lastUpdatedAt).toISOString(),',
    replace: 'lastUpdatedAt: new Date(record.createdAt).toISOString(),',
    what: 'the 2025 wire task copies createdAt into lastUpdatedAt.',
    observable: 'on the 2025 wire lastUpdatedAt never moves: a task that completed seconds later still reports lastUpdatedAt = createdAt.',
    rules: ['R33', 'A7'],
  },
];

export const MORE_DEFECTS: readonly Defect[] = [...QUOTAS, ...EXPIRY, ...OTHER];
