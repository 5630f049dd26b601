/**
 * The fixture tools of the reference server. Their exact behaviour is documented in ONE place,
 * reference-server/FIXTURES.md; keep the two in step.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/v4';
import type { TaskSupport, TaskToolExtra, TasksServer } from '../src/index.js';

/** Every fixture tool and its taskSupport (R14), in registration order. */
export const FIXTURE_TOOLS: Readonly<Record<string, TaskSupport>> = Object.freeze({
  echo: 'forbidden',
  delay: 'optional',
  fail_result: 'optional',
  throw_error: 'optional',
  ask_input: 'required',
  until_cancelled: 'required',
  count_steps: 'optional',
  support_forbidden: 'forbidden',
  support_optional: 'optional',
  support_required: 'required',
});

export const MAX_DELAY_MS = 600_000;
export const THROW_ERROR_DEFAULT_CODE = -32050;

const text = (value: string, isError = false): CallToolResult => ({ content: [{ type: 'text', text: value }], ...(isError && { isError: true }) });

/** Register every fixture tool on a `TasksServer`. */
export function registerFixtures(tasks: TasksServer): void {
  const support = (name: keyof typeof FIXTURE_TOOLS & string) => ({ taskSupport: FIXTURE_TOOLS[name] });

  tasks.registerTool(
    'echo',
    { description: 'Returns its text at once. Never a task.', inputSchema: { text: z.string() }, execution: support('echo') },
    ({ text: value }) => text(value),
  );

  tasks.registerTool(
    'delay',
    {
      description: 'Waits ms milliseconds (reporting progress), then returns text. Cancelling stops it.',
      inputSchema: { ms: z.number().int().min(0).max(MAX_DELAY_MS), text: z.string().optional() },
      execution: support('delay'),
    },
    async ({ ms, text: value }, extra) => {
      await progress(extra, 0, 1);
      await sleep(ms, extra.signal);
      await progress(extra, 1, 1);
      return text(value ?? `waited ${ms} ms`);
    },
  );

  tasks.registerTool(
    'fail_result',
    {
      description: 'Returns a tool result with isError: true (as a task: status failed, tasks/result returns that result).',
      inputSchema: { text: z.string().optional() },
      execution: support('fail_result'),
    },
    ({ text: value }) => text(value ?? 'fail_result: the tool reported an error', true),
  );

  tasks.registerTool(
    'throw_error',
    {
      description: 'Throws a JSON-RPC error (default code -32050); as a task, tasks/result returns that same error.',
      inputSchema: { message: z.string().min(1).optional(), code: z.number().int().optional() },
      execution: support('throw_error'),
    },
    ({ message, code }) => {
      throw Object.assign(new Error(message ?? 'throw_error: deliberate failure'), { code: code ?? THROW_ERROR_DEFAULT_CODE });
    },
  );

  tasks.registerTool(
    'ask_input',
    {
      description: 'Asks the requestor for an answer (elicitation/create, task status input_required) and returns it.',
      inputSchema: { message: z.string().min(1).optional() },
      execution: support('ask_input'),
    },
    async ({ message }, extra) => {
      const task = requireTask(extra, 'ask_input');
      if (!task.peer.clientCapabilities()?.elicitation) {
        throw new Error('ask_input: the client did not declare the elicitation capability, so the task cannot ask for input');
      }
      const answer = await task.elicit({
        message: message ?? 'What is your answer?',
        requestedSchema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] },
      });
      const content = answer.content as { answer?: unknown } | undefined;
      if (answer.action !== 'accept') return text(`ask_input: the user did not answer (action: ${String(answer.action)})`, true);
      if (typeof content?.answer !== 'string') return text('ask_input: the answer is missing or not a string', true);
      return text(content.answer);
    },
  );

  tasks.registerTool(
    'until_cancelled',
    {
      description: 'Runs until tasks/cancel (or maxMs, default 600000, then completes with a note).',
      inputSchema: { maxMs: z.number().int().min(1).max(MAX_DELAY_MS).optional() },
      execution: support('until_cancelled'),
    },
    async ({ maxMs }, extra) => {
      const limit = maxMs ?? MAX_DELAY_MS;
      await sleep(limit, extra.signal);
      return text(`until_cancelled: not cancelled within ${limit} ms`);
    },
  );

  tasks.registerTool(
    'count_steps',
    {
      description: 'Counts steps 1..steps: stores each in the task variables and reports progress; returns the variables.',
      inputSchema: { steps: z.number().int().min(1).max(1000), delayMs: z.number().int().min(0).max(10_000).optional() },
      execution: support('count_steps'),
    },
    async ({ steps, delayMs }, extra) => {
      for (let step = 1; step <= steps; step++) {
        if (delayMs) await sleep(delayMs, extra.signal);
        extra.signal.throwIfAborted();
        await extra.task?.setVariables({ step, [`step_${step}`]: 'done' });
        await progress(extra, step, steps);
      }
      if (!extra.task) return text(`counted ${steps} steps`);
      return text(`counted ${steps} steps; variables: ${JSON.stringify(await extra.task.variables())}`);
    },
  );

  for (const value of ['forbidden', 'optional', 'required'] as const) {
    const name = `support_${value}` as const;
    tasks.registerTool(
      name,
      { description: `Returns "${name}: ok" at once (taskSupport: ${value}).`, execution: support(name) },
      () => text(`${name}: ok`),
    );
  }
}

/** Progress on the request's progressToken: through the task (R24) or, for a plain call, directly. */
async function progress(extra: TaskToolExtra, done: number, total: number): Promise<void> {
  if (extra.task) return extra.task.progress(done, total);
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return;
  await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: done, total } }).catch(() => {});
}

function requireTask(extra: TaskToolExtra, tool: string): NonNullable<TaskToolExtra['task']> {
  // taskSupport 'required' means the library never runs these tools without a task (R13).
  if (!extra.task) throw new Error(`${tool} only runs as a task`);
  return extra.task;
}

/** Resolve after `ms`, or reject with the abort reason when `signal` fires (tasks/cancel). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => (signal.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
