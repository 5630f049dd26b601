/**
 * How a resumable task of the 2026 leg continues after its worker stopped (the takeover path,
 * core/takeover.ts): the stored request (`tools/call` with `name`, `arguments` and the MRTR
 * answers; never `task`, which only a 2025-11-25 request carries) parsed again and run with
 * the tool's handler. No requestor connection: the run may not ask (no client capabilities
 * are known; ARCHITECTURE.md, known gaps).
 */
import { isPlainObject, type JsonObject } from '../../json.js';
import type { Resumer } from '../core/engine.js';
import type { Tool2026 } from './tools.js';

/** A resumer for the resumable tools among `tools`. */
export function resumer2026(tools: readonly Tool2026[]): Resumer {
  const byName = new Map(tools.filter((tool) => tool.resumable === true).map((tool) => [tool.name, tool]));
  return (_owner, task) => {
    const { method, params } = task.request;
    if (method !== 'tools/call' || typeof params.name !== 'string' || 'task' in params) return undefined;
    const tool = byName.get(params.name);
    if (!tool) return undefined;
    const given = (isPlainObject(params.arguments) ? params.arguments : {}) as JsonObject;
    const inputResponses = isPlainObject(params.inputResponses) ? params.inputResponses : {};
    return {
      work: async (context) => {
        const args = tool.parse ? await tool.parse(given) : given;
        return tool.run(args, { signal: context.signal, task: context, inputResponses, authInfo: undefined });
      },
      peer: { notify: () => undefined, clientCapabilities: () => undefined },
    };
  };
}
