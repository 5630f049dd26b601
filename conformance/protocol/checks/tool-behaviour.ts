/**
 * A tool's declared taskSupport against what the server does when it is called without a task
 * (R12, R13): "forbidden" and "optional" tools run as normal calls, "required" ones are refused
 * with -32601 before running. Each safe tool is called once (see safe-tools.ts).
 */
import { fail, pass, skip } from '../../core/check.js';
import { isObject } from '../../core/json.js';
import { check, type Check } from '../check.js';
import { describe } from '../context.js';
import { safeTools } from './safe-tools.js';

export const toolBehaviourChecks: Check[] = [
  check(
    { id: 'tool.plain-call-behaviour', rule: 'R13', level: 'MUST', area: 'tool-support', title: 'each safe tool called without task behaves as declared (required: -32601; optional, forbidden: a normal call)' },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      const tools = safeTools(ctx);
      if (!tools.length) return skip('no listed tool is known to be safe to call (fixtures, --tool, or read-only tools without required arguments)');
      const a = await ctx.a();
      const bad: string[] = [];
      for (const tool of tools) {
        const reply = await a.call('tools/call', { name: tool.name, arguments: tool.args }, { timeoutMs: 5_000 });
        const refused = reply.kind === 'error' && reply.error.code === -32601;
        const task = reply.kind === 'result' && isObject(reply.result.task);
        if (tool.declared === 'required' && !refused) bad.push(`${tool.name} (required): ${describe(reply)}`);
        if (tool.declared !== 'required' && (refused || task || reply.kind === 'local')) bad.push(`${tool.name} (${tool.declared}): ${describe(reply)}`);
      }
      if (bad.length) return fail(bad.join('; '), 'required tools refused with -32601 when called without task; optional and forbidden tools answered as normal calls');
      return pass(`${tools.length} tools: ${tools.map((t) => `${t.name} (${t.declared})`).join(', ')}`);
    },
  ),
];
