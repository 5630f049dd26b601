/**
 * `pg` and `@electric-sql/pglite` are optional peers: importing `mcp-tasks` or even
 * `mcp-tasks/postgres` must not load them (the caller passes the pool or the instance). Proved
 * in a child process where both are hidden from module resolution.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hidingHook } from '../reference-server/hide-packages.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('optional peers pg and @electric-sql/pglite', () => {
  it('mcp-tasks and mcp-tasks/postgres import without them', () => {
    const script = `const core = await import('mcp-tasks'); const pgs = await import('mcp-tasks/postgres');
console.log(typeof core.InMemoryTaskStore, typeof pgs.PostgresTaskStore, typeof pgs.migrate);
await import('pg').then(() => console.log('pg visible'), (e) => console.log(e.code));`;
    const child = spawnSync(
      process.execPath,
      ['--import', hidingHook(['pg', '@electric-sql/pglite']), '--input-type=module', '-e', script],
      { cwd: ROOT, encoding: 'utf8' },
    );
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, 'function function function\nERR_MODULE_NOT_FOUND\n');
  });
});
