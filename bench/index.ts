/**
 * Runs every bench module in order: `npm run bench`, or `node dist/bench/index.js [name ...]` to
 * run only the named modules. `BENCH_QUICK=1` shortens all durations (CI smoke). Benchmarks only
 * print, never assert.
 *
 * Every run writes its results as JSON, with the date and the machine (cpus, model, node, load),
 * to bench/results/latest.json (not committed; `BENCH_JSON=path` writes a copy there too). A full
 * (not quick) run of a charted module (`paths`, `sync-window`) also writes its results to
 * docs/bench/<module>.json and its charts to docs/img/ (charts.ts), which docs/measurements.md
 * shows: the charts in docs are always drawn from the JSON beside them.
 *
 * To add a bench: create `bench/<name>.ts` exporting `run(): Promise<BenchResult[]>` and list it
 * in MODULES below.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { drawCharts, type BenchMeta } from './charts.js';
import { QUICK, type BenchModule, type BenchResult } from './harness.js';

/** The repository (dist/bench/index.js -> ./). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Modules whose full runs are kept in docs/bench/ and drawn in docs/img/. */
const CHARTED = new Set(['paths', 'sync-window']);

const MODULES: readonly { name: string; load: () => Promise<BenchModule> }[] = [
  { name: 'store-memory', load: () => import('./store-memory.js') },
  { name: 'store-dynamodb', load: () => import('./store-dynamodb.js') },
  { name: 'store-postgres', load: () => import('./store-postgres.js') },
  { name: 'server', load: () => import('./server.js') },
  { name: 'observe', load: () => import('./observe.js') },
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

  const meta = metaOf(cpus);
  const json = (of: BenchResult[]) => `${JSON.stringify({ meta, results: of }, null, 2)}\n`;
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/latest.json'), json(results));
  console.log(`\nwrote ${results.length} results to bench/results/latest.json`);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, json(results));
  if (QUICK) return;
  for (const name of selected.map((m) => m.name).filter((n) => CHARTED.has(n))) {
    const own = results.filter((r) => r.bench === name);
    for (const dir of ['docs/bench', 'docs/img']) mkdirSync(join(ROOT, dir), { recursive: true });
    writeFileSync(join(ROOT, `docs/bench/${name}.json`), json(own));
    for (const file of drawCharts(own, meta, join(ROOT, 'docs/img'))) console.log(`drew ${file.slice(ROOT.length)}`);
  }
}

function metaOf(cpus: os.CpuInfo[]): BenchMeta {
  const machine = {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? 'unknown',
    platform: process.platform,
    arch: process.arch,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg(),
  };
  return { date: new Date().toISOString(), node: process.version, machine, quick: QUICK };
}

await main();
