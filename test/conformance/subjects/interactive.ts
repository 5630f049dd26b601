#!/usr/bin/env node
/**
 * Subject "interactive": interactive task tools on the SDK 1.32 experimental tasks only
 * (`McpServer` with `taskStore: new InMemoryTaskStore()` and an `InMemoryTaskMessageQueue`, one
 * McpServer per Streamable HTTP session through ./sdk-http.ts, tasks bound to their session).
 *
 * Tools (both `taskSupport: 'required'`, both created with ttl = requested ?? 300000, pollInterval 100):
 * - `confirm_delete {path}` asks the user with a form-mode `elicitation/create`
 *   (requestedSchema `{type:'object', properties:{confirm:{type:'boolean', description}}, required:['confirm']}`),
 *   then completes: accept+confirm:true -> "deleted <path>", accept+confirm:false -> "kept <path>
 *   (not confirmed)", decline -> "the user declined; <path> was not deleted", cancel -> "the user
 *   cancelled; <path> was not deleted". Any other answer (other action, content not exactly
 *   `{confirm: boolean}`, a JSON-RPC error, a timeout) -> task `failed` with an isError result
 *   "confirm_delete: invalid answer: ...". The SDK also validates content against the schema.
 * - `summarize_with_model {text}` asks the client for an LLM completion with
 *   `sampling/createMessage` (one user message, maxTokens 200) and completes with exactly the
 *   returned text; a non-text answer or an error -> `failed` with an isError result.
 * - Without the client capability (`elicitation` / `sampling`) the task is created and fails at once
 *   with an isError result naming it.
 * Side channel, the way the SDK intends it for tasks (as in its simpleTaskInteractive example):
 * `updateTaskStatus(taskId, 'input_required')`, then `mcp.server.elicitInput|createMessage(params,
 * { relatedTask: { taskId } })`: the SDK stamps `_meta["io.modelcontextprotocol/related-task"]`,
 * queues the request and delivers it on the SSE stream of the next `tasks/result` for the task; the
 * client's answer (a POSTed JSON-RPC response, related-task _meta optional) resolves it; then
 * `updateTaskStatus(taskId, 'working')` and `storeTaskResult`. No statusMessage is ever set.
 *
 * BROKEN variant (`broken: true`, `--broken`), ONE planted defect: the task never enters
 * `input_required`. The question still goes out related to the task on the tasks/result stream, but
 * tasks/get says `working` all the while (R47). A client that waits for input_required before calling
 * tasks/result (R49) never sees the question; the task then fails after `answerTimeoutMs`.
 *
 * KNOWN DEVIATIONS (exact wire in KNOWN_DEVIATIONS / BROKEN_DEVIATIONS; verified by interactive.probe.test.ts):
 *   R13 (SDK) a required tool without task -> a successful isError result, not error -32601
 *   R75 (SDK store) a failed task has no statusMessage
 *   tools (SDK) an unknown tool -> a successful isError result, not error -32602
 *   broken only: R47 tasks/get -> `working` while the task's elicitation/sampling request is outstanding
 * CORRECT (must not be flagged; wire in CORRECT below): tasks capability; both tools required;
 *   CreateTaskResult working with the requested ttl; input_required while the question is outstanding
 *   (not in the broken variant); the question on the tasks/result SSE stream with related-task _meta;
 *   the final result with related-task _meta on that same stream; decline/cancel/refusal outcomes;
 *   cancel while input_required stays cancelled; tasks bound to their session; -32602 for unknown
 *   ids and terminal cancels. UNSPECIFIED (A8, A9, A3): see the list below.
 *
 * `node interactive.js --port N [--broken] [--answer-timeout-ms 120000]`; tests call `startInteractive(options)`.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestTaskStore } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import type { Behaviour, Deviation, Unspecified } from './claims.js';
import { serveFromCommandLine, serveSubject, type RegisterTools, type Subject } from './sdk-http.js';

export const KNOWN_DEVIATIONS: Deviation[] = [
  {
    rule: 'R13',
    level: 'MUST',
    what: 'a required tool called without task gets a successful isError result (the SDK wraps its own -32601)',
    wire: 'tools/call {name:"confirm_delete", arguments:{path:"/x"}} -> result {content:[{type:"text", text:"MCP error -32601: Tool confirm_delete requires task augmentation (taskSupport: \'required\')"}], isError:true}',
  },
  {
    rule: 'R75',
    level: 'SHOULD',
    what: 'a failed task carries no statusMessage (the SDK store sets none on storeTaskResult)',
    wire: 'tasks/get of a failed task -> {status:"failed", ...} without statusMessage',
  },
  {
    rule: 'tools',
    level: 'SHOULD',
    what: 'an unknown tool gets a successful isError result, not a -32602 error',
    wire: 'tools/call {name:"nope"} -> result {content:[{type:"text", text:"MCP error -32602: Tool nope not found"}], isError:true}',
  },
];
/** Added by `broken: true`. */
export const BROKEN_DEVIATIONS: Deviation[] = [
  {
    rule: 'R47',
    level: 'SHOULD',
    what: 'the task never enters input_required while its question is outstanding (status is never changed around the side-channel request)',
    wire: 'tools/call confirm_delete {task} -> working; tasks/result streams elicitation/create (with related-task _meta); tasks/get meanwhile -> status "working" (never "input_required"); a client that waits for input_required never calls tasks/result and the task ends failed after answerTimeoutMs',
  },
];
export const CORRECT: Behaviour[] = [
  {
    rule: 'R1',
    what: 'tasks capability declared',
    wire: 'initialize -> capabilities.tasks = {list:{}, cancel:{}, requests:{tools:{call:{}}}}',
  },
  {
    rule: 'R14',
    what: 'both tools are taskSupport "required"',
    wire: 'tools/list -> execution.taskSupport "required" for confirm_delete and summarize_with_model',
  },
  {
    rule: 'R16',
    also: ['R21', 'R35'],
    what: 'CreateTaskResult',
    wire: 'tools/call {task:{ttl:60000}} -> {task:{taskId, status:"working", ttl:60000, pollInterval:100, createdAt, lastUpdatedAt}}',
  },
  {
    rule: 'R47',
    what: 'input_required while the question is outstanding (not in the broken variant)',
    wire: 'tasks/get after creation -> status "input_required" (before and after tasks/result delivered the question)',
  },
  {
    rule: 'R48',
    also: ['R53', 'R51'],
    what: 'the question goes out on the tasks/result SSE stream, related to the task',
    wire: 'tasks/result {taskId} -> SSE: elicitation/create {mode:"form", message, requestedSchema, _meta:{"io.modelcontextprotocol/related-task":{taskId}}} (or sampling/createMessage {messages, maxTokens:200, _meta:{related-task}})',
  },
  { rule: 'R50', what: 'after the answer the task leaves input_required', wire: 'answer POSTed -> tasks/get -> "working" or "completed"' },
  {
    rule: 'R41',
    also: ['R40', 'R44'],
    what: 'the same tasks/result stream ends with the final CallToolResult and related-task _meta',
    wire: '-> {content:[{type:"text", text:"deleted /x"}], _meta:{related-task:{taskId}}}',
  },
  {
    rule: 'R43',
    what: 'decline/cancel complete the task with a text saying so; a refused answer fails it with isError',
    wire: 'decline -> completed "the user declined; /x was not deleted"; {action:"accept", content:{confirm:"yes"}} -> failed, tasks/result {isError:true}',
  },
  {
    rule: 'R68',
    also: ['R67'],
    what: 'cancelling while input_required -> cancelled, and an answer sent afterwards changes nothing',
    wire: 'tasks/cancel -> {status:"cancelled"}; later answer -> tasks/get still "cancelled"',
  },
  {
    rule: 'R77',
    also: ['R65'],
    what: 'tasks bound to their session',
    wire: 'other session: tasks/get {taskId} -> error -32602; tasks/list -> does not list it',
  },
  {
    rule: 'R71',
    also: ['R66'],
    what: 'unknown taskId and terminal cancel -> -32602',
    wire: 'tasks/get|result|cancel {taskId:"nope"} -> -32602; tasks/cancel of a completed task -> -32602',
  },
];
export const UNSPECIFIED: Unspecified[] = [
  {
    ref: 'A8',
    what: 'the answer is accepted with or without related-task _meta',
    wire: 'POST {jsonrpc, id, result} without _meta -> the task goes on with that answer',
  },
  { ref: 'A9', what: 'tasks/result of a cancelled task', wire: '-> error -32603 "Task <id> has no result stored"' },
  {
    ref: 'A3',
    what: 'a client without the needed capability gets a task that fails at once',
    wire: 'tools/call {task} -> CreateTaskResult; tasks/result -> {isError:true, content:[{text:"confirm_delete needs a client with the elicitation capability"}]}',
  },
];

