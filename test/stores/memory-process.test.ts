/**
 * InMemoryTaskStore in a process of its own: its cleanup timer must not keep a process alive, which
 * only a child process that would otherwise exit can show (so this file is not in the unit tier).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const memoryModule = fileURLToPath(new URL('../../src/stores/memory.js', import.meta.url));

describe('InMemoryTaskStore in its own process', () => {
  it('the cleanup timer does not keep the process alive', async () => {
    const script = `import { InMemoryTaskStore } from ${JSON.stringify(memoryModule)};
      const store = new InMemoryTaskStore({ cleanupIntervalMs: 60000 });
      await store.create('auth:x', { request: { method: 'tools/call' } });`;
    const started = Date.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = execFile(process.execPath, ['--input-type=module', '-e', script], { timeout: 10_000 }, (err) => {
        if (err && err.killed) reject(new Error('the child process was still alive after 10 s: the timer keeps it running'));
        else resolve(child.exitCode);
      });
    });
    assert.equal(code, 0);
    assert.ok(Date.now() - started < 10_000);
  });
});
