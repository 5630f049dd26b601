/**
 * Runs a workflow's steps in order against a task's variables: a step whose output variable
 * exists is skipped (that is what makes a resumed workflow continue after the last finished
 * step); each finished step writes its output and the progress in one variables write.
 */
import { StepInputError, StepOutputError, WorkflowStepError } from '../errors/index.js';
import type { JsonObject, JsonValue } from '../json.js';
import { isPlainObject } from '../json.js';
import { resolveArgs } from './bindings.js';
import { PROGRESS_VARIABLE, stepVariableKey, type Step, type WorkflowProgress } from './definition.js';

/** What the runner needs from where it runs: a task (`ServerTaskContext`) or a plain call. */
export interface WorkflowRunContext {
  readonly signal: AbortSignal;
  variables(): Promise<JsonObject>;
  setVariables(patch: { [key: string]: JsonValue | null }): Promise<unknown>;
  setStatusMessage?(message: string): Promise<unknown>;
  elicit?(params: { message: string; requestedSchema: JsonObject }): Promise<JsonObject>;
  progress?(progress: number, total?: number, message?: string): void;
}

/** Calls a tool of the server; resolves with the step's output. */
export type ToolCaller = (tool: string, args: JsonObject, signal: AbortSignal) => Promise<JsonObject>;

export interface RunResult {
  /** Every step's output, by step name, in step order. */
  outputs: { [step: string]: JsonObject };
  /** Steps skipped because their output was already stored (resumed). */
  skipped: string[];
}

export async function runSteps(
  workflow: string,
  steps: readonly Step[],
  args: JsonObject,
  context: WorkflowRunContext,
  callTool: ToolCaller,
): Promise<RunResult> {
  const total = steps.length;
  const { signal } = context;
  const stored = await context.variables();
  const outputs: { [step: string]: JsonObject } = {};
  const skipped: string[] = [];
  let done = 0;
  for (const step of steps) {
    const value = stored[stepVariableKey(step.name)];
    if (!isPlainObject(value)) break;
    outputs[step.name] = value as JsonObject;
    skipped.push(step.name);
    done++;
  }
  if (done === 0) await context.setVariables({ [PROGRESS_VARIABLE]: progress(steps, 0) });
  for (let i = done; i < total; i++) {
    const step = steps[i]!;
    signal.throwIfAborted();
    let output: JsonObject;
    try {
      const stepArgs = resolveArgs(step.args, { args, outputs });
      output = await runStep(workflow, step, stepArgs, args, context, callTool);
    } catch (error) {
      signal.throwIfAborted();
      throw new WorkflowStepError(step.name, i + 1, total, error);
    }
    signal.throwIfAborted(); // cancelled while the step ran: nothing more is written
    outputs[step.name] = output;
    await context.setVariables({ [stepVariableKey(step.name)]: output, [PROGRESS_VARIABLE]: progress(steps, i + 1) });
    const message = `step ${i + 1}/${total} done: ${step.name}`;
    await context.setStatusMessage?.(message);
    context.progress?.(i + 1, total, message);
  }
  return { outputs, skipped };
}

function progress(steps: readonly Step[], done: number): JsonObject {
  const value: WorkflowProgress = {
    done,
    total: steps.length,
    current: steps[done]?.name ?? null,
    last: done > 0 ? steps[done - 1]!.name : null,
  };
  return value;
}

async function runStep(
  workflow: string,
  step: Step,
  stepArgs: JsonObject,
  args: JsonObject,
  context: WorkflowRunContext,
  callTool: ToolCaller,
): Promise<JsonObject> {
  if (step.input) {
    if (!context.elicit) throw new StepInputError('this run cannot ask the requestor for input');
    const answer = await context.elicit({ message: step.input.message, requestedSchema: step.input.requestedSchema });
    if (answer.action !== 'accept') throw new StepInputError(`the requestor answered '${String(answer.action)}' instead of accepting`);
    return isPlainObject(answer.content) ? (answer.content as JsonObject) : {};
  }
  if (step.run) {
    const output = await step.run(stepArgs, { signal: context.signal, workflow, step: step.name, workflowArgs: args });
    if (!isPlainObject(output)) throw new StepOutputError('the step function must return a plain object');
    return output as JsonObject;
  }
  return callTool(step.tool!, stepArgs, context.signal);
}

/**
 * A tool result as a step output: `structuredContent` when the tool returns one, else
 * `{ content }`. A result with `isError: true` fails the step with its text.
 */
export function toolOutput(tool: string, result: { readonly [key: string]: unknown }): JsonObject {
  const content = Array.isArray(result.content) ? result.content : [];
  if (result.isError === true) {
    const text = content.find((c) => isPlainObject(c) && c.type === 'text' && typeof c.text === 'string') as { text: string } | undefined;
    throw new StepOutputError(`tool '${tool}' reported an error${text ? `: ${text.text.slice(0, 500)}` : ''}`);
  }
  if (isPlainObject(result.structuredContent)) return result.structuredContent as JsonObject;
  return { content };
}
