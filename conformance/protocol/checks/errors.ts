/** Error codes and messages for bad input: R71, R73 (digest section 3.12). */
import { randomUUID } from 'node:crypto';
import { fail, pass, skip, warn } from '../../core/check.js';
import type { TaskMethod } from '../../core/wire.js';
import { check, type Check } from '../check.js';
import { describe, isError, type CheckContext } from '../context.js';
import type { WireReply } from '../session.js';

/** The methods about one task (they take a taskId), in the order their checks run. */
type Method = Exclude<TaskMethod, 'tasks/list'>;
const METHODS: readonly Method[] = ['tasks/get', 'tasks/result', 'tasks/cancel'];

const BAD_PARAMS: readonly { label: string; params: Record<string, unknown> }[] = [
  { label: 'taskId 42 (a number)', params: { taskId: 42 } },
  { label: 'taskId null', params: { taskId: null } },
  { label: 'no taskId', params: {} },
];

/** Every error reply collected by the checks below, for R73. */
async function errorStore(ctx: CheckContext): Promise<{ label: string; reply: WireReply }[]> {
  return ctx.memo('errors.collected', async () => [] as { label: string; reply: WireReply }[]);
}

function requireMethod(ctx: CheckContext, method: Method): void {
  if (method === 'tasks/cancel') ctx.requireCapability('cancel');
  else if (!ctx.tasksCapability) ctx.requireCapability('tools.call');
}

const notFound = (method: Method): Check =>
  check(
    {
      id: `err.not-found.${method.slice(6)}`,
      rule: 'R71',
      level: 'MUST',
      area: 'errors',
      title: `${method} of a nonexistent taskId gives -32602`,
    },
    async (ctx) => {
      requireMethod(ctx, method);
      const taskId = `conformance-nonexistent-${randomUUID()}`;
      const reply = await (await ctx.a()).call(method, { taskId }, { timeoutMs: 5_000 });
      (await errorStore(ctx)).push({ label: `${method} nonexistent`, reply });
      if (isError(reply, -32602)) return pass(JSON.stringify(reply.error.message));
      return fail(`${method} {"taskId":"${taskId}"}: ${describe(reply)}`, 'JSON-RPC error -32602 (Invalid params)');
    },
  );

const invalidId = (method: Method): Check =>
  check(
    {
      id: `err.invalid-id.${method.slice(6)}`,
      rule: 'R71',
      level: 'MUST',
      area: 'errors',
      title: `${method} with a missing or non-string taskId gives -32602`,
    },
    async (ctx) => {
      requireMethod(ctx, method);
      const a = await ctx.a();
      const bad: string[] = [];
      for (const { label, params } of BAD_PARAMS) {
        const reply = await a.call(method, params, { timeoutMs: 5_000 });
        (await errorStore(ctx)).push({ label: `${method} ${label}`, reply });
        if (!isError(reply, -32602)) bad.push(`${label}: ${describe(reply)}`);
      }
      if (bad.length) return fail(bad.join('; '), 'JSON-RPC error -32602 (Invalid params) for each');
      return pass(`${BAD_PARAMS.length} malformed requests refused`);
    },
  );

/** Bare JSON-RPC error names: a message that says nothing more is not informative. */
const GENERIC = /^(invalid params|internal error|invalid request|method not found|error|bad request)\.?$/i;

export const errorChecks: Check[] = [
  ...METHODS.map(notFound),
  ...METHODS.map(invalidId),
  check(
    { id: 'err.informative-messages', rule: 'R73', level: 'SHOULD', area: 'errors', title: 'error messages for bad input are informative' },
    async (ctx) => {
      const errors = (await errorStore(ctx)).filter((e) => e.reply.kind === 'error');
      if (!errors.length) return skip('no error replies were collected (the error checks did not run)');
      const poor = errors.filter(
        (e) => e.reply.kind === 'error' && (e.reply.error.message.trim().length < 8 || GENERIC.test(e.reply.error.message.trim())),
      );
      if (poor.length)
        return warn(
          poor.map((e) => `${e.label}: ${describe(e.reply)}`).join('; '),
          'messages that say what was wrong (e.g. "Failed to retrieve task: Task not found")',
        );
      return pass(`${errors.length} messages, e.g. ${describe(errors[0]!.reply)}`);
    },
  ),
];
