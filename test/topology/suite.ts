/**
 * Three stateless reference-server processes on one shared store behind a round-robin proxy
 * without affinity (harness.ts, issue 13; the store a parameter, issue 21): the protocol
 * conformance suite through the proxy with two owners; a question asked on one instance and
 * answered through another; SIGKILL of the instance running a three-step workflow mid-step. No
 * timing is asserted: every wait is on a condition, with a generous deadline. The test files
 * (topology.test.ts: DynamoDB on dynalite; topology-postgres.test.ts: PostgreSQL) each run it on
 * one store, so the two run as separate files.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatReport, runProtocolConformance } from '../../conformance/index.js';
import { connect, type Connection } from '../reference-server/helpers.js';
import type { TopologyStore } from './backends.js';
import { startTopology, TOKEN_A, TOKEN_B, until, type Topology } from './harness.js';
import { stepLog, WORKFLOW_TOOL } from './workflow.js';

/** Limits the conformance suite is told about (R38 with the operator's numbers). */
const LIMITS = { maxTasksPerOwner: 5, maxTtlMs: 60_000 } as const;
/** Known on every HTTP target: tasks/get is answered as JSON-RPC over SSE only when needed. */
const KNOWN_WARNINGS = new Set(['poll.no-sse-for-get']);
type Result = Awaited<ReturnType<typeof runProtocolConformance>>['results'][number];

const WHERE: Record<TopologyStore, string> = { dynamodb: 'one DynamoDB table (dynalite)', postgres: 'one PostgreSQL database' };

export function describeTopology(store: TopologyStore): void {
  describe(`three stateless instances on ${WHERE[store]} behind a round-robin proxy`, { timeout: 120_000 }, () => {
    let topology: Topology;
    let report: Awaited<ReturnType<typeof runProtocolConformance>>;
    const open: Connection[] = [];

    before(async () => {
      topology = await startTopology({
        store,
        instances: 3,
        leaseMs: 1_500,
        flags: ['--max-tasks-per-owner', String(LIMITS.maxTasksPerOwner), '--max-ttl-ms', String(LIMITS.maxTtlMs)],
      });
      report = await runProtocolConformance({ target: { url: topology.proxy.url }, authA: TOKEN_A, authB: TOKEN_B, ...LIMITS });
    });

    after(async () => {
      await Promise.allSettled(open.map((c) => c.close()));
      await topology?.close();
    });

    const problems = (keep: (r: Result) => boolean) =>
      report.results
        .filter((r) => keep(r) && (r.status === 'fail' || (r.status === 'warn' && !KNOWN_WARNINGS.has(r.id))))
        .map((r) => `${r.status} ${r.rule} ${r.id}: ${r.observed}`);

    it('the conformance suite passes through the proxy with two owners', () => {
      assert.equal(report.identities, 2);
      assert.deepEqual(
        problems(() => true),
        [],
        formatReport(report),
      );
      assert.ok(
        topology.proxy.forwarded.every((n) => n > 0),
        `every instance served requests: ${topology.proxy.forwarded.join(', ')}`,
      );
    });

    // Without sessions the creating POST's stream has ended and there is no GET stream: the
    // progress is stored with the task and carried by the tasks/get and tasks/result streams
    // opened for it, on whichever instance (v2025/progress-carrier.ts).
    it("the conformance suite's progress after CreateTaskResult (R24) check passes through the proxy", () => {
      const progress = report.results.find((r) => r.id === 'create.progress-token');
      assert.equal(progress?.status, 'pass', formatReport(report));
    });

    it('a question asked by a task running on one instance is answered through another', async () => {
      const [first, second] = topology.instances;
      let asked = 0;
      const creator = await connect(first!.url, { token: TOKEN_A });
      open.push(creator);
      const answerer = await connect(second!.url, {
        token: TOKEN_A,
        elicitAnswer: () => (asked++, { action: 'accept', content: { answer: 'across instances' } }),
      });
      open.push(answerer);
      const created = await creator.request('tools/call', { name: 'ask_input', arguments: {}, task: { ttl: 60_000 } });
      const taskId = created.task.taskId as string;
      await until(async () => {
        const task = await answerer.request('tasks/get', { taskId });
        return task.status === 'input_required' || asked > 0 ? task : undefined;
      }, 'the task to wait for input');
      const result = await answerer.request('tasks/result', { taskId });
      assert.deepEqual(result.content, [{ type: 'text', text: 'across instances' }]);
      // At least once until answered (A10): the tasks/get that carried it ends before its answer is
      // stored, so the tasks/result may ask again; the answer is taken once, whichever it answers.
      assert.ok(asked >= 1, 'the question was asked');
    });

    it('SIGKILL of the instance running a three-step workflow mid-step: another instance completes it, each finished step run once', async () => {
      const victim = topology.instances[2]!;
      const creator = await connect(victim.url, { token: TOKEN_B });
      const created = await creator.request('tools/call', { name: WORKFLOW_TOOL, arguments: { holdAt: 'b' }, task: { ttl: 60_000 } });
      const taskId = created.task.taskId as string;
      const victimPid = victim.child.pid!;
      await until(
        async () => (stepLog(topology.log).some((s) => s.label === 'b' && s.pid === victimPid) ? true : undefined),
        'step b to start on the victim',
      );
      await creator.close().catch(() => undefined);
      victim.child.kill('SIGKILL');
      await victim.exited;

      const survivor = await connect(topology.proxy.url, { token: TOKEN_B });
      open.push(survivor);
      const final = await until(
        async () => {
          const task = await survivor.request('tasks/get', { taskId });
          return ['completed', 'failed', 'cancelled'].includes(task.status as string) ? task : undefined;
        },
        'the workflow to end',
        40_000,
      );
      assert.equal(final.status, 'completed', final.statusMessage as string);
      const runs = (label: string) => stepLog(topology.log).filter((s) => s.label === label);
      assert.equal(runs('a').length, 1, 'a finished before the kill: run once');
      assert.equal(runs('b').length, 2, 'b was in flight: run again by the instance that took over');
      assert.equal(runs('c').length, 1, 'c ran once');
      assert.notEqual(runs('c')[0]!.pid, victimPid);
    });
  });
}
