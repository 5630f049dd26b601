/**
 * CI smoke test: the workflow example runs to completion on its own (three steps, one input
 * pause answered by its client) and prints the progress and the final result.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../examples/workflow.js', import.meta.url));

test('examples/workflow runs, pauses for input once, exits 0 and prints the label', async () => {
  const { stdout } = await run(process.execPath, [example], { timeout: 20_000 });
  const lines = stdout.trim().split('\n');
  assert.match(lines[0] ?? '', /^created: task \S+ status=working$/);
  assert.deepEqual(
    lines.filter((l) => l.startsWith('progress: ')),
    ['progress: 1/3 step 1/3 done: order', 'progress: 2/3 step 2/3 done: confirm', 'progress: 3/3 step 3/3 done: label'],
  );
  assert.deepEqual(
    lines.filter((l) => l.startsWith('elicitation: ')),
    ['elicitation: Confirm the shipping speed (task status input_required)'],
  );
  assert.ok(lines.includes('status: completed (step 3/3 done: label)'), stdout);
  assert.ok(lines.includes('outputs: order, confirm, label'), stdout);
  assert.equal(lines.at(-1), 'result: SHIP A-17 to 1 Main St (2 items, express)');
});
