/**
 * The conformance suite bites: run it (in child processes, so its failures do not fail this run)
 * against stores that each break one storage primitive, and check that exactly the tests about
 * that rule fail while everything else still passes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { BrokenKind } from './fixtures/broken-stores.js';

interface Result {
  name: string;
  passed: boolean;
  skipped: boolean;
  suite: boolean;
  error?: string;
}

const fixture = fileURLToPath(new URL('./fixtures/run-broken.js', import.meta.url));
const reporter = fileURLToPath(new URL('./fixtures/json-reporter.js', import.meta.url));

function runSuite(kind: BrokenKind): Promise<Result[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, BROKEN_STORE: kind };
  delete env['NODE_TEST_CONTEXT']; // else the child talks the parent runner's protocol instead of our reporter's
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`--test-reporter=${reporter}`, '--test-reporter-destination=stdout', fixture],
      { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && (err as { killed?: boolean }).killed) return reject(new Error(`${kind}: the suite timed out\n${stderr}`));
        const results = stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Result)
          .filter((r) => !r.suite);
        if (results.length === 0) return reject(new Error(`${kind}: no results\n${stderr}`));
        resolve(results);
      },
    );
  });
}

/** For each broken store: tests that MUST fail, and the only other tests that MAY fail. */
const EXPECTATIONS: Record<BrokenKind, { mustFail: RegExp[]; mayFail: RegExp[]; mustPass: RegExp[] }> = {
  'owner-blind': {
    mustFail: [/^R77 (updateStatus|updateStatus\(to working\)|complete\(completed\)|complete\(failed\)|cancel) of another owner's task/],
    mayFail: [/owners are compared exactly/, /R77 foreign writes/, /emit nothing/, /random operations by three owners/],
    mustPass: [/^R22 /, /^R38 /, /^R64 /, /^R65 list shows only/],
  },
  'no-status-condition': {
    mustFail: [/^R22 R68 (completed|failed|cancelled) -> \w+ \(\w+\) fails TASK_TERMINAL/, /^R66 cancel of a/, /complete vs cancel races/, /compare-and-set updates from the same status/, /^R68 random races/],
    mayFail: [/R22|R66|R68/, /emit nothing/],
    mustPass: [/^R22 working -> /, /^R38 /, /^R77 get of another/, /^R64 /],
  },
  'no-quota': {
    mustFail: [/^R38 the 4th active task/, /^R38 \d+ concurrent creates by one owner/, /^R38 input_required tasks count/],
    mayFail: [/R38/, /emit nothing/],
    mustPass: [/^R22 /, /^R77 /, /^R64 /, /^R36 R37 /],
  },
  'no-expiry': {
    mustFail: [/^R36 R37 (updateStatus|complete|cancel) at exactly expiresAt/, /^R36 R63 an expired task disappears from list/],
    mayFail: [/R36/, /expiry/, /random operations/],
    mustPass: [/^R22 /, /^R38 the 4th/, /^R77 /, /^R36 R37 (get|getResult) at exactly expiresAt/],
  },
};

describe('the store conformance suite bites', () => {
  const results = new Map<BrokenKind, Result[]>();
  before(async () => {
    const kinds = Object.keys(EXPECTATIONS) as BrokenKind[];
    const all = await Promise.all(kinds.map(runSuite));
    kinds.forEach((kind, i) => results.set(kind, all[i]!));
  });

  for (const [kind, expect] of Object.entries(EXPECTATIONS) as [BrokenKind, (typeof EXPECTATIONS)[BrokenKind]][]) {
    it(`${kind}: the tests of the broken rule fail, all others pass`, () => {
      const run = results.get(kind)!;
      const failed = run.filter((r) => !r.passed).map((r) => r.name);
      const matches = (name: string, patterns: RegExp[]) => patterns.some((p) => p.test(name));
      for (const pattern of expect.mustFail) {
        const hits = run.filter((r) => pattern.test(r.name));
        assert.ok(hits.length > 0, `${kind}: no test matches ${pattern}`);
        for (const r of hits) assert.ok(!r.passed, `${kind}: "${r.name}" passed against a store that breaks it`);
      }
      const unexpected = failed.filter((name) => !matches(name, [...expect.mustFail, ...expect.mayFail]));
      assert.deepEqual(unexpected, [], `${kind}: tests about other rules failed`);
      for (const pattern of expect.mustPass) {
        const hits = run.filter((r) => pattern.test(r.name));
        assert.ok(hits.length > 0, `${kind}: no test matches ${pattern}`);
        for (const r of hits) assert.ok(r.passed, `${kind}: "${r.name}" failed: ${r.error ?? ''}`);
      }
      assert.ok(run.filter((r) => r.passed).length > run.length * 0.75, `${kind}: too few tests passed`);
      assert.deepEqual(run.filter((r) => r.skipped).map((r) => r.name), [], `${kind}: tests were skipped`);
    });
  }
});
