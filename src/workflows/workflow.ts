/**
 * `SequentialWorkflow`: a named list of steps registered as one tool of a `TasksServer`.
 * Without `.withTaskSupport()` it is a plain (taskSupport 'forbidden') tool that runs every step
 * before answering. With it, a call with `task` creates a backing task and runs the steps in the
 * background: each finished step's output is a task variable (`workflow.steps.<name>`), progress
 * is `workflow.progress` and the status message; `resume` continues such a task in another
 * process after the last finished step.
 */
import type { RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ElicitResultSchema, type CallToolResult, type ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { isPlainObject, type JsonObject, type JsonValue } from '../json.js';
import type { Owner } from '../owner.js';
import type { TaskRecord } from '../record.js';
import { isTerminal } from '../status.js';
import { TaskContext, toFailureError } from '../task-context.js';
import type { ShapeOutput, TaskToolExtra, ZodRawShapeCompat } from '../server/task-tools.js';
import type { TasksServer } from '../server/with-tasks.js';
import type { Step } from './definition.js';
import { runSteps, toolOutput, type RunResult, type ToolCaller, type WorkflowRunContext } from './runner.js';
import { validateWorkflow } from './validate.js';

export interface SequentialWorkflowConfig<Shape extends ZodRawShapeCompat> {
  title?: string;
  description?: string;
  /** The workflow's arguments (a zod raw shape, as for `registerTool`). */
  inputSchema?: Shape;
  annotations?: ToolAnnotations;
}

export interface ResumeOptions {
  /** Lease renewal length while resuming a leased task (ms). Default: the server engine's `leaseMs`. */
  leaseMs?: number;
}

export class SequentialWorkflow<Shape extends ZodRawShapeCompat = Record<string, never>> {
  readonly #steps: Step[] = [];
  #taskSupport: 'forbidden' | 'optional' | 'required' = 'forbidden';
  #registeredOn: TasksServer | undefined;

  constructor(
    readonly name: string,
    readonly config: SequentialWorkflowConfig<Shape> = {},
  ) {
    if (typeof name !== 'string' || name.length === 0) throw new Error('SequentialWorkflow: name must be a non-empty string');
  }

  /** Append a step (validated, with every other step, at `register`). */
  step(step: Step): this {
    if (this.#registeredOn) throw new Error(`Workflow '${this.name}' is already registered; add steps before register()`);
    this.#steps.push(step);
    return this;
  }

  get steps(): readonly Step[] {
    return this.#steps;
  }

  /** Expose the workflow as a task-capable tool ('optional' by default, or 'required'). Off by default. */
  withTaskSupport(support: 'optional' | 'required' = 'optional'): this {
    if (this.#registeredOn) throw new Error(`Workflow '${this.name}' is already registered; call withTaskSupport() before register()`);
    this.#taskSupport = support;
    return this;
  }

  get taskSupport(): 'forbidden' | 'optional' | 'required' {
    return this.#taskSupport;
  }

  /** Check the definition (without the server's tools); throws WorkflowDefinitionError. */
  validate(): void {
    validateWorkflow(this.name, this.#steps);
  }

  /**
   * Validate against the server's tools (register the steps' tools first) and register the
   * workflow as the tool `name`. Throws WorkflowDefinitionError naming every problem.
   */
  register(tasks: TasksServer): RegisteredTool {
    validateWorkflow(this.name, this.#steps, { toolExists: (tool) => tasks.ownTool(tool) !== undefined });
    const registered = tasks.registerTool(
      this.name,
      {
        ...(this.config.title !== undefined && { title: this.config.title }),
        ...(this.config.description !== undefined && { description: this.config.description }),
        ...(this.config.inputSchema !== undefined && { inputSchema: this.config.inputSchema }),
        ...(this.config.annotations !== undefined && { annotations: this.config.annotations }),
        execution: { taskSupport: this.#taskSupport },
      },
      ((args: ShapeOutput<Shape>, extra: TaskToolExtra) => this.#handle(tasks, args as unknown as JsonObject, extra)) as never,
    );
    this.#registeredOn = tasks;
    return registered;
  }

  async #handle(tasks: TasksServer, args: JsonObject, extra: TaskToolExtra): Promise<CallToolResult> {
    const context: WorkflowRunContext = extra.task ?? plainContext(extra);
    const run = await runSteps(this.name, this.#steps, args, context, toolCaller(tasks, extra));
    return workflowResult(run);
  }

  /**
   * Continue an active task of this workflow that another worker (process or instance) started
   * and stopped running, on the same store: steps whose output variable exists are not run
   * again. While it runs, the task's lease (if any) is renewed under its recorded holder, and a
   * cancel stops it between steps and aborts the running step. Resolves with the final record.
   * A step needing input cannot be asked here (no requestor connection): it fails the task.
   */
  async resume(tasks: TasksServer, owner: Owner, taskId: string, options: ResumeOptions = {}): Promise<TaskRecord> {
    if (this.#registeredOn !== tasks) throw new Error(`Workflow '${this.name}' must be registered on this server before resume()`);
    const store = tasks.engine.store;
    const task = new TaskContext(store, owner, taskId);
    const record = await task.task();
    if (isTerminal(record.status)) throw new Error(`Cannot resume task ${taskId}: it is already ${record.status}`);
    const params = record.request.params;
    if (record.request.method !== 'tools/call' || params.name !== this.name) {
      throw new Error(`Cannot resume task ${taskId}: it is not a run of workflow '${this.name}'`);
    }
    const own = tasks.ownTool(this.name)!;
    const parsed = await own.parse(params.arguments);
    if (!parsed.ok) throw new Error(`Cannot resume task ${taskId}: stored arguments are invalid: ${parsed.message}`);
    if (record.status === 'input_required') await task.resume();

    const controller = new AbortController();
    const stopIfEnded = (current: TaskRecord) => {
      if (isTerminal(current.status) && !controller.signal.aborted) controller.abort(new Error(`The task is ${current.status}`));
    };
    const unsubscribe = store.onChange((change) => change.owner === owner && change.task.taskId === taskId && stopIfEnded(change.task));
    const holder = record.lease?.holder;
    const leaseMs = options.leaseMs ?? tasks.engine.leaseMs;
    const renew = async () => stopIfEnded(await store.renewLease!(owner, taskId, holder!, leaseMs));
    let renewal: NodeJS.Timeout | undefined;
    if (holder !== undefined && typeof store.renewLease === 'function') {
      await renew();
      renewal = setInterval(() => void renew().catch(() => undefined), Math.max(1, Math.floor(leaseMs / 3)));
      renewal.unref();
    }
    const context: WorkflowRunContext = {
      signal: controller.signal,
      variables: () => task.variables(),
      setVariables: (patch) => task.setVariables(patch),
      setStatusMessage: (message) => task.setStatusMessage(message),
      elicit: () => Promise.reject(new Error('a resumed workflow has no requestor connection to ask for input')),
    };
    const extra = {
      signal: controller.signal,
      requestId: `resume:${taskId}`,
      sendNotification: async () => undefined,
      sendRequest: async () => {
        throw new Error('a resumed workflow has no requestor connection');
      },
    } as unknown as TaskToolExtra;
    try {
      const run = await runSteps(this.name, this.#steps, parsed.args as JsonObject, context, toolCaller(tasks, extra));
      return await task.complete(workflowResult(run) as unknown as JsonObject);
    } catch (error) {
      if (controller.signal.aborted) return task.task();
      return task.fail(toFailureError(error as Error));
    } finally {
      if (renewal) clearInterval(renewal);
      unsubscribe();
    }
  }
}

/** The workflow's tool result: every step's output by name (text and structuredContent). */
function workflowResult(run: RunResult): CallToolResult {
  const steps = run.outputs as unknown as JsonObject;
  return { content: [{ type: 'text', text: JSON.stringify({ steps }) }], structuredContent: { steps } };
}

/** Steps call the server's own registered tools (arguments validated by the tool's schema). */
function toolCaller(tasks: TasksServer, extra: TaskToolExtra): ToolCaller {
  return async (name, args, signal) => {
    const tool = tasks.ownTool(name);
    if (!tool) throw new Error(`tool '${name}' is not registered`);
    if (!tool.registered.enabled) throw new Error(`tool '${name}' is disabled`);
    const parsed = await tool.parse(args);
    if (!parsed.ok) throw new Error(`invalid arguments for tool '${name}': ${parsed.message}`);
    const result = await tool.run(parsed.args, { ...extra, signal });
    return toolOutput(name, result as unknown as JsonObject);
  };
}

/** A plain call: variables live for the call only; input goes through the request's own elicitation. */
function plainContext(extra: TaskToolExtra): WorkflowRunContext {
  const variables: { [key: string]: JsonValue } = {};
  return {
    signal: extra.signal,
    variables: async () => ({ ...variables }),
    setVariables: async (patch) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) delete variables[key];
        else variables[key] = value;
      }
    },
    elicit: async (params) => {
      const answer = await extra.sendRequest({ method: 'elicitation/create', params: { mode: 'form', ...params } as never }, ElicitResultSchema);
      return isPlainObject(answer) ? (answer as unknown as JsonObject) : {};
    },
  };
}
