/**
 * The shape of a sequential workflow: named steps, each calling a tool of the same server, a
 * local function, or asking the requestor for input, with arguments bound from the workflow's
 * own arguments, constants, or the output of an EARLIER step (whole, or a field path inside it).
 */
import type { JsonObject, JsonValue } from '../json.js';

/**
 * Where one argument of a step comes from.
 * - `args`: the workflow's arguments (the whole object, or the field at `path`);
 * - `const`: a constant;
 * - `step`: the output of an earlier step (the whole output, or the field at `path`).
 *
 * A path is dot-separated: `a.b.0.c` (array elements by index).
 */
export type Binding = { from: 'args'; path?: string } | { from: 'const'; value: JsonValue } | { from: 'step'; step: string; path?: string };

/** What a local step function gets besides its resolved arguments. */
export interface StepRunContext {
  /** Aborted when the workflow's task is cancelled (or the plain call is cancelled). */
  readonly signal: AbortSignal;
  readonly workflow: string;
  readonly step: string;
  /** The workflow's own arguments. */
  readonly workflowArgs: JsonObject;
}

/** An elicitation (form mode) asked of the requestor; the step's output is the answer's `content`. */
export interface StepInput {
  message: string;
  /** A flat JSON Schema object (elicitation `requestedSchema`). */
  requestedSchema: JsonObject;
}

/** One step: exactly one of `tool`, `run` or `input`. */
export interface Step {
  name: string;
  /** A tool of the same server, registered through `TasksServer.registerTool` before the workflow. */
  tool?: string;
  /** A local function; its result is the step's output. */
  run?: (args: JsonObject, context: StepRunContext) => Promise<JsonObject>;
  /** Ask the requestor (elicitation); the answer's `content` is the step's output. */
  input?: StepInput;
  /** The step's arguments (tool arguments or `run`'s first parameter). Default: none. */
  args?: Record<string, Binding>;
}

/** The task variable holding the output of the finished step `name`. */
export const stepVariableKey = (name: string): string => `workflow.steps.${name}`;
/** The task variable holding the progress: `{ done, total, current, last }` (see WorkflowProgress). */
export const PROGRESS_VARIABLE = 'workflow.progress';

/** The value of the `workflow.progress` variable (a type alias, so it is a JSON object as it is). */
export type WorkflowProgress = {
  /** Steps finished. */
  done: number;
  total: number;
  /** The step running or to run next; null when all are done. */
  current: string | null;
  /** The last finished step; null before the first one. */
  last: string | null;
};
