#!/usr/bin/env node
/**
 * Subject "slow-tools": a correct server (as correct as the SDK allows) whose NON-task tools are
 * slow. Built only on the SDK 1.32 experimental tasks: `McpServer` + `InMemoryTaskStore` +
 * `InMemoryTaskMessageQueue`, one McpServer per Streamable HTTP session through ./sdk-http.ts
 * (tasks bound to their session, tasks/list pages of 10).
 *
 * Tools (every duration is multiplied by `timeScale`, default 1; `--time-scale 0.1` makes 20 s 2 s):
 * - `quick_lookup {key}`          taskSupport optional: completes after 200 ms with "value of <key>";
 * - `read_catalog {seconds=20}`   a plain tool (SDK: execution.taskSupport "forbidden"), annotations
 *                                 readOnlyHint: true; really sleeps `seconds` (0..60, default 20), then
 *                                 answers "catalog read in <seconds> s";
 * - `rebuild_index {seconds=15}`  taskSupport optional: as a task, CreateTaskResult at once and
 *                                 "index rebuilt in <seconds> s" after `seconds` (0..60, default 15);
 *                                 without a task the SDK runs it as an internal task and answers the
 *                                 CallToolResult when it is done.
 * Input schemas (as tools/list shows them): `{seconds: {type:'number', minimum:0, maximum:60,
 * default:20 | 15, description}}`. Task tools create ttl = requested ?? 300000, pollInterval 200;
 * a cancelled task stays cancelled (its late result store is caught, unlike crashy).
 *
 * KNOWN DEVIATIONS (exact wire in KNOWN_DEVIATIONS; verified by slow-tools.probe.test.ts):
 *   R11 (SDK) read_catalog (forbidden) with task -> the tool RUNS to the end (default 20 s) and only
 *       then answers error -32602 "MCP error -32602: Invalid task creation result: ..." (SHOULD -32601)
 *   tools (SDK) unknown tool -> a successful isError result, not error -32602
 * CORRECT (must not be flagged; wire in CORRECT below): tasks capability; taskSupport values and
 *   the slow defaults; every tool answers correctly without task after its duration; CreateTaskResult
 *   at once even for a long task; tasks/result blocks, then the result with related-task _meta;
 *   cancel -> cancelled and stays so; -32602 for unknown ids, terminal cancels and bad cursors; tasks
 *   bound to their session. UNSPECIFIED: a task made for a non-task call of an optional tool (SDK
 *   automatic polling) shows in tasks/list; tasks/result of a cancelled task -> -32603.
 *
 * `node slow-tools.js --port N [--time-scale 0.1]`; tests call `startSlowTools({ timeScale })`.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import type { Behaviour, Deviation, Unspecified } from './claims.js';
import { serveFromCommandLine, serveSubject, type RegisterTools, type Subject } from './sdk-http.js';

export const KNOWN_DEVIATIONS: Deviation[] = [
  {
    rule: 'R11',
    level: 'SHOULD',
    what: 'a forbidden tool called with task runs to completion (seconds, 20 by default) and then gets an error that is not -32601',
    wire: 'tools/call {name:"read_catalog", arguments:{}, task:{}} -> after 20 s x timeScale: error {code:-32602, message:"MCP error -32602: Invalid task creation result: [zod issues]"}',
  },
  {
    rule: 'tools',
    level: 'SHOULD',
    what: 'unknown tool gets a successful isError result, not -32602',
    wire: 'tools/call {name:"nope"} -> result {content:[{type:"text", text:"MCP error -32602: Tool nope not found"}], isError:true}',
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
    what: 'taskSupport values and slow defaults in the schemas',
    wire: 'tools/list -> quick_lookup "optional", read_catalog "forbidden" (readOnlyHint true, seconds default 20), rebuild_index "optional" (seconds default 15); seconds {type:"number", minimum:0, maximum:60}',
  },
  {
    rule: 'R12',
    what: 'optional tools without task answer the CallToolResult',
    wire: 'tools/call quick_lookup {key:"k"} -> {content:[{type:"text", text:"value of k"}]}; rebuild_index {seconds:s} -> after s: "index rebuilt in s s"',
  },
  {
    rule: 'R11',
    also: ['R14'],
    what: 'read_catalog without task answers correctly, after its duration',
    wire: 'tools/call read_catalog {seconds:s} -> after s: {content:[{type:"text", text:"catalog read in s s"}]}',
  },
  {
    rule: 'R16',
    also: ['R17', 'R21', 'R35', 'R31'],
    what: 'CreateTaskResult at once, even for a long task',
    wire: 'tools/call rebuild_index {task:{ttl:60000}} -> {task:{taskId, status:"working", ttl:60000, pollInterval:200, createdAt, lastUpdatedAt}}',
  },
  {
    rule: 'R40',
    also: ['R41', 'R44'],
    what: 'tasks/result blocks until the task is done',
    wire: 'tasks/result -> (when done) {content:[{type:"text", text:"value of k"}], _meta:{"io.modelcontextprotocol/related-task":{taskId}}}',
  },
  {
    rule: 'R67',
    also: ['R68'],
    what: 'cancel of a running task; it stays cancelled after its work ends',
    wire: 'tasks/cancel -> {status:"cancelled", statusMessage:"Client cancelled task execution."}; tasks/get later -> "cancelled"',
  },
  {
    rule: 'R71',
    also: ['R66', 'R64'],
    what: 'bad ids and cursors -> -32602',
    wire: 'tasks/get|result|cancel {taskId:"nope"} -> -32602; tasks/cancel of a completed task -> -32602; tasks/list {cursor:"x"} -> -32602',
  },
  {
    rule: 'R77',
    also: ['R65'],
    what: 'tasks bound to their session',
    wire: 'other session: tasks/get {taskId} -> -32602, tasks/list does not show it',
  },
];
export const UNSPECIFIED: Unspecified[] = [
  {
    ref: 'R12',
    what: 'an optional tool called WITHOUT task still makes a task (SDK automatic polling), listed by tasks/list',
    wire: 'tools/call rebuild_index {seconds} (no task) -> meanwhile tasks/list shows a task of that session',
  },
  { ref: 'A9', what: 'tasks/result of a cancelled task', wire: '-> error -32603 "Task <id> has no result stored"' },
];

export interface SlowToolsOptions {
  /** Multiplies every duration (default 1). */
  timeScale?: number;
  port?: number;
}

