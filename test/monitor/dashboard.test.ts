/**
 * The live task monitor's HTTP endpoints (issue 22): owner isolation on the JSON and on the event
 * stream (owner A's token never sees owner B's tasks), the operator's view of every owner, cancel
 * within those bounds, the token and header checks, loopback-only serving without tokens, and
 * GET /metrics beside it.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { DASHBOARD_HEADER } from '../../src/monitor/index.js';
import { startDashboardRig, type DashboardRig } from './dashboard-server.js';

const TOKENS = {
  'tok-a': { owner: 'auth:alice', operator: false },
  'tok-b': { owner: 'auth:bob', operator: false },
  'tok-ops': { owner: 'auth:ops', operator: true },
};

interface Snapshot {
  viewer: { owner: string; operator: boolean };
  tasks: {
    taskId: string;
    owner: string;
    status: string;
    tool: string;
    questions: { message: string }[];
    progress?: { progress: number };
  }[];
}

/** One server-sent event: a `snapshot` (data.tasks) or a `task` (data.task). */
interface StreamEvent {
  event: string;
  data: { tasks: { taskId: string; owner: string }[]; task: { taskId: string; owner: string; status: string } };
}

/** Read an event stream until `until` holds for the events so far (bounded). */
async function events(
  url: string,
  token: string,
  until: (events: StreamEvent[]) => boolean,
  during?: () => Promise<void>,
): Promise<StreamEvent[]> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: StreamEvent[] = [];
  let buffer = '';
  let started = false;
  const deadline = setTimeout(() => abort.abort(), 10_000);
  try {
    while (!until(seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let at: number;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (event && data) seen.push({ event, data: JSON.parse(data) as StreamEvent['data'] });
      }
      if (!started && seen.length > 0 && during) {
        started = true;
        await during();
      }
    }
  } finally {
    clearTimeout(deadline);
    abort.abort();
  }
  return seen;
}

