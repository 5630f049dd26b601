/**
 * The code-mode server: `validate` (a plain call) approves a program and returns a token bound
 * to it; `execute` (task-only) runs an approved program step by step as a task.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { InMemoryTaskStore, InvalidArgumentError, withTasks } from '../../src/index.js';
import { Approvals, checkProgram, MAX_CALLS, resolveArgs, TOOLS, type Program } from './language.js';

/** The wire shape of a program; what it means is checked by `checkProgram`. */
const programSchema = z
  .array(z.strictObject({ tool: z.string(), args: z.record(z.string(), z.union([z.number(), z.string()])) }))
  .max(MAX_CALLS);

export function createCodeModeServer(log: (line: string) => void = console.log) {
  const store = new InMemoryTaskStore({ security: { allowAnonymous: true, pollIntervalMs: 50 } });
  const mcp = new McpServer({ name: 'code-mode-example', version: '1.0.0' });
  const tasks = withTasks(mcp, { store });
  const approvals = new Approvals(); // a fresh random secret per server

  tasks.registerTool(
    'validate',
    {
      description: 'Checks a code-mode program; returns an approval token for exactly this program',
      inputSchema: { program: programSchema },
      execution: { taskSupport: 'forbidden' }, // cheap and synchronous: a plain call
    },
    ({ program }) => {
      const problems = checkProgram(program);
      if (problems.length > 0) {
        return { isError: true, content: [{ type: 'text', text: `Program rejected:\n- ${problems.join('\n- ')}` }] };
      }
      const token = approvals.issue(program);
      return { content: [{ type: 'text', text: token }], structuredContent: { token, calls: program.length } };
    },
  );

  tasks.registerTool(
    'execute',
    {
      description: 'Runs a program approved by `validate`, as a task; progress per step',
      inputSchema: { program: programSchema, token: z.string() }, // no token: -32602, no task
      execution: { taskSupport: 'required' },
    },
    async ({ program, token }, { task, signal }) => {
      // Refusal: checked before any step runs. The task already exists by now (tools/call with
      // `task` answers with CreateTaskResult before the handler runs), so a bad token ends it
      // `failed` at once: tasks/get shows the reason as statusMessage, and tasks/result answers
      // with JSON-RPC -32602 (InvalidArgumentError). No call of the program runs.
      if (!approvals.verify(program as Program, token)) {
        throw new InvalidArgumentError(
          'execute refused: the approval token does not match this program (call validate first; any change to the program needs a new token)',
        );
      }
      const problems = checkProgram(program); // the token implies this, but stay defensive
      if (problems.length > 0) throw new InvalidArgumentError(`execute refused: ${problems.join('; ')}`);

      const outputs: number[] = [];
      for (const [i, call] of program.entries()) {
        // Between steps: a tasks/cancel aborts `signal`; stop before starting the next call.
        if (signal.aborted) {
          log(`[server] task ${task?.taskId} stopped before call ${i}: ${(signal.reason as Error | undefined)?.message ?? 'aborted'}`);
          signal.throwIfAborted();
        }
        const args = resolveArgs(call, outputs);
        let output: number;
        try {
          output = await TOOLS[call.tool]!.run(args, signal);
        } catch (error) {
          if (signal.aborted)
            log(
              `[server] task ${task?.taskId} stopped during call ${i} (${call.tool}): ${(signal.reason as Error | undefined)?.message ?? 'aborted'}`,
            );
          throw error;
        }
        outputs.push(output);
        const summary = `call ${i}: ${call.tool}(${Object.values(args).join(', ')}) = ${output}`;
        // Task variables hold the run's state (server side); progress and statusMessage carry
        // it to the client (variables are not on the wire by default).
        // (a copy: the store freezes what it is given)
        await task?.setVariables({ step: i + 1, results: [...outputs] });
        await task?.setStatusMessage(`ran ${i + 1} of ${program.length} calls; last ${summary}`);
        task?.progress(i + 1, program.length, summary);
      }
      const value = outputs.at(-1) ?? 0;
      return { content: [{ type: 'text', text: String(value) }], structuredContent: { value, results: outputs } };
    },
  );

  return { mcp, store };
}
