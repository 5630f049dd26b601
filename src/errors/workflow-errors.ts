/**
 * The errors of workflows (`SequentialWorkflow`): a broken definition found at registration, and
 * the ways a run can fail. A failed step is always reported as a `WorkflowStepError` whose `cause`
 * says why (a `BindingError`, a `StepInputError`, a `StepOutputError`, or the step's own error).
 */
import { TasksError } from './tasks-error.js';

/** The definition is invalid; `problems` names every problem found (one message each). */
export class WorkflowDefinitionError extends TasksError {
  override name = 'WorkflowDefinitionError';
  constructor(
    readonly workflow: string,
    readonly problems: readonly string[],
  ) {
    super('WORKFLOW_INVALID', `Workflow '${workflow}' is invalid: ${problems.join('; ')}`);
  }
}

/** A binding names a malformed path, or a field that the arguments or a step's output do not have. */
export class BindingError extends TasksError {
  override name = 'BindingError';
  constructor(message: string) {
    super('BINDING_FAILED', message);
  }
}

/** A step could not get its input: the run cannot ask the requestor, or the requestor did not accept. */
export class StepInputError extends TasksError {
  override name = 'StepInputError';
  constructor(message: string) {
    super('STEP_INPUT_UNAVAILABLE', message);
  }
}

/** A step produced no usable output: its function returned a non-object, or its tool reported an error. */
export class StepOutputError extends TasksError {
  override name = 'StepOutputError';
  constructor(message: string) {
    super('STEP_OUTPUT_INVALID', message);
  }
}

/** A step failed; the task's status message is this error's message, `cause` is why. */
export class WorkflowStepError extends TasksError {
  override name = 'WorkflowStepError';
  constructor(
    readonly step: string,
    readonly index: number,
    readonly total: number,
    cause: unknown,
  ) {
    super(
      'WORKFLOW_STEP_FAILED',
      `Workflow step '${step}' (${index}/${total}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/** `resume()` refused a task: it is terminal, not a run of this workflow, or its stored arguments no longer parse. */
export class ResumeRefusedError extends TasksError {
  override name = 'ResumeRefusedError';
  constructor(
    readonly taskId: string,
    reason: string,
  ) {
    super('RESUME_REFUSED', `Cannot resume task ${taskId}: ${reason}`);
  }
}

/** A step calls a tool that is not registered on the server (any more) or is disabled. */
export class ToolUnavailableError extends TasksError {
  override name = 'ToolUnavailableError';
  constructor(
    readonly tool: string,
    reason: 'is not registered' | 'is disabled',
  ) {
    super('TOOL_UNAVAILABLE', `tool '${tool}' ${reason}`);
  }
}
