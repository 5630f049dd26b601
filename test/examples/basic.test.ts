/**
 * CI smoke test: the basic example runs to completion on its own and prints the tool's result.
 * Runs the compiled example as a child process (dist/test/examples -> dist/examples).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../examples/basic.js', import.meta.url));

test('examples/basic runs, exits 0 and prints the squared result', async () => {
  // execFile rejects on a non-zero exit code; a hang (something keeping the process alive)
  // is killed by the timeout and rejects too.
  const { stdout } = await run(process.execPath, [example], { timeout: 20_000 });
  const lines = stdout.trim().split('\n');
  assert.match(lines[0] ?? '', /^created: task \S+ status=working pollInterval=50 ms$/);
  assert.ok(
    lines.some((l) => /^progress: 3\/3 /.test(l)),
    `no final progress line in:\n${stdout}`,
  );
  assert.ok(lines.includes('status: completed'), `no completed status in:\n${stdout}`);
  assert.equal(lines.at(-1), 'result: 7 squared is 49');
});
