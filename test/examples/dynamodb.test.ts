/**
 * CI smoke test: the DynamoDB example runs to completion on its own (dynalite in its process, or
 * MCP_TASKS_DYNAMODB_ENDPOINT), provisions the table and runs a task lifecycle.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../../examples/dynamodb.js', import.meta.url));

test('examples/dynamodb provisions the table, completes one task, cancels another, exits 0', async () => {
  const endpoint = process.env.MCP_TASKS_DYNAMODB_ENDPOINT;
  const args = endpoint === undefined ? [] : ['--endpoint', endpoint, '--table', `mcp-tasks-example-${process.pid}`];
  const { stdout } = await run(process.execPath, [example, ...args], { timeout: 30_000 });
  const lines = stdout.trim().split('\n');
  assert.ok(
    lines.some((l) => /^table: mcp-tasks-example\S* (created|exists) \(native TTL (on|off)\)$/.test(l)),
    stdout,
  );
  assert.deepEqual(lines.slice(-5), [
    'created: status=working',
    'result: 12 squared is 144',
    'cancelled: status=cancelled',
    'listed: completed, cancelled',
    'done',
  ]);
});
