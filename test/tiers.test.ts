/**
 * The test tiers of scripts/run-tests.mjs hold: every entry of the UNIT list names test files that
 * exist, and the unit tier's guard (scripts/unit-guard.mjs) fails a file that starts a server,
 * connects to one or spawns a process, even when the test catches the error. This file spawns
 * processes to show it, so it is itself in the full tier.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUARD = pathToFileURL(join(ROOT, 'scripts/unit-guard.mjs')).href;

interface RunTests {
  UNIT: readonly string[];
  tierOf(file: string): 'unit' | 'full';
}
const runTests = (await import(pathToFileURL(join(ROOT, 'scripts/run-tests.mjs')).href)) as RunTests;

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testSources(path);
    return entry.name.endsWith('.test.ts') ? [relative(join(ROOT, 'test'), path).replaceAll('\\', '/')] : [];
  });
}

/** Run `code` (an ES module) with the guard preloaded, as the test runner runs a unit test file. */
function guarded(code: string, env: NodeJS.ProcessEnv = { NODE_TEST_CONTEXT: 'child' }) {
  const { NODE_TEST_CONTEXT: _, ...rest } = process.env;
  return spawnSync(process.execPath, ['--import', GUARD, '--input-type=module', '-e', code], {
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('test tiers (scripts/run-tests.mjs)', () => {
  const sources = testSources(join(ROOT, 'test'));

  it('every UNIT entry names at least one test file; both tiers have files', () => {
    const stale = runTests.UNIT.filter((entry) => !sources.some((s) => (entry.endsWith('/') ? s.startsWith(entry) : s === entry)));
    assert.deepEqual(stale, []);
    const unit = sources.filter((s) => runTests.tierOf(s) === 'unit');
    assert.ok(unit.length > 20 && unit.length < sources.length, `${unit.length} of ${sources.length} files in the unit tier`);
    assert.equal(runTests.tierOf('core/json.test.js'), 'unit', 'compiled paths map to their sources');
  });

  const traps: Record<string, string> = {
    'an HTTP listener': "import { createServer } from 'node:http'; createServer().listen(0);",
    'a connection (fetch)': "await fetch('http://127.0.0.1:47613/');",
    'a child process': "import { spawn } from 'node:child_process'; spawn(process.execPath, ['-v']);",
    'a child process whose error the test catches':
      "import { execFileSync } from 'node:child_process'; try { execFileSync(process.execPath, ['-v']); } catch {}",
  };
  for (const [what, code] of Object.entries(traps)) {
    it(`the guard fails a unit test file that starts ${what}`, () => {
      const run = guarded(code);
      assert.equal(run.status, 1, `exit ${String(run.status)}\n${run.stderr}`);
      assert.match(run.stderr, /unit tier: this test file called/);
    });
  }

  it('the guard is not armed outside a test file (the runner itself spawns the test files)', () => {
    const run = guarded("import { execFileSync } from 'node:child_process'; execFileSync(process.execPath, ['-v']);", {});
    assert.equal(run.status, 0, run.stderr);
  });
});
