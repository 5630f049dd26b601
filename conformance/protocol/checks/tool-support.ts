/** Tool-level negotiation, `execution.taskSupport`: R11, R12, R13, R14 (digest section 3.2). */
import { fail, inconclusive, pass, skip, warn } from '../../core/check.js';
import { brief, isObject, type Json } from '../../core/json.js';
import { check, type Check } from '../check.js';
import { describe, type CheckContext, type ToolCall } from '../context.js';
import { synthesizeArguments } from '../discovery/synthesize.js';

const SUPPORT_VALUES = ['forbidden', 'optional', 'required'];

/** A tool with this taskSupport that is safe to call: the fixture, else --tool, else a role or (if allowed) any. */
function toolWith(ctx: CheckContext, support: 'forbidden' | 'optional' | 'required', anyTool: boolean): ToolCall | undefined {
  const fixture = `support_${support}` as const;
  if (ctx.hasFixture(fixture)) return { name: fixture, args: {} };
  if (support === 'forbidden' && ctx.hasFixture('echo')) return { name: 'echo', args: { text: 'conformance' } };
  const given = ctx.options.tool;
  if (given && ctx.supportOf(given.name) === support) return given;
  // A tool discovery saw complete (or the operator named for a role) with this taskSupport.
  const known = [...Object.values(ctx.options.roles), ...Object.values(ctx.discovery?.roles ?? {})].find(
    (r) => r && ctx.supportOf(r.name) === support,
  );
  if (known && (support !== 'optional' || known.name !== ctx.discovery?.roles.input?.name)) return { name: known.name, args: known.args };
  if (!anyTool) return undefined;
  const found = ctx.facts.tools.find((t) => t.taskSupport === support);
  return found && { name: found.name, args: synthesizeArguments(found.raw.inputSchema).args };
}

/*
 * Safe tools: the tools the suite may call to compare a tool's declared taskSupport with its behaviour (R11-R14):
 * the documented fixtures with harmless arguments, the operator's --tool, and tools annotated
 * read-only that take no required arguments. Nothing else is ever called.
 */
/** Fixture tools and arguments that finish at once (or are cancelled by the suite's cleanup). */
const HARMLESS: Readonly<Record<string, Json>> = {
  support_forbidden: {},
  support_optional: {},
  support_required: {},
  echo: { text: 'conformance' },
  delay: { ms: 0 },
  fail_result: {},
  throw_error: {},
  count_steps: { steps: 1 },
  until_cancelled: { maxMs: 1 },
  ignore_cancel: { ms: 1 },
  late_progress: { ms: 0 },
};

interface SafeTool extends ToolCall {
  /** The declared taskSupport ("forbidden" when absent). */
  declared: string;
}

/** Every listed tool that is safe to call, with its declared taskSupport. */
function safeTools(ctx: CheckContext): SafeTool[] {
  const tools: SafeTool[] = [];
  for (const t of ctx.facts.tools) {
    const declared = t.taskSupport === undefined ? 'forbidden' : String(t.taskSupport);
    let args: Json | undefined = HARMLESS[t.name];
    if (args === undefined && ctx.options.tool?.name === t.name) args = ctx.options.tool.args;
    // The smallest arguments the schema allows (a duration at its minimum, not its default): a
    // plain call of a slow read-only tool must not run for its default 20 s.
    if (args === undefined && readOnlyWithoutArgs(t.raw)) args = smallest(t.raw.inputSchema);
    if (args !== undefined) tools.push({ name: t.name, args, declared });
  }
  return tools;
}

function smallest(inputSchema: unknown): Json {
  const made = synthesizeArguments(inputSchema, 'short');
  return made.valid ? made.args : {};
}

function readOnlyWithoutArgs(raw: Json): boolean {
  const annotations = isObject(raw.annotations) ? raw.annotations : {};
  const schema = isObject(raw.inputSchema) ? raw.inputSchema : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return annotations.readOnlyHint === true && required.length === 0;
}

