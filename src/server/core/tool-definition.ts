/**
 * `defineTool`: a tool declared ONCE for both generations of Tasks (issue 18 item 2): its name,
 * schemas, task support and one handler. Each leg serves it its own way (the 2025-11-25 leg
 * through `TasksServer.register`, the 2026-07-28 leg through `createTasksHandler2026({ tools })`,
 * both at one URL through `createTasksHttpHandler` of `mcp-tasks/http`), but the arguments are
 * checked by the same schema with the same words (-32602 naming the field), the result by the
 * same output schema, and the handler gets the same context (`ToolContext`) on both wires.
 * Generation-neutral: no wire code and no SDK here (test/server/layers.test.ts).
 */
import type { CallToolResult } from '../../../generated/types.js';
import { InvalidArgumentError } from '../../errors/index.js';
import { isPlainObject, type JsonObject, type JsonValue } from '../../json.js';
import type { ServerTaskContext } from './context.js';
import { checkWindowMs } from './engine-options.js';
import { assertTaskSupport, type TaskSupport } from './task-support.js';
import { compileSchema, NO_INPUT_SCHEMA, type CompiledSchema, type ToolSchema } from './tool-schemas.js';

export type { CallToolResult };

/** The two generations of Tasks mcp-tasks serves. */
export type Generation = '2025-11-25' | '2026-07-28';

/** Every generation, oldest first: a tool's default `generations`. */
export const GENERATIONS: readonly Generation[] = Object.freeze(['2025-11-25', '2026-07-28'] as const);

/** One MRTR round of a 2026-07-28 `tools/call`: the answers and state the client sent back. */
export interface MrtrRound {
  readonly inputResponses: Readonly<Record<string, unknown>>;
  /** The raw `requestState` echoed by the client: attacker-controlled, verify before trusting it. */
  readonly requestState: string | undefined;
}

/** Tool annotations (hints for clients), listed as given. */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
  [key: string]: JsonValue | undefined;
}

/** What a tool's handler gets on every call, on either wire. */
export interface ToolContext {
  /** The generation of the wire this call came on. */
  readonly generation: Generation;
  /** Aborted when the call is cancelled: `tasks/cancel` for a task (either wire), the request's cancellation otherwise. */
  readonly signal: AbortSignal;
  /**
   * Set when the call runs as a task: status message, variables, progress and questions to the
   * user (`elicit`, `createMessage`), which go through the store's side channel on both wires.
   */
  readonly task: ServerTaskContext | undefined;
  /** The request's verified authentication, if any (none for a run taken over after its worker stopped). */
  readonly authInfo: { token: string; clientId?: string; scopes?: string[]; extra?: Record<string, unknown> } | undefined;
  /** The answers `gather` collected before the call ran (2026-07-28 MRTR), keyed as asked; `{}` otherwise. */
  readonly inputResponses: Readonly<Record<string, unknown>>;
  /**
   * Report progress: through the task (on the original progressToken, R24), or for a plain
   * 2025-11-25 call that sent a progressToken, as a notification on its response; otherwise
   * nothing (a plain 2026-07-28 call has no channel for it). Never rejects.
   */
  progress(progress: number, total?: number, message?: string): Promise<void>;
}

/** What `defineTool` takes. `Args` is what the input schema's check gives the handler. */
export interface ToolDefinition<Args = JsonObject> {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  /** JSON Schema of the arguments (an object schema), or a Standard Schema (e.g. `z.object({...})`). Default: no arguments expected, any object accepted. */
  readonly inputSchema?: ToolSchema<Args>;
  /** The `structuredContent` a successful result must carry (JSON Schema or Standard Schema). */
  readonly outputSchema?: ToolSchema<unknown>;
  readonly annotations?: ToolAnnotations;
  readonly _meta?: JsonObject;
  /** `forbidden` (default): never a task; `optional`: a task when the client asks for one (2025) or can take one (2026); `required`: only as a task. */
  readonly taskSupport?: TaskSupport;
  /** The handler can run again for a task whose worker stopped, continuing from what it stored in the task (variables). Default false. */
  readonly resumable?: boolean;
  /**
   * 2026-07-28 only (there the server decides whether a call becomes a task): how long a call
   * runs inline before it does (ms, 0 to 60 000; 0: a task at once). A call ending within it is
   * answered with its result; one that asks a question or writes its task becomes a task then.
   * Default: the handler's, else the engine's `syncWindowMs` (DEFAULT_SYNC_WINDOW_MS, 50).
   */
  readonly syncWindowMs?: number;
  /**
   * The generations that serve the tool; default both. Limit it when the tool relies on one
   * wire's semantics (`gather` needs 2026-07-28; a 2025-11-25 conformance fixture that tests the
   * requestor's `params.task` has no meaning on the 2026 wire).
   */
  readonly generations?: readonly Generation[];
  /**
   * 2026-07-28 only: input needed before the call runs (MRTR, before any task exists). Return an
   * `InputRequiredResult` (`resultType: "input_required"`) to ask, or undefined to run. Runs
   * again on every retry with that round's answers.
   */
  gather?(args: Args, round: MrtrRound): Promise<JsonObject | undefined>;
  /** The result (`isError: true` for a tool error); a throw is the request's (or the task's) JSON-RPC error. */
  run(args: Args, context: ToolContext): CallToolResult | Promise<CallToolResult>;
}

/** The outcome of checking a call's arguments: the value the handler gets, or the -32602 message naming the field. */
export type ParsedToolArguments = { ok: true; args: unknown } | { ok: false; message: string };