export interface InteractiveOptions {
  /** Plant the defect (see BROKEN_DEVIATIONS). */
  broken?: boolean;
  /** How long a question waits for its answer (default 120000). */
  answerTimeoutMs?: number;
  port?: number;
}

const text = (t: string, isError = false): CallToolResult => ({ content: [{ type: 'text', text: t }], ...(isError && { isError }) });
const unused = async (): Promise<never> => {
  throw new Error('unused: the SDK serves tasks/get and tasks/result from the store');
};
const CONFIRM_SCHEMA = {
  type: 'object' as const,
  properties: { confirm: { type: 'boolean' as const, description: 'true to delete the file for good' } },
  required: ['confirm'],
};

/** The strict reading of the elicitation answer: accept+{confirm:boolean} only, or decline/cancel. */
export function readConfirmation(answer: unknown, path: string): CallToolResult {
  const a = answer as { action?: unknown; content?: unknown };
  if (a?.action === 'decline') return text(`the user declined; ${path} was not deleted`);
  if (a?.action === 'cancel') return text(`the user cancelled; ${path} was not deleted`);
  const content = a?.content as Record<string, unknown> | undefined;
  const exact =
    typeof content === 'object' && content !== null && Object.keys(content).length === 1 && typeof content.confirm === 'boolean';
  if (a?.action !== 'accept' || !exact) return text(`confirm_delete: invalid answer: ${JSON.stringify(answer)}`, true);
  return text(content.confirm ? `deleted ${path}` : `kept ${path} (not confirmed)`);
}

