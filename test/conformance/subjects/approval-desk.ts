#!/usr/bin/env node
/**
 * Kit subject "approval-desk": a server built ONLY on the SDK 1.32 experimental task support,
 * with tools unlike the fixtures. `request_approval` (required) asks the requestor through an
 * elicitation sent as a side-channel request of the task (the SDK queues it for tasks/result and
 * sets input_required), then completes with the answer; `validate_invoice` (optional) ends with
 * an isError result; `archive_batch` (optional) runs `waitSeconds` seconds (1-3); `get_status`
 * is a plain read-only tool; `wipe_archive` a plain destructive tool the kit must never call.
 *
 * `node approval-desk.js --port 0 [--second-ms 1000]` serves it; tests import
 * `approvalDesk(secondMs)`: how long one of `archive_batch`'s seconds really takes, so a test can
 * run the same tools (the kit still sees a quick and a long run of `archive_batch`, 1 s or more)
 * without waiting whole seconds.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ElicitResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { serveFromCommandLine, type RegisterTools } from './sdk-http.js';

const text = (t: string, isError = false): CallToolResult => ({ content: [{ type: 'text', text: t }], ...(isError && { isError }) });
const unused = async (): Promise<never> => {
  throw new Error('unused: the SDK serves tasks/get and tasks/result from the store');
};

/** The tools, with one second of `archive_batch` lasting `secondMs` (default 1 s). */
export const approvalDesk =
  (secondMs = 1_000): RegisterTools =>
  (mcp: McpServer, count) => {
    mcp.experimental.tasks.registerToolTask(
      'request_approval',
      {
        description: 'Asks the requestor to approve an expense.',
        inputSchema: {
          subject: z.string().min(1),
          amount: z.number().min(0).max(10_000),
          approver: z.object({ email: z.string().email(), name: z.string().optional() }),
        },
        execution: { taskSupport: 'required' },
      },
      {
        createTask: async ({ subject, amount }, extra) => {
          count('request_approval');
          const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 200 });
          void (async () => {
            await extra.taskStore.updateTaskStatus(task.taskId, 'input_required');
            const answer = await mcp.server.request(
              {
                method: 'elicitation/create',
                params: {
                  message: `Approve "${subject}" (${amount})?`,
                  requestedSchema: { type: 'object', properties: { answer: { type: 'string' } } },
                },
              },
              ElicitResultSchema,
              { relatedTask: { taskId: task.taskId }, timeout: 60_000 },
            );
            await extra.taskStore.updateTaskStatus(task.taskId, 'working');
            await extra.taskStore.storeTaskResult(
              task.taskId,
              'completed',
              text(`approval: ${answer.action} ${JSON.stringify(answer.content ?? {})}`),
            );
          })().catch(() => {});
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );

    mcp.experimental.tasks.registerToolTask(
      'validate_invoice',
      {
        description: 'Validates an invoice (this desk rejects every invoice).',
        inputSchema: { invoiceUrl: z.string().url(), issuedAt: z.string().datetime() },
        execution: { taskSupport: 'optional' },
      },
      {
        createTask: async ({ invoiceUrl }, extra) => {
          count('validate_invoice');
          const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 200 });
          setTimeout(
            () => void extra.taskStore.storeTaskResult(task.taskId, 'failed', text(`invoice ${invoiceUrl} rejected`, true)).catch(() => {}),
            100,
          );
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );

    mcp.experimental.tasks.registerToolTask(
      'archive_batch',
      {
        description: 'Archives a batch, taking waitSeconds seconds.',
        inputSchema: { batchId: z.string().regex(/^[a-z]+-\d+$/), waitSeconds: z.number().int().min(1).max(3) },
        execution: { taskSupport: 'optional' },
      },
      {
        createTask: async ({ batchId, waitSeconds }, extra) => {
          count('archive_batch');
          const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 200 });
          setTimeout(
            () => void extra.taskStore.storeTaskResult(task.taskId, 'completed', text(`${batchId} archived`)).catch(() => {}),
            waitSeconds * secondMs,
          );
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );

    mcp.registerTool('get_status', { description: 'The desk status.', annotations: { readOnlyHint: true } }, async () => {
      count('get_status');
      return text('open');
    });
    mcp.registerTool(
      'wipe_archive',
      { description: 'Deletes the archive.', annotations: { destructiveHint: true, readOnlyHint: false } },
      async () => {
        count('wipe_archive');
        return text('wiped');
      },
    );
  };

export const registerApprovalDesk = approvalDesk();

const secondArg = process.argv.indexOf('--second-ms');
await serveFromCommandLine('approval-desk', secondArg < 0 ? registerApprovalDesk : approvalDesk(Number(process.argv[secondArg + 1])));
