/**
 * `npm run mutation:independent`: plants each defect of catalogue.ts in a copy of the build and
 * measures whether the conformance kit notices it (issue 20 item 4).
 *
 * For each defect: copy dist/ to `.mutants/<id>/dist` (inside the repository, so node_modules
 * resolves; git-ignored), check that `find` occurs exactly once in its file (else STALE), apply
 * the replacement, start the patched reference server (tokens for identities A and B, quota 5,
 * max ttl 60 s), run the UNPATCHED kit (`<kit>/conformance/cli.js`) against it and read its JSON
 * report: CAUGHT when a check fails, CAUGHT-BY-WARNING when none fails but one warns, SURVIVED
 * otherwise; checks that fail or warn on the unpatched control runs do not count. Defects in store
 * code also go through the store suite (`runStoreConformance` of the unpatched kit on the patched
 * InMemoryTaskStore, `node --test`): caught when a test fails. Two defects at a time at most.
 *
 * Usage: node dist/test/mutation/independent/run.js [--only ID,ID] [--json FILE] [--kit DIR]
 *          [--concurrency 1|2] [--timeout-ms N] [--controls N] [--no-store] [--check] [--keep]
 *   --kit DIR      the build (a dist/ directory) whose conformance/cli.js and conformance/index.js
 *                  judge, e.g. an older commit's for a before/after comparison (default: ./dist)
 *   --check        only check that every defect still applies (STALE otherwise), run nothing
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFECTS, type Defect, type DefectArea } from './catalogue.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SCRATCH = path.join(ROOT, '.mutants');
const MAX_TASKS = 5;
const MAX_TTL_MS = 60_000;
const SERVER_START_MS = 30_000;
const STORE_SUITE_MS = 180_000;
/** Files of dist/ a patched server never loads: not copied. */
const SKIP_TOP = new Set(['test', 'bench', 'examples', '.tsbuildinfo']);
/** Compiled files whose defects the store suite can see too. */
const STORE_CODE = /^dist\/src\/(stores\/[^/]+\.js|security\.js|cursor\.js|record\.js|status\.js)$/;

type Verdict = 'CAUGHT' | 'CAUGHT-BY-WARNING' | 'SURVIVED' | 'STALE' | 'ERROR' | 'TIMEOUT';

interface KitOutcome {
  failed: string[];
  warned: string[];
  inconclusive: string[];
  summary: string;
}

interface StoreOutcome {
  ran: boolean;
  failed: number;
  passed: number;
  failures: string[];
  note?: string;
}

interface Result {
  id: string;
  area: DefectArea;
  verdict: Verdict;
  /** Check ids that failed (those failing or warning on a control run left out). */
  failing: string[];
  warning: string[];
  inconclusive: string[];
  note?: string;
  store?: StoreOutcome;
  durationMs: number;
}

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    json: { type: 'string' },
    kit: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    'timeout-ms': { type: 'string', default: '300000' },
    controls: { type: 'string', default: '2' },
    'no-store': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const KIT = path.resolve(args.kit ?? path.join(ROOT, 'dist'));
const CONCURRENCY = Math.min(2, Math.max(1, Number(args.concurrency)));
const TIMEOUT_MS = Number(args['timeout-ms']);
const CONTROLS = Math.max(1, Number(args.controls));
const TOKENS = path.join(SCRATCH, 'tokens.json');

/** Processes started here and still running: ended on Ctrl-C, each by its own id. */
const live = new Set<ChildProcess>();
/** Scratch folders in use: removed on Ctrl-C. */
const scratch = new Set<string>();

function occurrences(text: string, find: string): number {
  let count = 0;
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + find.length)) count++;
  return count;
}

function staleReason(defect: Defect): string | undefined {
  const file = path.join(ROOT, defect.file);
  if (!existsSync(file)) return `${defect.file} does not exist`;
  const n = occurrences(readFileSync(file, 'utf8'), defect.find);
  return n === 1 ? undefined : `find occurs ${n} times in ${defect.file}`;
}

/** dist/ copied to `<dir>/dist` without what a server never loads. */
function copyDist(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const from = path.join(ROOT, 'dist');
  cpSync(from, path.join(dir, 'dist'), {
    recursive: true,
    filter: (source) => {
      const rel = path.relative(from, source);
      if (rel === '') return true;
      if (SKIP_TOP.has(rel.split(path.sep)[0]!)) return false;
      return !source.endsWith('.map') && !source.endsWith('.d.ts');
    },
  });
}

function patch(dir: string, defect: Defect): void {
  const file = path.join(dir, defect.file);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(defect.find, () => defect.replace));
}

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await stopped(child);
}

interface Served {
  url: string;
  child: ChildProcess;
  tail: string[];
}