describe('the task monitor with tokens', () => {
  let rig: DashboardRig;
  before(async () => {
    rig = await startDashboardRig(TOKENS);
  });
  after(() => rig.close());

  const api = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${rig.url}/dashboard${path}`, {
      ...init,
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(init.headers as Record<string, string>) },
    });
  const snapshot = async (token: string) => (await (await api('/api/tasks', token)).json()) as Snapshot;

  it("owner A's token sees A's tasks only, B's only B's; the operator sees both; no arguments are shown", async () => {
    const a = await rig.start('auth:alice', 'report', { progress: [2, 5, 'two of five'], question: 'Approve the report?' });
    const b = await rig.start('auth:bob', 'deploy');
    const ofA = await snapshot('tok-a');
    assert.deepEqual(ofA.viewer, { owner: 'auth:alice', operator: false });
    assert.ok(ofA.tasks.every((t) => t.owner === 'auth:alice'));
    assert.ok(ofA.tasks.some((t) => t.taskId === a.task.taskId));
    assert.ok(!ofA.tasks.some((t) => t.taskId === b.task.taskId));
    const ofB = await snapshot('tok-b');
    assert.ok(ofB.tasks.every((t) => t.owner === 'auth:bob') && ofB.tasks.some((t) => t.taskId === b.task.taskId));
    const ofOps = await snapshot('tok-ops');
    assert.ok(ofOps.tasks.some((t) => t.taskId === a.task.taskId) && ofOps.tasks.some((t) => t.taskId === b.task.taskId));
    const seenA = ofOps.tasks.find((t) => t.taskId === a.task.taskId)!;
    assert.equal(seenA.tool, 'report');
    assert.equal(seenA.status, 'input_required');
    assert.deepEqual(
      seenA.questions.map((q) => q.message),
      ['Approve the report?'],
    );
    assert.equal(seenA.progress?.progress, 2);
    assert.doesNotMatch(JSON.stringify(ofOps), /never shown/);
    a.gate.release();
    b.gate.release();
  });

  it("owner A's event stream carries A's changes and never B's", async () => {
    let b: Awaited<ReturnType<DashboardRig['start']>> | undefined;
    let a: Awaited<ReturnType<DashboardRig['start']>> | undefined;
    const seen = await events(
      `${rig.url}/dashboard/api/events`,
      'tok-a',
      (evs) =>
        a !== undefined &&
        evs.some((e) => e.event === 'task' && e.data.task.taskId === a!.task.taskId && e.data.task.status === 'completed'),
      async () => {
        b = await rig.start('auth:bob', 'deploy');
        b.gate.release();
        a = await rig.start('auth:alice', 'report');
        a.gate.release('ok');
      },
    );
    assert.equal(seen[0]!.event, 'snapshot');
    assert.ok(
      seen.every((e) =>
        e.event === 'snapshot'
          ? e.data.tasks.every((t: { owner: string }) => t.owner === 'auth:alice')
          : e.data.task.owner === 'auth:alice',
      ),
    );
    assert.ok(!JSON.stringify(seen).includes(b!.task.taskId));
  });

  it("the operator's stream carries every owner's changes", async () => {
    let b: Awaited<ReturnType<DashboardRig['start']>> | undefined;
    const seen = await events(
      `${rig.url}/dashboard/api/events`,
      'tok-ops',
      (evs) => b !== undefined && evs.some((e) => e.event === 'task' && e.data.task.taskId === b!.task.taskId),
      async () => {
        b = await rig.start('auth:bob', 'deploy');
        b.gate.release();
      },
    );
    assert.ok(seen.some((e) => e.event === 'task' && e.data.task.owner === 'auth:bob'));
  });

  it("cancel: A cannot cancel B's task (not found, still running), B and the operator can; the header and a token are required", async () => {
    const b = await rig.start('auth:bob', 'deploy');
    const cancel = (token: string | undefined, headers: Record<string, string> = { [DASHBOARD_HEADER]: '1' }) =>
      api(`/api/tasks/${b.task.taskId}/cancel`, token, { method: 'POST', headers });
    assert.equal((await cancel('tok-a')).status, 404);
    assert.equal((await snapshot('tok-b')).tasks.find((t) => t.taskId === b.task.taskId)?.status, 'working');
    assert.equal((await cancel(undefined)).status, 401);
    assert.equal((await cancel('tok-nope')).status, 401);
    assert.equal((await cancel('tok-ops', {})).status, 403);
    const done = await cancel('tok-ops');
    assert.equal(done.status, 200);
    assert.deepEqual(await done.json(), { taskId: b.task.taskId, status: 'cancelled' });
    assert.equal((await cancel('tok-b')).status, 409, 'already ended');
  });

  it('the page and its files are served without a token, with a strict content security policy; the API needs one', async () => {
    const page = await api('');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(await page.text(), /data-auth="token"/);
    assert.equal((await api('/app.js')).status, 200);
    assert.equal((await api('/app.css')).status, 200);
    assert.equal((await api('/api/tasks')).status, 401);
    assert.equal((await api('/api/nothing', 'tok-a')).status, 404);
    assert.equal((await api('/api/tasks', 'tok-a', { method: 'DELETE' })).status, 405);
  });

  it('GET /metrics serves the Prometheus text beside it', async () => {
    const res = await fetch(`${rig.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain; version=0\.0\.4/);
    assert.match(await res.text(), /^mcp_tasks_created_total\{tool="deploy"\} \d+$/m);
  });
});

describe('the task monitor without tokens', () => {
  let rig: DashboardRig;
  before(async () => {
    rig = await startDashboardRig();
  });
  after(() => rig.close());

  it('serves loopback clients as operators, and refuses a request naming another host (DNS rebinding)', async () => {
    const a = await rig.start('session:1', 'report');
    const res = await fetch(`${rig.url}/dashboard/api/tasks`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Snapshot;
    assert.deepEqual(body.viewer, { owner: 'operator', operator: true });
    assert.ok(body.tasks.some((t) => t.taskId === a.task.taskId));
    const port = new URL(rig.url).port;
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/dashboard/api/tasks', headers: { host: `attacker.example:${port}` } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(status, 403);
    a.gate.release();
  });
});
