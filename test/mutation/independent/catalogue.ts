/**
 * Independent defect catalogue (issue 20 item 4): plausible slips a developer of this server could
 * make, written from the library code and the specs alone (not from the conformance kit), each as
 * one text replacement in the COMPILED output (`dist/src/...js`, tsc's faithful copy of src/).
 * `run.ts` plants each one in a copy of dist/, serves the reference server from it and runs the
 * unpatched kit against it. Every defect says how a client would notice it over the wire.
 *
 * This file: the 2026 leg and the side channel; catalogue-more.ts: quotas and caps, expiry, others;
 * catalogue-sessions.ts: HTTP sessions; catalogue-clients.ts: requestors (the requestor kit judges).
 */
import { MORE_DEFECTS } from './catalogue-more.js';
import { CLIENT_DEFECTS } from './catalogue-clients.js';
import { SESSION_DEFECTS } from './catalogue-sessions.js';

export type DefectArea = '2026-leg' | 'side-channel' | 'quotas-caps' | 'expiry' | 'sessions' | 'clients' | 'other';

/** The client programs the requestor kit runs (test/interop/clients, test/conformance/client). */
export type ClientProgram = 'sdk' | 'ext-tasks' | 'sdk-receiver';

export interface Defect {
  /** Stable name. */
  id: string;
  area: DefectArea;
  /**
   * Compiled file, relative to the repository root: `dist/src/...js` (the server), or for a client
   * defect a file of an installed package (`node_modules/<package>/...js`).
   */
  file: string;
  /** Exact text that occurs exactly once in `file`. */
  find: string;
  replace: string;
  /** The mistake, in one sentence. */
  what: string;
  /** How a client would notice it, in one sentence. */
  observable: string;
  /** Spec rules the defect breaks, when any (R.. of 2025-11-25, T:... for 2026-07-28 tasks.md). */
  rules?: string[];
  /**
   * 'SHOULD' when every rule the defect breaks is a SHOULD (or weaker): a kit at the right level
   * can only warn about it, so a warning is its catch. Default MUST: only a failing check is.
   */
  level?: 'SHOULD';
  /** Flags the reference server needs for the defect to be reachable (e.g. `--stateless`). */
  serverArgs?: string[];
  /** A requestor defect: the client program the requestor kit runs with the patched package. */
  client?: ClientProgram;
  /**
   * Why no check can tell this defect from a correct server on the wire (no rule it breaks, or
   * only past limits a kit run does not reach): it is still run and reported, but left out of
   * the ratio `npm run mutation` holds to 90 %.
   */
  unobservable?: string;
}

const WIRE26 = 'dist/src/server/v2026/wire.js';
const PROTO26 = 'dist/src/server/v2026/protocol.js';
const INPUT26 = 'dist/src/server/v2026/store-input-channel.js';
const CHANNEL = 'dist/src/stores/input-channel.js';

