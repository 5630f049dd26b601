/**
 * `SequentialWorkflow`: a named list of steps registered as one tool of a `TasksServer`.
 * Without `.withTaskSupport()` it is a plain (taskSupport 'forbidden') tool that runs every step
 * before answering. With it, a call with `task` creates a backing task and runs the steps in the
 * background: each finished step's output is a task variable (`workflow.steps.<name>`), progress
 * is `workflow.progress` and the status message; `resume` continues such a task in another
 * process after the last finished step, through the server's takeover path (the one way a task's
 * work continues after its worker stopped).
 */
import type { RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ElicitResultSchema, type CallToolResult, type ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { InvalidArgumentError, InvalidOptionsError, ResumeRefusedError, ToolUnavailableError } from '../errors/index.js';
import { isPlainObject, type JsonObject, type JsonValue } from '../json.js';
import type { Owner } from '../owner.js';
import type { TaskRecord } from '../record.js';
import { isTerminal } from '../status.js';
import type { ShapeOutput, TaskToolExtra, ZodRawShapeCompat } from '../server/v2025/task-tools.js';
import type { TasksServer } from '../server/v2025/with-tasks.js';
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
  /** Lease length while resuming a leased task (ms; renewed every third). Default: the server engine's `leaseMs`. */
  leaseMs?: number;
  /**
   * What the requestor is taken to support while the resumed run asks (its `initialize` went to
   * the stopped worker's server): with `elicitation`, an input step asks it (the question is
   * carried by its next `tasks/result` or `tasks/get`, on any instance). Default: the server's
   * `stateless.clientCapabilities`, else nothing (an input step then fails the task).
   */
  clientCapabilities?: { [key: string]: unknown };
}

export class SequentialWorkflow<Shape extends ZodRawShapeCompat = Record<string, never>> {
  readonly #steps: Step[] = [];
  #taskSupport: 'forbidden' | 'optional' | 'required' = 'forbidden';
  #registeredOn: TasksServer | undefined;

  constructor(
    readonly name: string,
    readonly config: SequentialWorkflowConfig<Shape> = {},
  ) {
    if (typeof name !== 'string' || name.length === 0) throw new InvalidOptionsError('SequentialWorkflow: name must be a non-empty string');
  }

  /** Append a step (validated, with every other step, at `register`). */
  step(step: Step): this {
    if (this.#registeredOn) throw new InvalidOptionsError(`Workflow '${this.name}' is already registered; add steps before register()`);
    this.#steps.push(step);
    return this;
  }

  get steps(): readonly Step[] {
    return this.#steps;
  }

  /** Expose the workflow as a task-capable tool ('optional' by default, or 'required'). Off by default. */
  withTaskSupport(support: 'optional' | 'required' = 'optional'): this {
    if (this.#registeredOn)
      throw new InvalidOptionsError(`Workflow '${this.name}' is already registered; call withTaskSupport() before register()`);
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
        // Finished steps are stored outputs: another instance can continue the run (takeover).
        resumable: this.#taskSupport !== 'forbidden',
      },
      // The SDK's callback type: args are the zod-parsed JSON arguments, which TypeScript cannot prove JSON.
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
   * again. The caller declares that worker stopped; the run continues through the server's
   * takeover path (`TasksServer.resumeTask`): the task's lease (if any) becomes this engine's at
   * once, the stopped worker's questions are withdrawn, and the run is one of the engine's
   * executions (counted, cancellable, aborted by `engine.close()`) whose input steps ask the
   * requestor as in any run (see `ResumeOptions.clientCapabilities`). Resolves with the final record.
   */
  async resume(tasks: TasksServer, owner: Owner, taskId: string, options: ResumeOptions = {}): Promise<TaskRecord> {
    if (this.#registeredOn !== tasks)
      throw new InvalidOptionsError(`Workflow '${this.name}' must be registered on this server before resume()`);
    const record = await tasks.engine.store.get(owner, taskId);
    if (isTerminal(record.status)) throw new ResumeRefusedError(taskId, `it is already ${record.status}`);
    const params = record.request.params;
    if (record.request.method !== 'tools/call' || params.name !== this.name) {
      throw new ResumeRefusedError(taskId, `it is not a run of workflow '${this.name}'`);
    }
    const parsed = await tasks.ownTool(this.name)!.parse(params.arguments);
    if (!parsed.ok) throw new ResumeRefusedError(taskId, `stored arguments are invalid: ${parsed.message}`);
    return tasks.resumeTask(owner, taskId, options);
  }
}

/** The workflow's tool result: every step's output by name (text and structuredContent). */
function workflowResult(run: RunResult): CallToolResult & JsonObject {
  const steps: JsonObject = run.outputs;
  return { content: [{ type: 'text', text: JSON.stringify({ steps }) }], structuredContent: { steps } };
}

/** Steps call the server's own registered tools (arguments validated by the tool's schema). */
function toolCaller(tasks: TasksServer, extra: TaskToolExtra): ToolCaller {
  return async (name, args, signal) => {
    const tool = tasks.ownTool(name);
    if (!tool) throw new ToolUnavailableError(name, 'is not registered');
    if (!tool.registered.enabled) throw new ToolUnavailableError(name, 'is disabled');
    const parsed = await tool.parse(args);
    if (!parsed.ok) throw new InvalidArgumentError(`invalid arguments for tool '${name}': ${parsed.message}`);
    const result = await tool.run(parsed.args, { ...extra, signal });
    return toolOutput(name, result);
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
      const answer = await extra.sendRequest(
        { method: 'elicitation/create', params: { mode: 'form', ...params } as never },
        ElicitResultSchema,
      );
      // The answer came over the wire as JSON and was parsed by the SDK's schema.
      return isPlainObject(answer) ? (answer as JsonObject) : {};
    },
  };
}
