/**
 * Build-time checks of a workflow definition, so a broken workflow fails at registration with
 * every problem named, never half-way through a run.
 */
import { BindingError, WorkflowDefinitionError } from '../errors/index.js';
import { isPlainObject } from '../json.js';
import { parsePath } from './bindings.js';
import type { Step } from './definition.js';

const STEP_NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface ValidateOptions {
  /** When given, every `tool` must be one of these (registered on the server). */
  toolExists?: (name: string) => boolean;
}

/** The problems of a definition (empty when valid). */
export function workflowProblems(workflow: string, steps: readonly Step[], options: ValidateOptions = {}): string[] {
  const problems: string[] = [];
  if (steps.length === 0) problems.push('it has no steps');
  const index = new Map<string, number>();
  steps.forEach((step, i) => {
    const name = step?.name;
    if (typeof name !== 'string' || !STEP_NAME.test(name)) {
      problems.push(`step #${i + 1} has an invalid name ${JSON.stringify(name)} (letters, digits, '_' and '-', 1 to 64)`);
    } else if (index.has(name)) {
      problems.push(`duplicate step name '${name}' (steps #${index.get(name)! + 1} and #${i + 1})`);
    } else {
      index.set(name, i);
    }
  });
  steps.forEach((step, i) => {
    const label = `step '${String(step?.name)}'`;
    const kinds = (['tool', 'run', 'input'] as const).filter((k) => step?.[k] !== undefined);
    if (kinds.length !== 1)
      problems.push(`${label} must have exactly one of tool, run or input (has ${kinds.length ? kinds.join(', ') : 'none'})`);
    if (step.tool !== undefined) {
      if (typeof step.tool !== 'string' || step.tool.length === 0) problems.push(`${label}: tool must be a tool name`);
      else if (step.tool === workflow) problems.push(`${label} calls the workflow itself (cycle)`);
      else if (options.toolExists && !options.toolExists(step.tool)) {
        problems.push(
          `${label} calls tool '${step.tool}', which is not registered on this server (register it with registerTool before the workflow)`,
        );
      }
    }
    if (step.run !== undefined && typeof step.run !== 'function') problems.push(`${label}: run must be a function`);
    if (
      step.input !== undefined &&
      (!isPlainObject(step.input) || typeof step.input.message !== 'string' || !isPlainObject(step.input.requestedSchema))
    ) {
      problems.push(`${label}: input must be { message: string, requestedSchema: object }`);
    }
    if (step.args !== undefined && !isPlainObject(step.args)) {
      problems.push(`${label}: args must be an object of bindings`);
      return;
    }
    problems.push(...bindingProblems(label, step, i, index));
  });
  return problems;
}

/** The problems of one step's argument bindings; `index` maps step names to their positions. */
function bindingProblems(label: string, step: Step, i: number, index: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  for (const [arg, binding] of Object.entries(step.args ?? {})) {
    const where = `${label}, argument '${arg}'`;
    if (!isPlainObject(binding)) {
      problems.push(`${where}: a binding must be an object`);
      continue;
    }
    if (binding.from === 'step' || binding.from === 'args') {
      try {
        parsePath(binding.path as string | undefined);
      } catch (error) {
        problems.push(`${where}: ${error instanceof BindingError ? error.message : String(error)}`);
      }
    }
    if (binding.from === 'step') {
      const target = binding.step;
      const at = typeof target === 'string' ? index.get(target) : undefined;
      if (target === step.name) problems.push(`${where} refers to its own step (cycle)`);
      else if (at === undefined) problems.push(`${where} refers to unknown step ${JSON.stringify(target)}`);
      else if (at > i)
        problems.push(
          `${where} refers to later step '${String(target)}' (forward reference: steps run in order, so this would be a cycle)`,
        );
    } else if (binding.from === 'const') {
      if (!('value' in binding) || binding.value === undefined) problems.push(`${where}: a const binding needs a value`);
    } else if (binding.from !== 'args') {
      problems.push(`${where}: unknown binding source ${JSON.stringify((binding as { from?: unknown }).from)} (args, const or step)`);
    }
  }
  return problems;
}

/** Throw a WorkflowDefinitionError listing every problem of the definition. */
export function validateWorkflow(workflow: string, steps: readonly Step[], options: ValidateOptions = {}): void {
  const problems = workflowProblems(workflow, steps, options);
  if (problems.length > 0) throw new WorkflowDefinitionError(workflow, problems);
}