const LEG_2026: Defect[] = [
  {
    id: 'w26-iserror-as-failed',
    area: '2026-leg',
    file: WIRE26,
    find: "if (outcome?.type === 'result')",
    replace: "if (outcome?.type === 'result' && record.status === 'completed')",
    what: 'tasks/get picks the inlined outcome by the stored status, so a tool result with isError (stored failed for the 2025 wire) is shown as failed with a made-up error.',
    observable:
      'a task whose tool returned isError: true (failing_job) ends `failed` with an `error` instead of `completed` with `result.isError`.',
    rules: ['T: failed MUST NOT be used for non-JSON-RPC errors'],
  },
  {
    id: 'w26-ttl-field-name',
    area: '2026-leg',
    file: WIRE26,
    find: 'ttlMs: record.ttl,',
    replace: 'ttl: record.ttl,',
    what: 'the 2026 task copies the 2025 field name `ttl` instead of `ttlMs`.',
    observable: 'CreateTaskResult and tasks/get carry `ttl` and lack the required `ttlMs`.',
    rules: ['T: Task.ttlMs'],
  },
  {
    id: 'w26-no-input-requests',
    area: '2026-leg',
    file: WIRE26,
    find: "return { ...baseTask(record, 'input_required', pollIntervalMs), inputRequests };",
    replace: "return baseTask(record, 'input_required', pollIntervalMs);",
    what: 'the input_required branch returns the bare task and forgets the inlined questions.',
    observable: 'tasks/get of a task waiting for input says input_required but has no `inputRequests`, so the client cannot answer.',
    rules: ['T: tasks/get MUST include inputRequests'],
  },
  {
    id: 'w26-create-result-type',
    area: '2026-leg',
    file: WIRE26,
    find: "return { resultType: 'task', ...baseTask(record, status, pollIntervalMs) };",
    replace: "return { resultType: 'complete', ...baseTask(record, status, pollIntervalMs) };",
    what: "the CreateTaskResult is tagged resultType 'complete' (copied from the tasks/get result).",
    observable: "a tools/call that created a task answers resultType 'complete', so the client takes the task handle for a CallToolResult.",
    rules: ['T: MUST set resultType "task" on CreateTaskResult'],
  },
  {
    id: 'w26-error-whole-outcome',
    area: '2026-leg',
    file: WIRE26,
    find: "error: outcome?.type === 'error' ? outcome.error :",
    replace: "error: outcome?.type === 'error' ? outcome :",
    what: 'the failed task inlines the stored outcome wrapper instead of the JSON-RPC error inside it.',
    observable:
      'a failed task (protocol_error_job) shows `error: { type, error: { code, message } }` without a top-level code and message.',
    rules: ['T: failed tasks MUST include the JSON-RPC error'],
  },
  {
    id: 'w26-capability-error-not-thrown',
    area: '2026-leg',
    file: PROTO26,
    find: '        throw tasksCapabilityMissing();',
    replace: '        tasksCapabilityMissing();',
    what: 'requireTasksExtension builds the -32021 error but forgets to throw it.',
    observable:
      'tasks/get, tasks/update and tasks/cancel from a client without the extension are served (or answer -32602) instead of -32021.',
    rules: ['T: -32021 MUST for non-declaring tasks/* requests'],
  },
  {
    id: 'w26-required-capabilities-shape',
    area: '2026-leg',
    file: PROTO26,
    find: '{ requiredCapabilities: { ...TASKS_REQUIRED_CAPABILITIES } }',
    replace: '{ requiredCapabilities: { ...TASKS_REQUIRED_CAPABILITIES.extensions } }',
    what: 'the -32021 data names the extension directly under requiredCapabilities, without the `extensions` level.',
    observable:
      '-32021 errors carry data.requiredCapabilities["io.modelcontextprotocol/tasks"] instead of data.requiredCapabilities.extensions[...].',
    rules: ['T: -32021 indicating the required extension'],
  },
  {
    id: 'w26-capabilities-remembered',
    area: '2026-leg',
    file: PROTO26,
    find: "    const capabilities = envelope?.[CLIENT_CAPABILITIES_META_KEY];\n    return typeof capabilities === 'object' && capabilities !== null ? capabilities : undefined;\n}",
    replace:
      "    const capabilities = envelope?.[CLIENT_CAPABILITIES_META_KEY];\n    if (typeof capabilities === 'object' && capabilities !== null)\n        knownCapabilities = { ...knownCapabilities, ...capabilities };\n    return knownCapabilities;\n}\nlet knownCapabilities;",
    what: 'per-request client capabilities are merged into what earlier requests declared, as a 2025 session would keep them.',
    observable: 'after one request declared the extension, a request that does not declare it still gets a CreateTaskResult and no -32021.',
    rules: ['T: MUST NOT return CreateTaskResult to a client that did not include the capability, regardless of prior declarations'],
  },
  {
    id: 'w26-unknown-key-crash',
    level: 'SHOULD',
    area: '2026-leg',
    file: INPUT26,
    find: '                    side.ignored(record.owner, record.taskId, key);\n                    continue;\n',
    replace: '                    side.ignored(record.owner, record.taskId, key);\n',
    what: 'a key that is not outstanding is logged but not skipped, so its answer is then checked against an undefined question.',
    observable: 'tasks/update with an unknown or already answered key fails with -32603 instead of acking and ignoring it.',
    rules: ['T: SHOULD ignore inputResponses for keys not outstanding'],
  },
  {
    id: 'w26-first-input-request-only',
    area: '2026-leg',
    file: INPUT26,
    find: "                if (isValid2026('InputRequest', question))\n                    out[key] = question;",
    replace:
      "                if (isValid2026('InputRequest', question)) {\n                    out[key] = question;\n                    break;\n                }",
    what: 'inputRequests stops after the first question, as if a task asked one thing at a time (the 2025 carrier does).',
    observable: 'a task with two outstanding questions (multi_input) shows one key in inputRequests; the second is never asked.',
    rules: ['T: inputRequests MUST contain all outstanding requests'],
  },
  {
    id: 'w26-cancel-ended-refused',
    level: 'SHOULD',
    area: '2026-leg',
    file: 'dist/src/stores/base.js',
    find: "(current) => new TaskTerminalError(taskId, current.status, 'cancel task')",
    replace: "(current) => new InvalidTransitionError(taskId, current.status, 'cancelled')",
    what: "cancel's refusal is copied from complete(): an ended task gives INVALID_TRANSITION instead of TASK_TERMINAL.",
    observable: 'on the 2026 wire tasks/cancel of a task that already ended answers -32602 instead of the empty ack.',
    rules: ['T: tasks/cancel MUST acknowledge'],
  },
];

