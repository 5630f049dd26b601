/**
 * The workflow of the takeover test: steps a -> b -> c of one tool, each appending
 * `<label> <pid>` to a log file (the count survives a SIGKILL). The step named by `holdAt`
 * waits (until aborted) on its FIRST run only, so the test can kill its instance mid-step and a
 * resumed run finishes.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import type { TasksServer } from '../../src/server/v2025/with-tasks.js';
import { SequentialWorkflow } from '../../src/workflows/index.js';

export const WORKFLOW_TOOL = 'topology_workflow';

/** The log's lines as [label, pid]. */
export function stepLog(file: string): { label: string; pid: number }[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [label, pid] = line.split(' ');
      return { label: label!, pid: Number(pid) };
    });
}

export function registerTopologyWorkflow(tasks: TasksServer, log: string): void {
  tasks.registerTool(
    'topology_step',
    { inputSchema: { label: z.string(), holdAt: z.string().optional() } },
    async ({ label, holdAt }, { signal }) => {
      const first = !stepLog(log).some((line) => line.label === label);
      appendFileSync(log, `${label} ${process.pid}\n`);
      if (label === holdAt && first) {
        await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      }
      return { content: [{ type: 'text', text: label }], structuredContent: { label } };
    },
  );
  const step = (name: string) => ({
    name,
    tool: 'topology_step',
    args: { label: { from: 'const' as const, value: name }, holdAt: { from: 'args' as const, path: 'holdAt' } },
  });
  new SequentialWorkflow(WORKFLOW_TOOL, { inputSchema: { holdAt: z.string() } })
    .step(step('a'))
    .step(step('b'))
    .step(step('c'))
    .withTaskSupport()
    .register(tasks);
}
