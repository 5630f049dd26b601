/** Helpers of the requestor-kit tests: run the kit on a client program, read a status by rule. */
import { fileURLToPath } from 'node:url';
import type { ClientReport } from '../../../conformance/client/report.js';
import { runClientConformance } from '../../../conformance/client/runner.js';
import type { CheckStatus } from '../../../conformance/core/check.js';

const node = JSON.stringify(process.execPath);
const program = (relative: string) => JSON.stringify(fileURLToPath(new URL(relative, import.meta.url)));

/** The command line of the raw test client, broken in one way (or none). */
export const rawClient = (broken?: string): string => `${broken ? `BROKEN=${broken} ` : ''}${node} ${program('./raw-client.js')}`;
/** The raw test client as a receiver of task-augmented elicitation (raw-receiver.ts), broken in one way (or none). */
export const receiverClient = (broken?: string, kind: 'elicitation' | 'sampling' = 'elicitation'): string =>
  `${broken ? `BROKEN=${broken}` : `RECEIVER=${kind === 'sampling' ? 'sampling' : '1'}`} ${node} ${program('./raw-client.js')}`;
/** The SDK 1.32 Client as receiver, on its own task support (sdk-receiver-client.ts; scenario receiver only). */
export const sdkReceiverClient = `${node} ${program('./sdk-receiver-client.js')}`;
export const sdkClient = `${node} ${program('../../interop/clients/sdk-client.js')}`;
export const extTasksClient = `${node} ${program('../../interop/clients/ext-tasks-client.js')}`;

export function runKit(command: string, scenarios?: string[], timeoutMs = 20_000): Promise<ClientReport> {
  return runClientConformance({ command, timeoutMs, ...(scenarios && { scenarios }) });
}

/** Worst first: what a rule's entry says when several checks judge it. */
const SEVERITY: readonly CheckStatus[] = ['fail', 'warn', 'pass', 'inconclusive', 'skip'];

/** rule -> status of its check (of the worst of its checks, when several judge one rule). */
export function statuses(report: ClientReport): Record<string, CheckStatus> {
  const out: Record<string, CheckStatus> = {};
  for (const r of report.results) {
    const before = out[r.rule];
    if (before === undefined || SEVERITY.indexOf(r.status) < SEVERITY.indexOf(before)) out[r.rule] = r.status;
  }
  return out;
}
