#!/usr/bin/env node
// Runs every compiled *.test.js under dist/test with node's test runner.
// Why not `node --test dist/test/`: Node 20 then also runs every other .js file under a `test`
// folder (harnesses, fixture servers that wait on stdin forever), so we pass the files ourselves.
// Extra arguments are passed to `node --test` (e.g. --test-name-pattern).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return find(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const files = find('dist/test').sort();
if (files.length === 0) {
  console.error('run-tests: no dist/test/**/*.test.js files; run `npm run build` first');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