function readCompletion(answer: unknown): CallToolResult {
  const content = (answer as { content?: unknown }).content;
  const blocks = (Array.isArray(content) ? content : [content]) as { type?: unknown; text?: unknown }[];
  const texts = blocks.filter((b) => b?.type === 'text' && typeof b.text === 'string').map((b) => b.text as string);
  return texts.length > 0
    ? text(texts.join('\n'))
    : text(`summarize_with_model: the model returned no text: ${JSON.stringify(answer)}`, true);
}

/**
 * Run one question-and-answer round of a task in the background, then store the outcome.
 * `ask` sends the side-channel request related to the task; `read` turns the answer into the result.
 */
function converse(
  store: RequestTaskStore,
  taskId: string,
  broken: boolean,
  ask: () => Promise<unknown>,
  read: (answer: unknown) => CallToolResult,
  tool: string,
): void {
  void (async () => {
    if (!broken) await store.updateTaskStatus(taskId, 'input_required');
    let result: CallToolResult;
    try {
      result = read(await ask());
    } catch (e) {
      result = text(`${tool}: invalid answer: ${e instanceof Error ? e.message : String(e)}`, true);
    }
    if (!broken) await store.updateTaskStatus(taskId, 'working');
    await store.storeTaskResult(taskId, result.isError ? 'failed' : 'completed', result);
  })().catch(() => {}); // cancelled or expired meanwhile: the store refuses, the task stays as it is
}

export const interactive =
  (options: InteractiveOptions = {}): RegisterTools =>
  (mcp: McpServer, count) => {
    const broken = options.broken ?? false;
    const timeout = options.answerTimeoutMs ?? 120_000;
    const failAtOnce = (store: RequestTaskStore, taskId: string, message: string) =>
      void store.storeTaskResult(taskId, 'failed', text(message, true)).catch(() => {});

    mcp.experimental.tasks.registerToolTask(
      'confirm_delete',
      {
        description: 'Deletes a file after asking the user to confirm.',
        inputSchema: { path: z.string().min(1) },
        execution: { taskSupport: 'required' },
      },
      {
        createTask: async ({ path }, extra) => {
          count('confirm_delete');
          const task = { ...(await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 100 })) }; // a snapshot: the store mutates its own object
          if (!mcp.server.getClientCapabilities()?.elicitation) {
            failAtOnce(extra.taskStore, task.taskId, 'confirm_delete needs a client with the elicitation capability');
            return { task };
          }
          const params = { mode: 'form' as const, message: `Delete ${path}? This cannot be undone.`, requestedSchema: CONFIRM_SCHEMA };
          const ask = () => mcp.server.elicitInput(params, { relatedTask: { taskId: task.taskId }, timeout });
          converse(extra.taskStore, task.taskId, broken, ask, (answer) => readConfirmation(answer, path), 'confirm_delete');
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );

    mcp.experimental.tasks.registerToolTask(
      'summarize_with_model',
      {
        description: "Summarizes a text with the client's LLM.",
        inputSchema: { text: z.string().min(1) },
        execution: { taskSupport: 'required' },
      },
      {
        createTask: async ({ text: input }, extra) => {
          count('summarize_with_model');
          const task = { ...(await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 100 })) }; // a snapshot: the store mutates its own object
          if (!mcp.server.getClientCapabilities()?.sampling) {
            failAtOnce(extra.taskStore, task.taskId, 'summarize_with_model needs a client with the sampling capability');
            return { task };
          }
          const params = {
            messages: [{ role: 'user' as const, content: { type: 'text' as const, text: `Summarize in one sentence:\n\n${input}` } }],
            maxTokens: 200,
          };
          const ask = () => mcp.server.createMessage(params, { relatedTask: { taskId: task.taskId }, timeout });
          converse(extra.taskStore, task.taskId, broken, ask, readCompletion, 'summarize_with_model');
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );
  };

export function startInteractive(options: InteractiveOptions = {}): Promise<Subject> {
  return serveSubject(options.broken ? 'interactive-broken' : 'interactive', interactive(options), options.port ?? 0);
}

const timeoutArg = process.argv.indexOf('--answer-timeout-ms');
const cli: InteractiveOptions = {
  broken: process.argv.includes('--broken'),
  ...(timeoutArg >= 0 && { answerTimeoutMs: Number(process.argv[timeoutArg + 1]) }),
};
await serveFromCommandLine(cli.broken ? 'interactive-broken' : 'interactive', interactive(cli));