export const toolSupportChecks: Check[] = [
  check(
    {
      id: 'tool.task-support-values',
      rule: 'R14',
      level: 'MUST',
      area: 'tool-support',
      title: 'every execution.taskSupport is forbidden, optional or required, and each safe tool called with task behaves as declared',
    },
    async (ctx) => {
      if (ctx.facts.connectError) return skip('not connected');
      if (ctx.facts.toolsError) return fail(`tools/list: ${ctx.facts.toolsError}`, 'a ListToolsResult');
      const bad = ctx.facts.tools.filter((t) => {
        const execution = t.raw.execution;
        if (execution === undefined) return false;
        return !isObject(execution) || (execution.taskSupport !== undefined && !SUPPORT_VALUES.includes(execution.taskSupport as string));
      });
      if (bad.length)
        return fail(
          bad.map((t) => `${t.name}: execution ${brief(t.raw.execution)}`).join('; '),
          'execution.taskSupport absent (= "forbidden") or one of "forbidden", "optional", "required"',
        );
      const counts = SUPPORT_VALUES.map((v) => `${ctx.facts.tools.filter((t) => (t.taskSupport ?? 'forbidden') === v).length} ${v}`);
      // The declaration must be what the server does: optional/required tools become tasks (what a
      // forbidden tool does with task is R11's subject: -32601 recommended, A2).
      const tools = ctx.declares('tools.call') ? safeTools(ctx).filter((t) => t.declared !== 'forbidden') : [];
      const a = tools.length ? await ctx.a() : undefined;
      const wrong: string[] = [];
      for (const tool of tools) {
        const { reply, taskId } = await ctx.createTask(a!, tool);
        const isTask = reply.kind === 'result' && isObject(reply.result.task);
        if (taskId) await ctx.pollTerminal(a!, taskId, 2_000); // one active task at a time: quotas stay out of it
        if (!isTask) wrong.push(`${tool.name} (declared ${tool.declared}) with task: ${describe(reply)}`);
      }
      if (wrong.length) return fail(wrong.join('; '), 'optional and required tools answer a task-augmented call with a CreateTaskResult');
      return pass(`${ctx.facts.tools.length} tools: ${counts.join(', ')}; ${tools.length} called with task, each as declared`);
    },
  ),

  check(
    {
      id: 'tool.forbidden-with-task',
      rule: 'R11',
      level: 'SHOULD',
      area: 'tool-support',
      title: 'a forbidden tool called with task is refused with -32601',
    },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      const call = toolWith(ctx, 'forbidden', false) ?? ctx.safeForbidden();
      const created = await ctx.createTask(await ctx.a(), call);
      const reply = created.reply;
      if (reply.kind === 'error' && reply.error.code === -32601) return pass(`-32601 ${JSON.stringify(reply.error.message)}`);
      const expected = 'JSON-RPC error -32601 (Method not found), the tool not run';
      // A2: a server may instead process the call normally; that is allowed, though not recommended.
      if (reply.kind === 'result' && (isObject(reply.result.task) || Array.isArray(reply.result.content))) {
        return warn(`tools/call ${call.name} with task: ${describe(reply)} (processed normally, A2)`, expected);
      }
      return fail(
        `tools/call ${call.name} with task: ${describe(reply)}`,
        `${expected}; the only alternative the spec allows is processing the call normally (A2)`,
      );
    },
  ),

  check(
    {
      id: 'tool.required-without-task',
      rule: 'R13',
      level: 'MUST',
      area: 'tool-support',
      title: 'a required tool called without task is refused with -32601',
    },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      const call = toolWith(ctx, 'required', true);
      if (!call) return skip('no tool declares taskSupport "required"');
      const reply = await (await ctx.a()).call('tools/call', { name: call.name, arguments: call.args });
      if (reply.kind === 'error' && reply.error.code === -32601) return pass(`-32601 ${JSON.stringify(reply.error.message)}`);
      return fail(
        `tools/call ${call.name} without task: ${describe(reply)}`,
        'JSON-RPC error -32601 (Method not found) (A1: not -32600, not a tool result)',
      );
    },
  ),

  check(
    {
      id: 'tool.optional-without-task',
      rule: 'R12',
      level: 'MUST',
      area: 'tool-support',
      title: 'an optional tool also runs as a normal call (clients MAY call it either way)',
    },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      const call = toolWith(ctx, 'optional', false);
      if (!call)
        return skip(
          'no optional tool known to complete: pass --tool-role completes=NAME[:JSON] (config key roles.completes) naming a tool with taskSupport optional',
        );
      const reply = await (await ctx.a()).call('tools/call', { name: call.name, arguments: call.args });
      if (reply.kind === 'result' && Array.isArray(reply.result.content) && !isObject(reply.result.task)) return pass();
      return fail(`tools/call ${call.name} without task: ${describe(reply)}`, 'a CallToolResult');
    },
  ),

  // A tool's declared taskSupport against what the server does when it is called without a task
  // (R12, R13): "forbidden" and "optional" tools run as normal calls, "required" ones are refused
  // with -32601 before running. Each safe tool (safeTools above) is called once.
  check(
    {
      id: 'tool.plain-call-behaviour',
      rule: 'R13',
      level: 'MUST',
      area: 'tool-support',
      title: 'each safe tool called without task behaves as declared (required: -32601; optional, forbidden: a normal call)',
    },
    async (ctx) => {
      ctx.requireCapability('tools.call');
      const tools = safeTools(ctx);
      if (!tools.length)
        return skip('no listed tool is known to be safe to call (fixtures, --tool, or read-only tools without required arguments)');
      const a = await ctx.a();
      // As long as a task of this server may take (discovery's observations), at least 5 s.
      const budget = ctx.waitMs(5_000);
      const bad: string[] = [];
      const unanswered: string[] = [];
      for (const tool of tools) {
        const reply = await a.call('tools/call', { name: tool.name, arguments: tool.args }, { timeoutMs: budget });
        const refused = reply.kind === 'error' && reply.error.code === -32601;
        const task = reply.kind === 'result' && isObject(reply.result.task);
        // A slow tool is not a wrong one: no answer in time is no verdict about it.
        if (reply.kind === 'local') unanswered.push(`${tool.name} ${brief(tool.args)} (${tool.declared}): ${describe(reply)}`);
        else if (tool.declared === 'required' ? !refused : refused || task) bad.push(`${tool.name} (${tool.declared}): ${describe(reply)}`);
      }
      if (bad.length)
        return fail(
          bad.join('; '),
          'required tools refused with -32601 when called without task; optional and forbidden tools answered as normal calls',
        );
      if (unanswered.length)
        return inconclusive(
          `no answer within ${budget} ms (the time a task of this server may take, from discovery) for ${unanswered.join('; ')}`,
        );
      return pass(`${tools.length} tools: ${tools.map((t) => `${t.name} ${brief(t.args)} (${t.declared})`).join(', ')}`);
    },
  ),
];
