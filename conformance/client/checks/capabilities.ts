/**
 * The client augments a request with a task only where the server declared it can take one
 * (R2, R3, R4): the method must be in the server's `capabilities.tasks.requests` (exhaustive),
 * and for tools/call the tool's `execution.taskSupport` must not be forbidden (R14: absent means
 * forbidden).
 */
import { inconclusive, pass, warn } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { clientCheck, count, type Evidence } from '../check.js';
import type { Exchange, Wire } from '../wire.js';

/**
 * tool name -> its taskSupport, as the server listed it ('forbidden' when absent, R14), from
 * every tools/list of the run (each scenario's server has the same tools).
 */
function taskSupportOf(wires: readonly Wire[]): Map<string, string> {
  const support = new Map<string, string>();
  for (const x of wires.flatMap((w) => w.requests('tools/list'))) {
    const tools = x.answer?.result?.tools;
    if (!Array.isArray(tools)) continue;
    for (const tool of tools) {
      if (!isObject(tool) || typeof tool.name !== 'string') continue;
      const value = isObject(tool.execution) ? tool.execution.taskSupport : undefined;
      support.set(tool.name, typeof value === 'string' ? value : 'forbidden');
    }
  }
  return support;
}

/** Did the server declare task augmentation for `method` (e.g. tools/call -> tasks.requests.tools.call)? */
function declared(serverCapabilities: Json | undefined, method: string): boolean {
  const [area, name] = method.split('/');
  const tasks = serverCapabilities?.tasks;
  const requests = isObject(tasks) && isObject(tasks.requests) ? tasks.requests : undefined;
  const group = requests && area !== undefined ? requests[area] : undefined;
  return isObject(group) && name !== undefined && group[name] !== undefined;
}

/** Why this request should not carry a task, or undefined when it may. */
function refusal(x: Exchange, server: Json | undefined, support: Map<string, string>): string | undefined {
  if (!declared(server, x.method))
    return `${x.method} with params.task ${brief(x.params.task)}; the server declares task augmentation for ${brief(isObject(server?.tasks) ? server.tasks.requests : undefined)} only`;
  if (x.method !== 'tools/call') return undefined;
  const name = String(x.params.name);
  return support.get(name) === 'forbidden' ? `tools/call of ${name} (taskSupport forbidden) with params.task` : undefined;
}

export const augmentOnlyWhenDeclared = clientCheck(
  {
    id: 'client.augment-only-when-declared',
    rule: 'R2',
    level: 'SHOULD',
    area: 'capabilities',
    title: 'a request carries a task only where the server declared task support for it (also R3, R14)',
  },
  ({ runs }: Evidence) => {
    let judged = 0;
    // A tool the client never saw listed is not judged: the kit cannot say what it knew.
    const support = taskSupportOf(runs.map((r) => r.wire));
    for (const run of runs) {
      const init = run.wire.requests('initialize')[0]?.answer?.result;
      const server = isObject(init?.capabilities) ? init.capabilities : undefined;
      for (const x of run.wire.exchanges) {
        const forbiddenTool = x.method === 'tools/call' && support.get(String(x.params.name)) === 'forbidden';
        if (x.params.task === undefined && !forbiddenTool) continue;
        judged++;
        if (x.params.task === undefined) continue;
        const why = refusal(x, server, support);
        if (why)
          return warn(
            `in scenario ${run.scenario.name}: ${why}`,
            'params.task only on requests the server declared in capabilities.tasks.requests, and on tools/call only for tools with taskSupport optional or required',
          );
      }
    }
    return judged === 0
      ? inconclusive('the client sent no task-augmented request and called no tool whose taskSupport is forbidden')
      : pass(count(judged, 'request'));
  },
);
