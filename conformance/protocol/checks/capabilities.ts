/** Capability negotiation: R1, R5, R6, R7 (digest section 3.1). */
import { fail, pass, skip } from '../../core/check.js';
import { brief, isObject } from '../../core/json.js';
import { check, type Check } from '../check.js';
import { describe, isError, type CheckContext, type ToolCall } from '../context.js';

const taskTools = (ctx: CheckContext) => ctx.facts.tools.filter((t) => t.taskSupport === 'optional' || t.taskSupport === 'required');

export const capabilityChecks: Check[] = [
  check(
    {
      id: 'cap.tasks-declared',
      rule: 'R1',
      level: 'MUST',
      area: 'capabilities',
      title: 'initialize declares capabilities.tasks (leaf values are objects, A12)',
    },
    async (ctx) => {
      if (ctx.facts.connectError) return fail(ctx.facts.connectError, 'a successful initialize');
      const caps = ctx.facts.capabilities;
      const tasks = caps?.tasks;
      if (tasks === undefined) {
        const tools = taskTools(ctx).map((t) => t.name);
        return fail(
          tools.length
            ? `capabilities ${brief(caps)} has no "tasks", yet tools ${tools.join(', ')} declare taskSupport`
            : `capabilities ${brief(caps)} has no "tasks" and no tool declares taskSupport: the server offers no tasks to test`,
          'capabilities.tasks declared by a server that supports task-augmented requests',
        );
      }
      if (!isObject(tasks)) return fail(`capabilities.tasks is ${brief(tasks)}`, 'an object');
      const leaves: [string, unknown][] = [
        ['tasks.list', tasks.list],
        ['tasks.cancel', tasks.cancel],
      ];
      if (tasks.requests !== undefined) {
        if (!isObject(tasks.requests)) return fail(`capabilities.tasks.requests is ${brief(tasks.requests)}`, 'an object');
        const tools = tasks.requests.tools;
        if (tools !== undefined && !isObject(tools)) return fail(`capabilities.tasks.requests.tools is ${brief(tools)}`, 'an object');
        if (isObject(tools)) leaves.push(['tasks.requests.tools.call', tools.call]);
      }
      const bad = leaves.filter(([, v]) => v !== undefined && !isObject(v));
      if (bad.length)
        return fail(
          bad.map(([k, v]) => `${k} = ${brief(v)}`).join(', '),
          'each declared capability is an object ({}), not a boolean (schema, A12)',
        );
      return pass(`tasks: ${brief(tasks)}`);
    },
  ),

  check(
    {
      id: 'cap.tools-call-declared',
      rule: 'R6',
      level: 'MUST',
      area: 'capabilities',
      title: 'tools with taskSupport optional/required imply capabilities.tasks.requests.tools.call',
    },
    async (ctx) => {
      const tools = taskTools(ctx);
      if (!tools.length) return skip('no tool declares taskSupport optional or required');
      if (ctx.declares('tools.call')) return pass(`${tools.length} task-capable tools: ${tools.map((t) => t.name).join(', ')}`);
      return fail(
        `tools ${tools.map((t) => `${t.name} (${String(t.taskSupport)})`).join(', ')} with capabilities.tasks = ${brief(ctx.tasksCapability)}`,
        'capabilities.tasks.requests.tools.call declared, since these tools can only run as tasks if the request type supports task augmentation',
      );
    },
  ),

  check(
    {
      id: 'cap.declared-methods-served',
      rule: 'R5',
      level: 'MUST',
      area: 'capabilities',
      title: 'declared tasks.list / tasks.cancel are served (not -32601)',
    },
    async (ctx) => {
      const list = ctx.declares('list');
      const cancel = ctx.declares('cancel');
      if (!list && !cancel) return skip('the server declares neither tasks.list nor tasks.cancel');
      const a = await ctx.a();
      const problems: string[] = [];
      if (list) {
        const reply = await a.call('tasks/list', {});
        if (reply.kind !== 'result' || !Array.isArray(reply.result.tasks)) problems.push(`tasks/list: ${describe(reply)}`);
      }
      if (cancel) {
        const reply = await a.call('tasks/cancel', { taskId: 'conformance-unknown-task-id' });
        if (isError(reply, -32601) || reply.kind === 'local') problems.push(`tasks/cancel (unknown taskId): ${describe(reply)}`);
      }
      if (problems.length)
        return fail(
          problems.join('; '),
          'tasks/list answers a ListTasksResult; tasks/cancel is handled (an unknown taskId gives -32602, not -32601)',
        );
      return pass([list && 'tasks/list', cancel && 'tasks/cancel'].filter(Boolean).join(' and ') + ' served');
    },
  ),

  check(
    {
      id: 'cap.undeclared-task-ignored',
      rule: 'R7',
      level: 'MUST',
      area: 'capabilities',
      title: 'without tasks.requests.tools.call, tools/call ignores params.task',
    },
    async (ctx) => {
      if (ctx.facts.connectError) return skip('not connected');
      if (ctx.declares('tools.call')) return skip('the server declares tasks.requests.tools.call; R7 applies only to servers that do not');
      let call: ToolCall | undefined = ctx.options.tool;
      if (!call) {
        const fixture = (['support_forbidden', 'support_optional', 'echo'] as const).find((n) => ctx.hasFixture(n));
        if (fixture) call = { name: fixture, args: fixture === 'echo' ? { text: 'conformance' } : {} };
      }
      if (!call) return skip('no tool known to complete: pass --tool NAME --args JSON (config key roles.completes)');
      const reply = await (await ctx.a()).call('tools/call', { name: call.name, arguments: call.args, task: {} });
      if (reply.kind === 'result' && !isObject(reply.result.task) && Array.isArray(reply.result.content)) return pass();
      return fail(
        `tools/call ${call.name} with task: ${describe(reply)}`,
        'a normal CallToolResult: task is ignored when the capability is not declared',
      );
    },
  ),
];
