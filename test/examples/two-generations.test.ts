/**
 * CI smoke test: the two-generations example serves a 2025-11-25 client and a 2026-07-28 client at
 * one URL, each to a completed task, and exits on its own (dist/test/examples -> dist/examples).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../examples/two-generations.js', import.meta.url));

test('examples/two-generations runs, exits 0, and both generations complete their task', async () => {
  // A non-zero exit or a hang (the timeout kills it) rejects.
  const { stdout } = await run(process.execPath, [example], { timeout: 20_000 });
  const lines = stdout.trim().split('\n');
  assert.match(lines[0] ?? '', /^2025-11-25: task \S+ created$/);
  assert.equal(lines[1], '2025-11-25: result: 7 squared is 49');
  const created = /^2026-07-28: tools\/call answered resultType=task, task (\S+)$/.exec(lines[2] ?? '');
  assert.ok(created, `no 2026 CreateTaskResult line in:\n${stdout}`);
  assert.equal(lines[3], '2026-07-28: completed, result inlined in tasks/get: 9 squared is 81');
  // Only the 2026 task is anonymous's: the 2025 one belongs to its session (owner isolation).
  assert.equal(lines[4], `one store: anonymous owns 1 task(s), ${created[1]}`);
});
