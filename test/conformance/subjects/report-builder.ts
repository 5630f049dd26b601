#!/usr/bin/env node
/**
 * Kit subject "report-builder": a server built ONLY on the SDK 1.32 experimental task support,
 * with tools unlike the fixtures. `build_report` (taskSupport required) needs a string `title`
 * and runs through four stages of ~1 s each (~4 s), reporting progress after each on the
 * request's progressToken; `lookup_customer` (optional) needs a uuid and a non-empty array of
 * enum fields and completes at once; `list_regions` is a plain read-only tool; `drop_tables` is a
 * plain destructive tool the kit must never call.
 *
 * `node report-builder.js --port 0 [--stage-ms 1000]` serves it; tests import `reportBuilder(stageMs)`.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { serveFromCommandLine, type RegisterTools } from './sdk-http.js';

const STAGES = ['collect', 'aggregate', 'render', 'publish'];
const text = (t: string): CallToolResult => ({ content: [{ type: 'text', text: t }] });
const unused = async (): Promise<never> => {
  throw new Error('unused: the SDK serves tasks/get and tasks/result from the store');
};

/** The tools, with `build_report` taking four stages of `stageMs` each (default 1 s). */
export const reportBuilder =
  (stageMs = 1_000): RegisterTools =>
  (mcp: McpServer, count) => {
    mcp.experimental.tasks.registerToolTask(
      'build_report',
      {
        description: 'Builds a report in four stages (about 4 s).',
        inputSchema: {
          title: z.string().min(3).max(80),
          format: z.enum(['pdf', 'html']).default('html'),
          pages: z.number().int().min(1).max(50).optional(),
        },
        execution: { taskSupport: 'required' },
      },
      {
        createTask: async ({ title }, extra) => {
          count('build_report');
          const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 250 });
          const token = extra._meta?.progressToken;
          void (async () => {
            for (const [i, stage] of STAGES.entries()) {
              await new Promise((r) => setTimeout(r, stageMs));
              if (token !== undefined) {
                await mcp.server
                  .notification({
                    method: 'notifications/progress',
                    params: { progressToken: token, progress: i + 1, total: STAGES.length, message: stage },
                  })
                  .catch(() => {});
              }
            }
            await extra.taskStore.storeTaskResult(task.taskId, 'completed', text(`report "${title}" built`));
          })().catch(() => {}); // cancelled meanwhile: the store refuses the result
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );

    mcp.experimental.tasks.registerToolTask(
      'lookup_customer',
      {
        description: 'Looks a customer up.',
        inputSchema: { customerId: z.string().uuid(), fields: z.array(z.enum(['name', 'email', 'since'])).min(1) },
        execution: { taskSupport: 'optional' },
      },
      {
        createTask: async ({ customerId, fields }, extra) => {
          count('lookup_customer');
          const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 300_000, pollInterval: 250 });
          setTimeout(
            () =>
              void extra.taskStore.storeTaskResult(task.taskId, 'completed', text(`${customerId}: ${fields.join(',')}`)).catch(() => {}),
            20,
          );
          return { task };
        },
        getTask: unused,
        getTaskResult: unused,
      },
    );

    mcp.registerTool('list_regions', { description: 'Lists the regions.', annotations: { readOnlyHint: true } }, async () => {
      count('list_regions');
      return text('eu-west, us-east');
    });
    mcp.registerTool(
      'drop_tables',
      { description: 'Drops every table.', inputSchema: { confirm: z.boolean() }, annotations: { destructiveHint: true } },
      async () => {
        count('drop_tables');
        return text('dropped');
      },
    );
  };

export const registerReportBuilder = reportBuilder();

const stageArg = process.argv.indexOf('--stage-ms');
await serveFromCommandLine('report-builder', stageArg < 0 ? registerReportBuilder : reportBuilder(Number(process.argv[stageArg + 1])));
