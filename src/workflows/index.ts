/** Workflows: the public part (the runner, bindings and checks are internal to this folder). */
export { SequentialWorkflow } from './workflow.js';
export type { SequentialWorkflowConfig, ResumeOptions } from './workflow.js';
export { stepVariableKey, PROGRESS_VARIABLE } from './definition.js';
export type { Binding, Step, StepInput, StepRunContext, WorkflowProgress } from './definition.js';
