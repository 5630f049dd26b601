/**
 * The client as receiver of task-augmented elicitation/create and sampling/createMessage: only
 * when it declares tasks.requests.elicitation.create or tasks.requests.sampling.createMessage.
 * This version detects the declaration; driving such a client is not implemented yet, so a
 * declaring client gets an inconclusive result, one that does not declare it a skip.
 */
import { inconclusive, skip } from '../../protocol/check.js';
import { isObject } from '../../protocol/run-state.js';
import { clientCheck, type Evidence } from '../check.js';

const DECLARATIONS = [
  ['elicitation', 'create'],
  ['sampling', 'createMessage'],
] as const;

/** The task-augmentable requests the client declared, e.g. ["elicitation/create"]. */
export function declaredReceiverRequests(capabilities: unknown): string[] {
  const requests = isObject(capabilities) && isObject(capabilities.tasks) && isObject(capabilities.tasks.requests) ? capabilities.tasks.requests : {};
  return DECLARATIONS.filter(([area, method]) => isObject(requests[area]) && requests[area][method] !== undefined).map(([area, method]) => `${area}/${method}`);
}

export const receiverTasks = clientCheck(
  { id: 'client.receiver-create-task-result', rule: 'R16', level: 'MUST', area: 'creation', title: 'as receiver of a task-augmented elicitation/create or sampling/createMessage, the client answers with a CreateTaskResult' },
  ({ runs }: Evidence) => {
    const declared = new Set(runs.flatMap((r) => declaredReceiverRequests(r.wire.initialize?.capabilities)));
    if (declared.size === 0) return skip('the client declares neither tasks.requests.elicitation.create nor tasks.requests.sampling.createMessage');
    return inconclusive(`the client declares ${[...declared].join(', ')} as task-augmentable; this kit does not yet send it task-augmented requests`);
  },
);