const SIDE_CHANNEL: Defect[] = [
  {
    id: 'sc-key-reuse',
    area: 'side-channel',
    file: CHANNEL,
    find: 'const key = String(input.issued + 1);',
    replace: 'const key = String(Object.keys(input.requests).length + 1);',
    what: "a question's key is the number of outstanding questions plus one, so keys repeat once earlier ones are answered.",
    observable:
      'the second question of ask_forever goes out under the same input key as the first (2025 `_meta` input-key, 2026 inputRequests key), so a client deduplicating by key drops it.',
    rules: ['T: keys MUST be unique over the lifetime of a task'],
  },
  {
    id: 'sc-answered-still-open',
    level: 'SHOULD',
    area: 'side-channel',
    file: CHANNEL,
    find: 'const requests = without(input.requests, accepted);',
    replace: 'const requests = input.requests;',
    what: 'an answer is stored but its question is not removed from the outstanding ones.',
    observable:
      'after an answer the question is still in inputRequests (and asked again on the 2025 wire) and the task stays input_required.',
    rules: ['R50', 'T: partial answers leave only the other keys outstanding'],
  },
  {
    id: 'sc-settle-wrong-status',
    level: 'SHOULD',
    area: 'side-channel',
    file: CHANNEL,
    find: "current.status === 'input_required') {",
    replace: "current.status === 'working') {",
    what: 'settling compares with the wrong status, so the last answer never moves the task back to working.',
    observable: 'after the last question is answered the task stays input_required (with no question) until it ends.',
    rules: ['R50'],
  },
  {
    id: 'sc-held-not-cleared',
    area: 'side-channel',
    file: 'dist/src/server/v2025/input-carrier.js',
    find: '.then(async (end) => {\n            this.#held.delete(slot);\n',
    replace: '.then(async (end) => {\n',
    what: 'the carrier forgets to drop a question from its set of carried questions when the stream ends.',
    observable:
      'once a tasks/result stream carrying a question is closed unanswered, no later tasks/result or tasks/get delivers that question again.',
    rules: ['R51', 'A10'],
  },
  {
    id: 'sc-get-delivery-never-ends',
    area: 'side-channel',
    file: 'dist/src/server/v2025/task-methods.js',
    find: '            setImmediate(() => answered.abort());\n',
    replace: '',
    what: 'the delivery of a question on a tasks/get response is never ended after the response, so its claim is never released.',
    observable: 'a question offered on a tasks/get and not answered there is never carried again by tasks/result; the task waits forever.',
    rules: ['R51', 'A10'],
  },
  {
    id: 'sc-late-answer-ignored',
    level: 'SHOULD',
    area: 'side-channel',
    file: 'dist/src/server/v2025/wire-answers.js',
    find: '    if (!asked) {',
    replace: '    if (!asked || asked.claim === undefined) {',
    what: 'an answer is taken only while a stream still holds its question.',
    observable:
      'an answer sent after the carrying stream ended (or to a question received on tasks/get) is ignored and the task keeps waiting.',
    rules: ['R50', 'A10'],
  },
  {
    id: 'sc-error-answer-code-lost',
    area: 'side-channel',
    file: 'dist/src/server/core/context.js',
    find: 'throw JsonRpcError.from(answer.error);',
    replace: 'throw new Error(answer.error.message);',
    what: "the requestor's JSON-RPC error answer reaches the work as a plain Error, losing its code and data.",
    observable: 'when the client answers an elicitation with a JSON-RPC error, the task fails with -32603 instead of that error.',
    rules: ['R42'],
  },
  {
    id: 'sc-malformed-answer-accepted',
    area: 'side-channel',
    file: 'dist/src/server/v2025/wire-answers.js',
    find: 'if (problem === undefined && isPlainObject(result))',
    replace: 'if (problem === undefined || isPlainObject(result))',
    what: 'any object result is taken as a valid answer even when the schema check found it malformed.',
    observable:
      'a malformed elicitation result (e.g. an unknown action) is handed to the tool instead of failing the question with -32602.',
    unobservable: `no rule asks a receiver to refuse a malformed elicitation result: the tool getting what the client sent is allowed (the project's own catalogue reads it the same way), and ask_input answers an unknown action with isError either way`,
  },
  {
    id: 'sc-answer-owner-session',
    level: 'SHOULD',
    area: 'side-channel',
    file: 'dist/src/server/v2025/with-tasks.js',
    find: 'ownerOf({ authInfo: extra?.authInfo, sessionId: transport.sessionId })',
    replace: 'ownerOf({ sessionId: transport.sessionId })',
    what: 'the owner of an answer to a carried question is taken from the session only, dropping the bearer identity.',
    observable:
      'with bearer tokens every answer to a carried question is ignored (its owner does not own the task); ask_input never completes.',
    rules: ['R76', 'R50'],
  },
];

/** Every defect, in run order. */
export const DEFECTS: readonly Defect[] = [...LEG_2026, ...SIDE_CHANNEL, ...MORE_DEFECTS, ...SESSION_DEFECTS, ...CLIENT_DEFECTS];
