/**
 * Tools the scripted server adds to the fixture tools (src/fixtures) for the requestor kit.
 * `ask_then_work` asks for input, then keeps working for `workMs`: a client that calls
 * tasks/result as soon as it sees input_required (R49) is then seen waiting on tasks/result
 * while the task still works, and one that waits for the end is seen fetching after it.
 * `probe_receiver` (receiver-probe.ts) makes the client the receiver of task-augmented requests.
 */
import * as z from 'zod/v4';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { TasksServer } from '../../src/index.js';
import { ANSWER_SCHEMA, requireElicitation, requireTask, sleep, text } from '../../src/fixtures/common.js';
import { registerProbeReceiver } from './receiver-probe.js';

export const ASK_THEN_WORK = 'ask_then_work';

export function registerScriptedTools(tasks: TasksServer, mcp: McpServer): void {
  registerProbeReceiver(tasks, mcp);
  tasks.registerTool(
    ASK_THEN_WORK,
    {
      description: 'Asks the requestor for an answer (elicitation/create, input_required), works workMs more, then returns the answer.',
      inputSchema: { message: z.string().min(1).optional(), workMs: z.number().int().min(0).max(60_000) },
      execution: { taskSupport: 'required' },
    },
    async ({ message, workMs }, extra) => {
      const task = requireTask(extra, ASK_THEN_WORK);
      requireElicitation(task, ASK_THEN_WORK);
      const answer = await task.elicit({ message: message ?? 'What is your answer?', requestedSchema: ANSWER_SCHEMA });
      const content = answer.content as { answer?: unknown } | undefined;
      await sleep(workMs, extra.signal);
      if (answer.action !== 'accept' || typeof content?.answer !== 'string')
        return text(`${ASK_THEN_WORK}: no answer (action: ${String(answer.action)})`, true);
      return text(content.answer);
    },
  );
}
