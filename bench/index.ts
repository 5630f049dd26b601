/**
 * Runs every bench module in order: `npm run bench`, or `node dist/bench/index.js [name ...]` to
 * run only the named modules. `BENCH_QUICK=1` shortens all durations (CI smoke);
 * `BENCH_JSON=path` also writes every result as JSON. Benchmarks only print, never assert.
 *
 * To add a bench: create `bench/<name>.ts` exporting `run(): Promise<BenchResult[]>` and list it
 * in MODULES below.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { QUICK, type BenchModule, type BenchResult } from './harness.js';

const MODULES: readonly { name: string; load: () => Promise<BenchModule> }[] = [
  { name: 'store-memory', load: () => import('./store-memory.js') },
  { name: 'store-dynamodb', load: () => import('./store-dynamodb.js') },
  { name: 'store-postgres', load: () => import('./store-postgres.js') },
  { name: 'server', load: () => import('./server.js') },
  { name: 'topology', load: () => import('./topology.js') },
  { name: 'wake', load: () => import('./wake.js') },
  { name: 'http-load', load: () => import('./http-load.js') },
  { name: 'poll-push', load: () => import('./poll-push.js') },
  { name: 'sync-window', load: () => import('./sync-window.js') },
  { name: 'stateless', load: () => import('./stateless.js') },
  { name: 'paths', load: () => import('./paths.js') },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const unknown = only.filter((n) => !MODULES.some((m) => m.name === n));
  if (unknown.length > 0) {
    console.error(`unknown bench module(s): ${unknown.join(', ')}; known: ${MODULES.map((m) => m.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = only.length === 0 ? MODULES : MODULES.filter((m) => only.includes(m.name));

  const cpus = os.cpus();
  console.log('mcp-tasks benchmarks');
  console.log(`node ${process.version} (${process.platform} ${process.arch}, v8 ${process.versions.v8})`);
  console.log(`cpu  ${cpus[0]?.model.trim() ?? 'unknown'} x ${cpus.length}`);
  console.log(`date ${new Date().toISOString()}${QUICK ? '  (BENCH_QUICK: short runs, indicative only)' : ''}`);

  const results: BenchResult[] = [];
  for (const { name, load } of selected) {
    console.log(`\n== ${name} ==`);
    const started = performance.now();
    const mod = await load();
    results.push(...(await mod.run()));
    console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }

  const jsonPath = process.env.BENCH_JSON;
  if (jsonPath) {
    const meta = { node: process.version, cpu: cpus[0]?.model.trim(), date: new Date().toISOString(), quick: QUICK };
    writeFileSync(jsonPath, `${JSON.stringify({ meta, results }, null, 2)}\n`);
    console.log(`\nwrote ${results.length} results to ${jsonPath}`);
  }
}

await main();
