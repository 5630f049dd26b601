/**
 * Stand-ins for the non-cooperating fixture tools (`ignore_cancel`, `late_progress`,
 * `ask_forever`, reference-server/FIXTURES.md), registered on the mutants' server only when the
 * reference server does not offer them itself yet, so the catalogue can exercise R24, R50, R68.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/v4';
import type { TasksServer } from '../../src/index.js';
import { FIXTURE_TOOLS } from '../../reference-server/fixtures.js';

const text = (value: string): CallToolResult => ({ content: [{ type: 'text', text: value }] });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const STAND_IN_NAMES = ['ignore_cancel', 'late_progress', 'ask_forever'] as const;

/** Register each stand-in the reference server lacks. */
export function registerStandIns(tasks: TasksServer): void {
  const missing = new Set(STAND_IN_NAMES.filter((name) => !(name in FIXTURE_TOOLS)));
  if (missing.has('ignore_cancel')) {
    tasks.registerTool(
      'ignore_cancel',
      { description: 'Ignores cancellation, waits ms, then completes.', inputSchema: { ms: z.number().int().min(1).max(600_000) }, execution: { taskSupport: 'required' } },
      async ({ ms }) => (await wait(ms), text('ignore_cancel: completed anyway')),
    );
  }
  if (missing.has('late_progress')) {
    tasks.registerTool(
      'late_progress',
      { description: 'Returns at once, then keeps reporting progress for ms.', inputSchema: { ms: z.number().int().min(0).max(10_000) }, execution: { taskSupport: 'optional' } },
      ({ ms }, extra) => {
        let n = 0;
        const timer = setInterval(() => extra.task?.progress(++n), 20);
        setTimeout(() => clearInterval(timer), ms);
        return text('late_progress: returned');
      },
    );
  }
  if (missing.has('ask_forever')) {
    tasks.registerTool('ask_forever', { description: 'Asks again after every answer.', execution: { taskSupport: 'required' } }, async (_args, extra) => {
      for (;;) {
        extra.signal.throwIfAborted();
        await extra.task!.elicit({ message: 'ask_forever: again?', requestedSchema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] } });
      }
    });
  }
}
