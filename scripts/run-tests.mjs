#!/usr/bin/env node
// Runs the compiled tests (dist/test/**/*.test.js) with node's test runner, in two tiers:
//
//   unit  every test file that needs no server process and no network: no child process, no
//         HTTP listener, no dynalite or other database (servers in-process over InMemoryTransport
//         are fine). The UNIT list below names them, each entry a folder (every test file under
//         it) or one file, relative to test/. They run with scripts/unit-guard.mjs preloaded,
//         which fails a file that listens, connects or spawns, so the tier cannot quietly grow
//         slow. About 16 s on a 2-core machine: `npm run test:unit` (an incremental tsc first).
//   full  every other test file: the reference server and the CLI as child processes, HTTP,
//         dynalite, the kits against live servers, examples, packaging, the defect catalogues.
//
// `node scripts/run-tests.mjs` (what `npm test` runs under c8, after a clean build) runs the unit
// tier, then the full one; `--tier unit` or `--tier full` runs one. A new test file is in the
// full tier until it is listed here; test/tiers.test.ts checks that every entry names a test
// file and that the guard fires. Other arguments are passed to `node --test` (e.g.
// --test-name-pattern).
//
// Why not `node --test dist/test/`: Node 20 then also runs every other .js file under a `test`
// folder (harnesses, fixture servers that wait on stdin forever), so we pass the files ourselves.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The unit tier: folders (ending in /) and files of test/ whose tests need no process and no network. */
export const UNIT = [
  'core/',
  'docs/docs.test.ts',
  'docs/architecture-map.test.ts',
  'validate/',
  'style/',
  'exports.test.ts',
  'conformance/answers.test.ts',
  'conformance/discovery.test.ts',
  'dynamodb/transactions.test.ts',
  'conformance/kit-boundaries.test.ts',
  'conformance/limits-rate.test.ts',
  'conformance/report-html.test.ts',
  'conformance/report-junit.test.ts',
  'conformance/report.test.ts',
  'conformance/wire-evidence.test.ts',
  'fixtures/non-cooperating.test.ts',
  'monitor/dashboard-page.test.ts',
  'observe/metrics.test.ts',
  'observe/prometheus.test.ts',
  'observe/tracing.test.ts',
  'http/handler.test.ts',
  'http/observe.test.ts',
  'bench/svg.test.ts',
  'http/stateless-pool.test.ts',
  'server/bad-input.test.ts',
  'server/capabilities.test.ts',
  'server/defined-tools.test.ts',
  'server/engine.test.ts',
  'server/expiry.test.ts',
  'server/input-required-requeue.test.ts',
  'server/layers.test.ts',
  'server/lease.test.ts',
  'server/methods.test.ts',
  'server/poll-policy.test.ts',
  'server/progress.test.ts',
  'server/rate-limit.test.ts',
  'server/sdk-deviations.test.ts',
  'server/sdk-internals.test.ts',
  'server/sdk-seam.test.ts',
  'server/sdk-tools.test.ts',
  'server/shared-store.test.ts',
  'server/takeover.test.ts',
  'server/tool-calls.test.ts',
  'server/v2026/input.test.ts',
  'server/v2026/leg.test.ts',
  'server/v2026/listen.test.ts',
  'server/v2026/mrtr.test.ts',
  'server/v2026/poll-interval.test.ts',
  'server/v2026/sync-window.test.ts',
  'stores/capability-skips.test.ts',
  'stores/memory.test.ts',
  'stores/memory-specific.test.ts',
  'stores/takeover-from.test.ts',
  'workflows/definition.test.ts',
  'workflows/resume-takeover.test.ts',
];

export const TIERS = ['unit', 'full'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const GUARD = pathToFileURL(join(ROOT, 'scripts/unit-guard.mjs')).href;

/** The tier of a test file given relative to test/ (source `.ts` or compiled `.js`). */
export function tierOf(file) {
  const source = file.replaceAll('\\', '/').replace(/\.js$/, '.ts');
  return UNIT.some((entry) => (entry.endsWith('/') ? source.startsWith(entry) : source === entry)) ? 'unit' : 'full';
}

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return find(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

function main(argv) {
  const at = argv.indexOf('--tier');
  const tier = at === -1 ? undefined : argv[at + 1];
  if (at !== -1 && !TIERS.includes(tier)) {
    console.error(`run-tests: --tier must be one of ${TIERS.join(', ')}`);
    return 2;
  }
  const passThrough = at === -1 ? argv : [...argv.slice(0, at), ...argv.slice(at + 2)];
  const files = find(join(ROOT, 'dist/test')).sort();
  if (files.length === 0) {
    console.error('run-tests: no dist/test/**/*.test.js files; run `npm run build` first');
    return 1;
  }
  const concurrency = process.env.TEST_CONCURRENCY ?? '2';
  let status = 0;
  for (const name of tier === undefined ? TIERS : [tier]) {
    const list = files.filter((f) => tierOf(relative(join(ROOT, 'dist/test'), f)) === name);
    const guard = name === 'unit' ? ['--import', GUARD] : [];
    console.log(`run-tests: ${name} tier, ${list.length} files${name === 'unit' ? ' (no process, no network: guarded)' : ''}`);
    const result = spawnSync(process.execPath, [...guard, '--test', `--test-concurrency=${concurrency}`, ...passThrough, ...list], {
      stdio: 'inherit',
    });
    if (result.status !== 0) status = result.status ?? 1;
  }
  return status;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) process.exit(main(process.argv.slice(2)));