const text = (t: string): CallToolResult => ({ content: [{ type: 'text', text: t }] });
const unused = async (): Promise<never> => {
  throw new Error('unused: the SDK serves tasks/get and tasks/result from the store');
};
const seconds = (byDefault: number) => z.number().min(0).max(60).default(byDefault).describe('How long the work takes, in seconds');

export const slowTools =
  (timeScale = 1): RegisterTools =>
  (mcp: McpServer, count) => {
    const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms * timeScale));

    mcp.experimental.tasks.registerToolTask(
      'quick_lookup',
      { description: 'Looks a key up (about 200 ms).', inputSchema: { key: z.string().min(1) }, execution: { taskSupport: 'optional' } },
      {
        createTask: async ({ key }, extra) => {
          count('quick_lookup');
          const task = { ...(await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 200 })) };
          void later(200)
            .then(() => extra.taskStore.storeTaskResult(task.taskId, 'completed', text(`value of ${key}`)))
            .catch(() => {});
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );

    mcp.registerTool(
      'read_catalog',
      {
        description: 'Reads the whole catalog (slow: 20 s by default).',
        inputSchema: { seconds: seconds(20) },
        annotations: { readOnlyHint: true },
      },
      async ({ seconds: s }) => {
        count('read_catalog');
        await later(s * 1_000);
        return text(`catalog read in ${s} s`);
      },
    );

    mcp.experimental.tasks.registerToolTask(
      'rebuild_index',
      {
        description: 'Rebuilds the search index (slow: 15 s by default).',
        inputSchema: { seconds: seconds(15) },
        execution: { taskSupport: 'optional' },
      },
      {
        createTask: async ({ seconds: s }, extra) => {
          count('rebuild_index');
          const task = { ...(await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 200 })) };
          // Cancelled (or expired) meanwhile: the store refuses the result and the task stays as it is.
          void later(s * 1_000)
            .then(() => extra.taskStore.storeTaskResult(task.taskId, 'completed', text(`index rebuilt in ${s} s`)))
            .catch(() => {});
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );
  };

export function startSlowTools(options: SlowToolsOptions = {}): Promise<Subject> {
  return serveSubject('slow-tools', slowTools(options.timeScale ?? 1), options.port ?? 0);
}

const scaleArg = process.argv.indexOf('--time-scale');
await serveFromCommandLine('slow-tools', slowTools(scaleArg < 0 ? 1 : Number(process.argv[scaleArg + 1])));