/** A tool made by `defineTool`: its listing, its checks and its handler, for either leg. */
export interface DefinedTool {
  readonly name: string;
  readonly title: string | undefined;
  readonly description: string | undefined;
  /** The JSON Schema `tools/list` shows for the arguments. */
  readonly inputSchema: JsonObject;
  /** The JSON Schema `tools/list` shows for `structuredContent`, if the tool has one. */
  readonly outputSchema: JsonObject | undefined;
  readonly annotations: ToolAnnotations | undefined;
  readonly _meta: JsonObject | undefined;
  readonly taskSupport: TaskSupport;
  readonly resumable: boolean;
  /** Its sync window on the 2026-07-28 wire (ms), if set. */
  readonly syncWindowMs: number | undefined;
  readonly generations: readonly Generation[];
  /** Whether `generation` serves this tool. */
  serves(generation: Generation): boolean;
  /** Check a call's arguments (`undefined` is `{}`) against the input schema. */
  parseArguments(args: unknown): Promise<ParsedToolArguments>;
  /** The MRTR step (2026-07-28 only), with arguments `parseArguments` gave. */
  gather?(args: unknown, round: MrtrRound): Promise<JsonObject | undefined>;
  /** Run the handler with arguments `parseArguments` gave, then check its result against the output schema. */
  call(args: unknown, context: ToolContext): Promise<CallToolResult>;
}

/**
 * Declare a tool once for both generations. Definition problems (a bad schema, an unknown
 * generation, `gather` on a tool the 2025 wire serves) throw INVALID_ARGUMENT here, not on the
 * first call.
 *
 * @example
 * ```ts
 * const render = defineTool({
 *   name: 'render',
 *   inputSchema: z.object({ frames: z.number().int().min(1) }),
 *   taskSupport: 'optional',
 *   async run({ frames }, { signal, task }) {
 *     for (let i = 0; i < frames; i++) { signal.throwIfAborted(); task?.progress(i + 1, frames); }
 *     return { content: [{ type: 'text', text: `rendered ${frames} frames` }] };
 *   },
 * });
 * ```
 */
export function defineTool<Args = JsonObject>(definition: ToolDefinition<Args>): DefinedTool {
  const { name } = definition;
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('defineTool: name must be a non-empty string');
  if (typeof definition.run !== 'function') throw new InvalidArgumentError(`defineTool ${name}: run must be a function`);
  const taskSupport = definition.taskSupport ?? 'forbidden';
  assertTaskSupport(taskSupport);
  const generations = generationsOf(definition);
  if (definition.gather !== undefined && generations.includes('2025-11-25')) {
    throw new InvalidArgumentError(
      `defineTool ${name}: gather (MRTR) exists only on the 2026-07-28 wire; limit the tool with generations: ['2026-07-28']`,
    );
  }
  const input =
    definition.inputSchema === undefined ? undefined : compileSchema(definition.inputSchema, `the inputSchema of tool ${name}`, 'input');
  const output =
    definition.outputSchema === undefined
      ? undefined
      : compileSchema(definition.outputSchema, `the outputSchema of tool ${name}`, 'output');
  const { gather, run } = definition;
  const tool: DefinedTool = {
    name,
    title: definition.title,
    description: definition.description,
    inputSchema: input?.json ?? NO_INPUT_SCHEMA,
    outputSchema: output?.json,
    annotations: definition.annotations,
    _meta: definition._meta,
    taskSupport,
    resumable: definition.resumable === true,
    syncWindowMs:
      definition.syncWindowMs === undefined
        ? undefined
        : checkWindowMs(definition.syncWindowMs, `defineTool ${name}: syncWindowMs`, InvalidArgumentError),
    generations,
    serves: (generation) => generations.includes(generation),
    parseArguments: (args) => parseArguments(name, input, args),
    ...(gather && { gather: (args: unknown, round: MrtrRound) => gather(args as Args, round) }),
    call: async (args, context) => checkResult(name, output, await run(args as Args, context)),
  };
  return Object.freeze(tool);
}

function generationsOf(definition: { name: string; generations?: readonly Generation[] | undefined }): readonly Generation[] {
  const given = definition.generations ?? GENERATIONS;
  const known = given.filter((g) => GENERATIONS.includes(g));
  if (given.length === 0 || known.length !== given.length || new Set(given).size !== given.length) {
    throw new InvalidArgumentError(
      `defineTool ${definition.name}: generations must be distinct values of ${GENERATIONS.join(', ')}, at least one`,
    );
  }
  return Object.freeze([...given]);
}

async function parseArguments(name: string, input: CompiledSchema | undefined, args: unknown): Promise<ParsedToolArguments> {
  const given = args ?? {};
  if (!isPlainObject(given)) return { ok: false, message: `Invalid arguments for tool ${name}: arguments must be an object` };
  if (!input) return { ok: true, args: given };
  const checked = await input.check(given);
  if (checked.ok) return { ok: true, args: checked.value };
  return { ok: false, message: `Invalid arguments for tool ${name}: ${summary(checked.problems)}` };
}

/**
 * A result against the output schema, as McpServer checks one: an error result passes as it is;
 * a successful one must carry `structuredContent` that matches, else the call's result is an
 * error result saying why (the same on both wires).
 */
async function checkResult(name: string, output: CompiledSchema | undefined, result: CallToolResult): Promise<CallToolResult> {
  if (!output || result.isError === true) return result;
  if (result.structuredContent === undefined)
    return toolError(`Output validation error: Tool ${name} has an output schema but no structured content was provided`);
  const checked = await output.check(result.structuredContent);
  return checked.ok
    ? result
    : toolError(`Output validation error: Invalid structured content for tool ${name}: ${summary(checked.problems)}`);
}

const toolError = (text: string): CallToolResult => ({ content: [{ type: 'text', text }], isError: true });

/** The first problems, each naming its field: enough to fix the call, bounded in size. */
function summary(problems: string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}
