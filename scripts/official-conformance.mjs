#!/usr/bin/env node
// Run the official MCP conformance kit's `tasks-*` server scenarios against a running server and
// print per-scenario counts.
//
//   node scripts/official-conformance.mjs --url http://127.0.0.1:3000/mcp [--scenario NAME ...]
//                                         [--timeout MS] [--json FILE] [--verbose]
//
// The kit (@modelcontextprotocol/conformance, a pinned devDependency) needs Node >= 22; this
// script runs it on the pinned Node 22 of scripts/node22.mjs (fetched once, integrity-checked),
// while itself running on the project's Node (>= 20). Without --scenario it runs every scenario
// the kit's `list` names `tasks-*`. Each scenario's checks are read from the kit's own results
// file (checks.json), not from its coloured console output.
//
// Exit code: 0 when no check of any scenario is a FAILURE, 1 otherwise, 2 on a usage error.
// A scenario the kit itself skips (SKIPPED checks only, e.g. tasks-status-notifications) passes.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KIT = path.join(repoRoot, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
const STATUSES = ['SUCCESS', 'FAILURE', 'WARNING', 'INFO', 'SKIPPED'];

function usage(message) {
  if (message) console.error(`official-conformance: ${message}`);
  console.error('usage: official-conformance.mjs --url URL [--scenario NAME ...] [--timeout MS] [--json FILE] [--verbose]');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { url: undefined, scenarios: [], timeout: undefined, json: undefined, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      return next === undefined || next.startsWith('--') ? usage(`${arg} needs a value`) : next;
    };
    if (arg === '--url') opts.url = value();
    else if (arg === '--scenario') opts.scenarios.push(value());
    else if (arg === '--timeout') opts.timeout = value();
    else if (arg === '--json') opts.json = value();
    else if (arg === '--verbose') opts.verbose = true;
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown argument ${arg}`);
  }
  if (!opts.url) usage('--url is required');
  return opts;
}

function node22() {
  const out = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'node22.mjs')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop();
}

/** The kit's server scenarios named tasks-*, in the kit's order. */
function listTaskScenarios(nodeBin) {
  const out = execFileSync(nodeBin, [KIT, 'list'], { encoding: 'utf8' });
  const server = out.split(/^Client scenarios/m)[0];
  return [...server.matchAll(/^\s*-\s+(tasks-[\w-]+)/gm)].map((m) => m[1]);
}

function runKit(nodeBin, args) {
  return new Promise((resolve) => {
    execFile(nodeBin, [KIT, ...args], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function readChecks(outDir) {
  const runs = await readdir(outDir).catch(() => []);
  if (runs.length !== 1) return undefined;
  try {
    return JSON.parse(await readFile(path.join(outDir, runs[0], 'checks.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Run one scenario; counts per status, the failed checks, and the kit's output when it broke. */
async function runScenario(nodeBin, url, scenario, opts) {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'mcp-tasks-official-'));
  try {
    const args = ['server', '--url', url, '--scenario', scenario, '-o', outDir];
    if (opts.timeout) args.push('--timeout', opts.timeout);
    const started = Date.now();
    const kit = await runKit(nodeBin, args);
    const checks = await readChecks(outDir);
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
    for (const c of checks ?? []) counts[c.status] = (counts[c.status] ?? 0) + 1;
    const failures = (checks ?? []).filter((c) => c.status === 'FAILURE').map((c) => ({ id: c.id, errorMessage: c.errorMessage }));
    const broken = checks === undefined; // the kit did not get to write its results
    if (broken)
      failures.push({
        id: '(kit)',
        errorMessage: `no checks.json; kit exit ${kit.code}: ${(kit.stderr || kit.stdout).trim().slice(-2000)}`,
      });
    if (opts.verbose) process.stderr.write(kit.stdout + kit.stderr);
    return { scenario, ok: !broken && counts.FAILURE === 0, counts, failures, kitExitCode: kit.code, ms: Date.now() - started };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

function printTable(results) {
  const rows = [['scenario', 'result', 'pass', 'fail', 'warn', 'info', 'skip', 'ms']];
  for (const r of results) {
    const c = r.counts;
    rows.push([r.scenario, r.ok ? 'PASS' : 'FAIL', c.SUCCESS, c.FAILURE, c.WARNING, c.INFO, c.SKIPPED, r.ms].map(String));
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  for (const r of results.filter((x) => !x.ok)) {
    for (const f of r.failures) console.log(`  FAIL ${r.scenario} ${f.id}: ${f.errorMessage ?? ''}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const nodeBin = node22();
  const scenarios = opts.scenarios.length > 0 ? opts.scenarios : listTaskScenarios(nodeBin);
  if (scenarios.length === 0) usage('the kit lists no tasks-* scenario');
  const results = [];
  for (const scenario of scenarios) results.push(await runScenario(nodeBin, opts.url, scenario, opts));
  printTable(results);
  const failed = results.filter((r) => !r.ok).length;
  const total = (s) => results.reduce((n, r) => n + r.counts[s], 0);
  console.log(
    `official conformance: ${results.length - failed}/${results.length} scenarios pass (${total('SUCCESS')} checks pass, ${total('FAILURE')} fail)`,
  );
  if (opts.json) await writeFile(opts.json, `${JSON.stringify({ url: opts.url, results }, null, 2)}\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(`official-conformance: ERROR: ${err?.stack ?? err}`);
  process.exit(1);
});
