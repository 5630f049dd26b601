/**
 * CI smoke test: the code-mode example runs to completion on its own and prints the final value,
 * the refusals (bad program, missing token, tampered program) and the cancellation.
 * Runs the compiled example as a child process (dist/test/examples -> dist/examples).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../examples/code-mode.js', import.meta.url));

test('examples/code-mode runs, exits 0, and shows the result, the refusals and the cancellation', async () => {
  // execFile rejects on a non-zero exit code; a hang is killed by the timeout and rejects too.
  const { stdout } = await run(process.execPath, [example], { timeout: 20_000 });
  const lines = stdout.trim().split('\n');
  const has = (pattern: RegExp) =>
    assert.ok(
      lines.some((l) => pattern.test(l)),
      `no line matching ${pattern} in:\n${stdout}`,
    );

  // 1. validate -> execute as a task -> progress per call -> tasks/result
  has(/^validate: approved, token \S+\.\.\.$/);
  has(/^progress: 4\/4 call 3: add\(30, 3\) = 33$/);
  has(/^tasks\/get: completed: ran 4 of 4 calls/);
  assert.ok(lines.includes('server variables: {"step":4,"results":[3,30,30,33]}'), `no variables line in:\n${stdout}`);
  assert.ok(lines.includes('final value: 33 (task completed)'), `no final value in:\n${stdout}`);

  // 2. refusals
  has(/^validate rejected: .*call 0: a refers to call 1, which does not come before it.*unknown tool 'rm'/);
  assert.ok(
    lines.includes('execute without token: rejected with JSON-RPC -32602, tasks created: 0'),
    `no missing-token refusal in:\n${stdout}`,
  );
  has(/^tasks\/get: failed: execute refused: the approval token does not match this program/);
  has(/^refused: task \S+ status=failed, server variables \{\} \(no call ran\)$/);
  assert.ok(lines.includes('tasks/result: JSON-RPC error -32602'), `no tasks/result refusal in:\n${stdout}`);

  // 3. cancellation between steps: only call 0 ran
  has(/^tasks\/cancel: status=cancelled$/);
  has(/^cancelled: task \S+ status=cancelled after 1 of 4 calls$/);
  assert.ok(!lines.some((l) => /^progress: 2\/4 call 1: wait/.test(l)), `the slow call should not have finished:\n${stdout}`);
});