/** Start the reference server of `dir`; resolves with its URL once it logged `listening on`. */
function startServer(dir: string): Promise<Served> {
  const main = path.join(dir, 'dist/reference-server/main.js');
  const child = track(
    spawn(process.execPath, [main, '--port', '0', '--tokens', TOKENS, '--max-tasks-per-owner', String(MAX_TASKS), '--max-ttl-ms', String(MAX_TTL_MS)], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  const tail: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no "listening on" line within ${SERVER_START_MS} ms`)), SERVER_START_MS);
    const finish = (error?: Error, url?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (error) void kill(child).then(() => reject(new Error(`${error.message}; stderr: ${tail.slice(-5).join(' | ')}`)));
      else resolve({ url: url!, child, tail });
    };
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        const match = /listening on (http:\/\/\S+)/.exec(line);
        if (match) finish(undefined, match[1]);
      }
    });
    child.once('exit', (code, signal) => finish(new Error(`the server exited (${signal ?? code}) before listening`)));
  });
}

/** Run the kit against `url` within `ms`; its JSON report, or why there is none. */
async function runKit(url: string, out: string, ms: number): Promise<{ report?: unknown; timedOut: boolean; note?: string }> {
  const cli = path.join(KIT, 'conformance/cli.js');
  const child = track(
    spawn(process.execPath, [cli, '--url', url, '--auth-a', 'token-a', '--auth-b', 'token-b', '--max-tasks-per-owner', String(MAX_TASKS), '--max-ttl-ms', String(MAX_TTL_MS), '--json', out, '--quiet'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  );
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(-2000)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, ms);
  await stopped(child);
  clearTimeout(timer);
  if (timedOut) return { timedOut, note: `the kit ran longer than ${ms} ms` };
  if (!existsSync(out)) return { timedOut, note: `the kit wrote no report (exit ${child.exitCode}): ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
  return { report: JSON.parse(readFileSync(out, 'utf8')), timedOut };
}

function kitOutcome(report: unknown): KitOutcome {
  const results = ((report as { results?: { id: string; status: string }[] }).results ?? []);
  const by = (status: string) => results.filter((r) => r.status === status).map((r) => r.id);
  const summary = (report as { summary?: unknown }).summary;
  return { failed: by('fail'), warned: by('warn'), inconclusive: by('inconclusive'), summary: JSON.stringify(summary) };
}

/** The store suite of the kit on the InMemoryTaskStore of `dir`. */
async function runStoreSuite(dir: string, name: string): Promise<StoreOutcome> {
  const file = path.join(dir, 'store.test.mjs');
  const suite = pathToFileURL(path.join(KIT, 'conformance/index.js')).href;
  const store = pathToFileURL(path.join(dir, 'dist/src/index.js')).href;
  writeFileSync(
    file,
    [
      `import { runStoreConformance } from ${JSON.stringify(suite)};`,
      `import { InMemoryTaskStore } from ${JSON.stringify(store)};`,
      `runStoreConformance({ name: ${JSON.stringify(`InMemoryTaskStore (${name})`)}, factory: ({ clock, security }) => new InMemoryTaskStore({ clock, ...(security && { security }) }) });`,
      '',
    ].join('\n'),
  );
  const child = track(spawn(process.execPath, ['--test', '--test-reporter=tap', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => void (out += chunk));
  child.stderr!.resume();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, STORE_SUITE_MS);
  await stopped(child);
  clearTimeout(timer);
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(out)?.[1] ?? NaN);
  const failed = count('fail');
  const passed = count('pass');
  // Leaf failures: "not ok" lines whose name is not a describe block's (those end the block).
  const failures = [...out.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((m) => m[1]!.trim());
  if (timedOut) return { ran: true, failed: Number.isNaN(failed) ? 1 : failed, passed: Number.isNaN(passed) ? 0 : passed, failures, note: `the store suite ran longer than ${STORE_SUITE_MS} ms` };
  if (Number.isNaN(failed)) return { ran: false, failed: 0, passed: 0, failures: [], note: `no TAP summary (exit ${child.exitCode})` };
  return { ran: true, failed, passed, failures: [...new Set(failures)].slice(0, 6) };
}

interface Control {
  failed: Set<string>;
  warned: Set<string>;
  inconclusive: Set<string>;
  runs: { summary: string; failed: string[]; warned: string[]; inconclusive: string[] }[];
  store?: StoreOutcome;
}

async function runControl(index: number, withStore: boolean): Promise<Control['runs'][number] & { store?: StoreOutcome }> {
  const dir = path.join(SCRATCH, `control-${index}`);
  scratch.add(dir);
  try {
    copyDist(dir);
    const served = await startServer(dir);
    let kit;
    try {
      kit = await runKit(served.url, path.join(dir, 'report.json'), TIMEOUT_MS);
    } finally {
      await kill(served.child);
    }
    if (!kit.report) throw new Error(`control ${index}: ${kit.note}`);
    const outcome = kitOutcome(kit.report);
    const store = withStore ? await runStoreSuite(dir, 'control') : undefined;
    return { summary: outcome.summary, failed: outcome.failed, warned: outcome.warned, inconclusive: outcome.inconclusive, ...(store && { store }) };
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    scratch.delete(dir);
  }
}

async function runDefect(defect: Defect, control: Control, withStore: boolean): Promise<Result> {
  const started = Date.now();
  const base = { id: defect.id, area: defect.area, failing: [] as string[], warning: [] as string[], inconclusive: [] as string[] };
  const stale = staleReason(defect);
  if (stale) return { ...base, verdict: 'STALE', note: stale, durationMs: 0 };
  const dir = path.join(SCRATCH, defect.id);
  scratch.add(dir);
  try {
    copyDist(dir);
    patch(dir, defect);
    let verdict: Verdict = 'ERROR';
    let note: string | undefined;
    let outcome: KitOutcome | undefined;
    try {
      const served = await startServer(dir);
      try {
        const kit = await runKit(served.url, path.join(dir, 'report.json'), TIMEOUT_MS);
        if (kit.report) outcome = kitOutcome(kit.report);
        else {
          verdict = kit.timedOut ? 'TIMEOUT' : 'ERROR';
          note = kit.note;
        }
      } finally {
        await kill(served.child);
      }
    } catch (error) {
      verdict = 'ERROR';
      note = (error as Error).message;
    }
    // After the server is gone: the suite's load must not slow the kit's timed checks.
    const store = withStore && STORE_CODE.test(defect.file) ? await runStoreSuite(dir, defect.id) : undefined;
    if (outcome) {
      base.failing = outcome.failed.filter((id) => !control.failed.has(id) && !control.warned.has(id));
      base.warning = outcome.warned.filter((id) => !control.failed.has(id) && !control.warned.has(id));
      // Not a verdict (the kit could not tell), but worth seeing next to a survivor.
      base.inconclusive = outcome.inconclusive.filter((id) => !control.inconclusive.has(id));
      verdict = base.failing.length > 0 ? 'CAUGHT' : base.warning.length > 0 ? 'CAUGHT-BY-WARNING' : 'SURVIVED';
    }
    return { ...base, verdict, ...(note && { note }), ...(store && { store }), durationMs: Date.now() - started };
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    scratch.delete(dir);
  }
}

/** Run `jobs` with at most `limit` at a time, in order. */
async function pool<T, R>(items: readonly T[], limit: number, job: (item: T) => Promise<R>, done: (result: R) => void): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]!);
      done(results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(0)} %`);

function ratios(results: readonly Result[]): { area: string; total: number; caught: number; warned: number; survived: number; other: number }[] {
  const areas = [...new Set(results.map((r) => r.area)), 'overall'];
  return areas.map((area) => {
    const of = results.filter((r) => (area === 'overall' || r.area === area) && r.verdict !== 'STALE');
    const n = (v: Verdict) => of.filter((r) => r.verdict === v).length;
    return { area, total: of.length, caught: n('CAUGHT'), warned: n('CAUGHT-BY-WARNING'), survived: n('SURVIVED'), other: n('ERROR') + n('TIMEOUT') };
  });
}

function line(result: Result): string {
  const checks = result.failing.join(',') || (result.warning.length ? result.warning.map((w) => `${w} (warn)`).join(',') : '-');
  const unsure = result.verdict === 'SURVIVED' && result.inconclusive.length > 0 ? ` (inconclusive: ${result.inconclusive.join(',')})` : '';
  const store = result.store ? ` store:${result.store.ran ? (result.store.failed > 0 ? `caught(${result.store.failed})` : 'survived') : 'not run'}` : '';
  return `${pad(result.id, 34)} ${pad(result.area, 13)} ${pad(result.verdict, 18)} ${checks}${unsure}${store}${result.note ? `  [${result.note}]` : ''}`;
}

async function main(): Promise<void> {
  const started = Date.now();
  const only = args.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const defects = only ? DEFECTS.filter((d) => only.includes(d.id)) : DEFECTS;
  if (only) for (const id of only) if (!DEFECTS.some((d) => d.id === id)) throw new Error(`unknown defect ${id}`);
  const ids = new Set<string>();
  for (const d of DEFECTS) {
    if (ids.has(d.id)) throw new Error(`duplicate defect id ${d.id}`);
    ids.add(d.id);
  }
  if (args.check) {
    let stale = 0;
    for (const d of defects) {
      const reason = staleReason(d);
      if (reason) stale++;
      console.log(`${pad(d.id, 34)} ${reason ? `STALE: ${reason}` : 'applies'}`);
    }
    console.log(`\n${defects.length - stale}/${defects.length} defects apply`);
    process.exitCode = stale > 0 ? 1 : 0;
    return;
  }
  for (const file of ['dist/reference-server/main.js']) if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: npm run build first`);
  if (!existsSync(path.join(KIT, 'conformance/cli.js'))) throw new Error(`--kit ${KIT}: no conformance/cli.js there`);
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(TOKENS, JSON.stringify({ 'token-a': 'alice', 'token-b': 'bob' }));
  const withStore = !args['no-store'];

  console.log(`kit: ${path.relative(ROOT, KIT) || '.'}/conformance; ${defects.length} defects, ${CONCURRENCY} at a time, ${CONTROLS} control runs, time limit ${TIMEOUT_MS} ms each`);
  // The controls run side by side, as the defects do: checks that flake under that load fail there too.
  const runs = await Promise.all(Array.from({ length: CONTROLS }, (_, i) => runControl(i, withStore && i === 0)));
  const control: Control = {
    failed: new Set(runs.flatMap((r) => r.failed)),
    warned: new Set(runs.flatMap((r) => r.warned)),
    inconclusive: new Set(runs.flatMap((r) => r.inconclusive)),
    runs: runs.map(({ store: _store, ...run }) => run),
    ...(runs[0]!.store && { store: runs[0]!.store }),
  };
  runs.forEach((r, i) => console.log(`control ${i}: ${r.summary}; failed: ${r.failed.join(',') || '-'}; warned: ${r.warned.join(',') || '-'}; inconclusive: ${r.inconclusive.join(',') || '-'}`));
  if (control.store) console.log(`control store suite: ${control.store.passed} passed, ${control.store.failed} failed${control.store.note ? ` (${control.store.note})` : ''}`);
  if (control.store && control.store.failed > 0) console.log('  the store suite fails on the unpatched store: its verdicts below mean nothing');
  console.log('');

  const results = await pool(defects, CONCURRENCY, (d) => runDefect(d, control, withStore), (r) => console.log(line(r)));

  console.log('\narea          defects  caught  by-warning-only  survived  error/timeout  ratio (fail)  ratio (fail+warn)');
  const table = ratios(results);
  for (const r of table) {
    console.log(`${pad(r.area, 13)} ${pad(String(r.total), 8)} ${pad(String(r.caught), 7)} ${pad(String(r.warned), 16)} ${pad(String(r.survived), 9)} ${pad(String(r.other), 14)} ${pad(pct(r.caught, r.total), 13)} ${pct(r.caught + r.warned, r.total)}`);
  }
  const storeRuns = results.filter((r) => r.store?.ran);
  const storeCaught = storeRuns.filter((r) => r.store!.failed > 0).length;
  console.log(`\nstore suite: ${storeCaught}/${storeRuns.length} store-code defects caught (${pct(storeCaught, storeRuns.length)})`);
  const stale = results.filter((r) => r.verdict === 'STALE');
  if (stale.length) console.log(`stale: ${stale.map((r) => `${r.id} (${r.note})`).join(', ')}`);
  const survivors = results.filter((r) => r.verdict === 'SURVIVED');
  if (survivors.length) {
    console.log('survivors:');
    for (const r of survivors) {
      const d = defects.find((x) => x.id === r.id)!;
      console.log(`  ${r.id}: ${d.what} Observable: ${d.observable}`);
    }
  }
  const runtimeMs = Date.now() - started;
  console.log(`\nruntime: ${(runtimeMs / 1000).toFixed(0)} s`);
  if (args.json) {
    const json = {
      kit: KIT,
      startedAt: new Date(started).toISOString(),
      runtimeMs,
      limits: { maxTasksPerOwner: MAX_TASKS, maxTtlMs: MAX_TTL_MS },
      control: { runs: control.runs, store: control.store },
      ratios: table,
      store: { defects: storeRuns.length, caught: storeCaught },
      results: results.map((r) => ({ ...r, ...(() => { const d = defects.find((x) => x.id === r.id)!; return { file: d.file, what: d.what, observable: d.observable, rules: d.rules ?? [] }; })() })),
    };
    writeFileSync(path.resolve(args.json), `${JSON.stringify(json, null, 2)}\n`);
    console.log(`wrote ${args.json}`);
  }
}

function cleanUp(): void {
  for (const child of live) child.kill('SIGKILL');
  if (!args.keep) for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
}

process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

main().catch((error: unknown) => {
  cleanUp();
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
