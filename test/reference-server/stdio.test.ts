/**
 * The reference server over stdio (`--stdio`): one anonymous client, one task lifecycle.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { MAIN, TIMEOUT_MS, waitFor, within, type Wire } from './helpers.js';

describe('reference server over stdio', () => {
  let transport: StdioClientTransport | undefined;
  let pid: number | null | undefined;

  after(async () => {
    await transport?.close().catch(() => {});
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('runs a delay task lifecycle and exits when the client closes', { timeout: 30_000 }, async () => {
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [MAIN, '--stdio'],
      env: getDefaultEnvironment(),
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await within(client.connect(transport), TIMEOUT_MS, 'connect over stdio');
    pid = transport.pid;
    const request = (method: string, params: Record<string, unknown>) =>
      client.request({ method, params } as never, ResultSchema, { timeout: TIMEOUT_MS }) as Promise<Wire>;

    assert.deepEqual(client.getServerCapabilities()?.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
    const { task } = await request('tools/call', { name: 'delay', arguments: { ms: 50, text: 'over stdio' }, task: { ttl: 60_000 } });
    assert.equal(task.status, 'working');
    assert.ok(['working', 'completed'].includes((await request('tasks/get', { taskId: task.taskId })).status));
    assert.equal((await request('tasks/result', { taskId: task.taskId })).content[0].text, 'over stdio');
    assert.equal((await request('tasks/get', { taskId: task.taskId })).status, 'completed');
    const listed = (await request('tasks/list', {})).tasks as { taskId: string }[];
    assert.ok(listed.some((t) => t.taskId === task.taskId));

    await waitFor(
      () => (stderr.includes('listening on stdio') ? true : undefined),
      5_000,
      () => `the stdio banner on stderr (${stderr})`,
    );
    assert.match(stderr, /"event":"task.created","owner":"anonymous"/);

    await within(client.close(), TIMEOUT_MS, 'client.close');
    // The server exits by itself once its stdin ends.
    await waitFor(
      () => {
        try {
          process.kill(pid!, 0);
          return undefined;
        } catch {
          return true;
        }
      },
      5_000,
      () => 'the server process to exit',
    );
  });
});
