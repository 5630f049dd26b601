/**
 * `npm run mutation:independent`: plants each defect of catalogue.ts and measures whether the
 * conformance kit notices it (issue 20 item 4).
 *
 * For each defect (mutant.ts): a scratch copy with the replacement applied (STALE when `find` does
 * not occur exactly once). A server defect: the patched reference server (tokens for identities A
 * and B, quota 5, max ttl 60 s, plus the defect's `serverArgs`) judged by the protocol kit of
 * `--kit`; defects in store code also go through that kit's store suite (`runStoreConformance` on
 * the patched InMemoryTaskStore): caught when a test fails. A client defect: the client program
 * run with the patched package, judged by the requestor kit (`client --command`). Verdict from the
 * kit's JSON report, against control runs of the unpatched subject (same flags, same program):
 * CAUGHT when a check fails that never failed in a control, CAUGHT-BY-WARNING when none does but
 * one warns that always passed there, SURVIVED otherwise. Two runs at a time at most.
 *
 * Usage: node dist/test/mutation/independent/run.js [--only ID,ID] [--areas A,B] [--json FILE]
 *          [--kit DIR] [--concurrency 1|2] [--timeout-ms N] [--controls N] [--no-store] [--check] [--keep]
 *   --kit DIR      the build (a dist/ directory) whose conformance/cli.js and conformance/index.js
 *                  judge, e.g. an older commit's for a before/after comparison (default: ./dist)
 *   --check        only check that every defect still applies (STALE otherwise), run nothing
 *   --rescore FILE recompute the levels and ratios of a results file from today's catalogue
 *   --min-ratio R  exit 1 when fewer than R (e.g. 0.9) of the observable defects are caught at the
 *                  level of their rule (a failing check; a warning for a SHOULD-only defect)
 *   --skip-unobservable  leave out the defects documented as not observable on the wire (CI)
 *   --focus FILE   a results file of an earlier full run: a server defect it caught is first judged
 *                  by the checks that caught it then (--only); only if they miss it now, by the
 *                  whole kit. A bound for CI: the full measurement runs every check every time
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFECTS, type ClientProgram, type Defect, type DefectArea } from './catalogue.js';
import { clientCommand, prepare, PROGRAM_SCENARIOS, ROOT, SCRATCH, staleReason } from './mutant.js';
import {
  kill,
  live,
  runClientKit,
  runProtocolKit,
  runStoreSuite,
  startServer,
  type KitRun,
  type Limits,
  type StoreOutcome,
} from './processes.js';

/**
 * Compiled files whose defects the store suite can see too: the stores and what they decide with
 * (not record.js: its toWireTask is the 2025 wire's mapping, which no store calls).
 */
const STORE_CODE = /^dist\/src\/(stores\/[^/]+\.js|security\.js|cursor\.js|status\.js)$/;

type Verdict = 'CAUGHT' | 'CAUGHT-BY-WARNING' | 'SURVIVED' | 'STALE' | 'ERROR' | 'TIMEOUT';

interface KitOutcome {
  failed: string[];
  warned: string[];
  inconclusive: string[];
  summary: string;
}

interface Result {
  id: string;
  area: DefectArea;
  verdict: Verdict;
  /** Check ids that failed and never failed in a control run. */
  failing: string[];
  /** Check ids that warned and always passed (or skipped) in the control runs. */
  warning: string[];
  inconclusive: string[];
  note?: string;
  store?: StoreOutcome;
  durationMs: number;
}

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    areas: { type: 'string' },
    json: { type: 'string' },
    kit: { type: 'string' },
    concurrency: { type: 'string', default: '2' },
    'timeout-ms': { type: 'string', default: '300000' },
    controls: { type: 'string', default: '2' },
    'no-store': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    rescore: { type: 'string' },
    'min-ratio': { type: 'string' },
    'skip-unobservable': { type: 'boolean', default: false },
    focus: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const KIT = path.resolve(args.kit ?? path.join(ROOT, 'dist'));
const CONCURRENCY = Math.min(2, Math.max(1, Number(args.concurrency)));
const TIMEOUT_MS = Number(args['timeout-ms']);
const CONTROLS = Math.max(1, Number(args.controls));
/** The server's limits: quota and max ttl given as flags, the rate and request size its defaults (reference-server/usage.ts, src/security.ts). */
const LIMITS: Limits = {
  tokens: path.join(SCRATCH, 'tokens.json'),
  maxTasks: 5,
  maxTtlMs: 60_000,
  rateLimit: 100,
  maxRequestBytes: 256 * 1024,
};

/** Scratch folders in use: removed on Ctrl-C. */
const scratch = new Set<string>();

/** What a run judges: the reference server with flags (protocol kit), or a client program (requestor kit). */
type Subject = { kind: 'server'; args: readonly string[] } | { kind: 'client'; program: ClientProgram };

const subjectOf = (defect: Defect): Subject =>
  defect.client ? { kind: 'client', program: defect.client } : { kind: 'server', args: defect.serverArgs ?? [] };
const keyOf = (subject: Subject): string =>
  subject.kind === 'client' ? `client ${subject.program}` : ['server', ...subject.args].join(' ');

function kitOutcome(report: unknown): KitOutcome {
  const results = (report as { results?: { id: string; status: string }[] }).results ?? [];
  const by = (status: string) => results.filter((r) => r.status === status).map((r) => r.id);
  return {
    failed: by('fail'),
    warned: by('warn'),
    inconclusive: by('inconclusive'),
    summary: JSON.stringify((report as { summary?: unknown }).summary),
  };
}

/** Run the kit that judges `subject`, whose files are in `dir` (only the checks `only` names, when given). */
async function judge(dir: string, subject: Subject, only?: readonly string[]): Promise<KitRun> {
  const out = path.join(dir, 'report.json');
  if (subject.kind === 'client')
    return runClientKit(KIT, clientCommand(dir, subject.program), PROGRAM_SCENARIOS[subject.program], out, TIMEOUT_MS);
  const served = await startServer(dir, LIMITS, subject.args);
  try {
    return await runProtocolKit(KIT, served.url, LIMITS, out, TIMEOUT_MS, only);
  } finally {
    await kill(served.child);
  }
}

/** --focus: the checks that caught each server defect in an earlier full run (failing ones; warning ones for a defect caught by a warning). */
const FOCUS: ReadonlyMap<string, readonly string[]> = (() => {
  if (!args.focus) return new Map();
  const earlier = JSON.parse(readFileSync(path.resolve(args.focus), 'utf8')) as { results: Result[] };
  return new Map(
    earlier.results.filter((r) => r.failing.length || r.warning.length).map((r) => [r.id, r.failing.length ? r.failing : r.warning]),
  );
})();

/** In a scratch folder `name`, removed afterwards (unless --keep). */
async function inScratch<T>(name: string, body: (dir: string) => Promise<T>): Promise<T> {
  const dir = path.join(SCRATCH, name);
  scratch.add(dir);
  try {
    return await body(dir);
  } finally {
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    scratch.delete(dir);
  }
}

interface ControlRun {
  subject: string;
  summary: string;
  failed: string[];
  warned: string[];
  inconclusive: string[];
}

/** The control runs of one subject, as what a defect's run is measured against. */
class Baseline {
  readonly failed = new Set<string>();
  readonly flagged = new Set<string>();
  readonly inconclusive = new Set<string>();
  constructor(readonly runs: ControlRun[]) {
    for (const run of runs) {
      run.failed.forEach((id) => (this.failed.add(id), this.flagged.add(id)));
      run.warned.forEach((id) => this.flagged.add(id));
      run.inconclusive.forEach((id) => this.inconclusive.add(id));
    }
  }
}

async function runControl(subject: Subject, index: number, withStore: boolean): Promise<ControlRun & { store?: StoreOutcome }> {
  const key = keyOf(subject);
  return inScratch(`control-${key.replace(/[^a-z0-9]+/gi, '-')}-${index}`, async (dir) => {
    prepare(dir, undefined, subject.kind);
    const kit = await judge(dir, subject);
    if (!kit.report) throw new Error(`control ${key} #${index}: ${kit.note}`);
    const outcome = kitOutcome(kit.report);
    const store = withStore ? await runStoreSuite(KIT, dir, 'control') : undefined;
    return {
      subject: key,
      summary: outcome.summary,
      failed: outcome.failed,
      warned: outcome.warned,
      inconclusive: outcome.inconclusive,
      ...(store && { store }),
    };
  });
}

/** Whether `outcome`, net of the controls, catches `defect` at the level of its rule. */
function netCaught(outcome: KitOutcome, baseline: Baseline, defect: Defect): boolean {
  if (outcome.failed.some((id) => !baseline.failed.has(id))) return true;
  return defect.level === 'SHOULD' && outcome.warned.some((id) => !baseline.flagged.has(id));
}

async function runDefect(defect: Defect, baseline: Baseline, withStore: boolean): Promise<Result> {
  const started = Date.now();
  const base = { id: defect.id, area: defect.area, failing: [] as string[], warning: [] as string[], inconclusive: [] as string[] };
  const stale = staleReason(defect);
  if (stale) return { ...base, verdict: 'STALE', note: stale, durationMs: 0 };
  const subject = subjectOf(defect);
  return inScratch(defect.id, async (dir) => {
    prepare(dir, defect, subject.kind);
    let verdict: Verdict = 'ERROR';
    let note: string | undefined;
    let outcome: KitOutcome | undefined;
    try {
      const focus = subject.kind === 'server' ? FOCUS.get(defect.id) : undefined;
      let kit = focus ? await judge(dir, subject, focus) : undefined;
      // Focused and missed (or no report): the whole kit decides.
      if (kit && (!kit.report || !netCaught(kitOutcome(kit.report), baseline, defect))) kit = undefined;
      kit ??= await judge(dir, subject);
      if (kit.report) outcome = kitOutcome(kit.report);
      else [verdict, note] = [kit.timedOut ? 'TIMEOUT' : 'ERROR', kit.note];
    } catch (error) {
      note = (error as Error).message;
    }
    // After the server is gone: the suite's load must not slow the kit's timed checks.
    const store = withStore && STORE_CODE.test(defect.file) ? await runStoreSuite(KIT, dir, defect.id) : undefined;
    if (outcome) {
      base.failing = outcome.failed.filter((id) => !baseline.failed.has(id));
      base.warning = outcome.warned.filter((id) => !baseline.flagged.has(id));
      // Not a verdict (the kit could not tell), but worth seeing next to a survivor.
      base.inconclusive = outcome.inconclusive.filter((id) => !baseline.inconclusive.has(id));
      verdict = base.failing.length > 0 ? 'CAUGHT' : base.warning.length > 0 ? 'CAUGHT-BY-WARNING' : 'SURVIVED';
    }
    return { ...base, verdict, ...(note && { note }), ...(store && { store }), durationMs: Date.now() - started };
  });
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

interface Ratio {
  area: string;
  /** Every defect of the area, stale ones included. */
  total: number;
  caught: number;
  warned: number;
  /** Caught at the level of the rule broken: a failing check, or a warning for a SHOULD-only defect. */
  rightLevel: number;
  /** Defects a check could tell apart on the wire (no `unobservable` reason), and how many of them were caught at the right level. */
  observable: number;
  observableRightLevel: number;
  survived: number;
  /** ERROR or TIMEOUT: the run gave no report. */
  other: number;
  stale: number;
}

const levelOf = (id: string): 'MUST' | 'SHOULD' => DEFECTS.find((d) => d.id === id)?.level ?? 'MUST';
const isObservable = (id: string): boolean => DEFECTS.find((d) => d.id === id)?.unobservable === undefined;
const atRightLevel = (r: Pick<Result, 'id' | 'verdict'>): boolean =>
  r.verdict === 'CAUGHT' || (r.verdict === 'CAUGHT-BY-WARNING' && levelOf(r.id) === 'SHOULD');

function ratios(results: readonly Pick<Result, 'id' | 'area' | 'verdict'>[]): Ratio[] {
  const areas = [...new Set(results.map((r) => r.area)), 'overall'];
  return areas.map((area) => {
    const of = results.filter((r) => area === 'overall' || r.area === area);
    const n = (v: Verdict) => of.filter((r) => r.verdict === v).length;
    const seen = of.filter((r) => isObservable(r.id));
    return {
      area,
      total: of.length,
      caught: n('CAUGHT'),
      warned: n('CAUGHT-BY-WARNING'),
      rightLevel: of.filter(atRightLevel).length,
      observable: seen.length,
      observableRightLevel: seen.filter(atRightLevel).length,
      survived: n('SURVIVED'),
      other: n('ERROR') + n('TIMEOUT'),
      stale: n('STALE'),
    };
  });
}

function line(result: Result): string {
  const checks = result.failing.join(',') || (result.warning.length ? result.warning.map((w) => `${w} (warn)`).join(',') : '-');
  const unsure = result.verdict === 'SURVIVED' && result.inconclusive.length > 0 ? ` (inconclusive: ${result.inconclusive.join(',')})` : '';
  const store = result.store
    ? ` store:${result.store.ran ? (result.store.failed > 0 ? `caught(${result.store.failed})` : 'survived') : 'not run'}`
    : '';
  return `${pad(result.id, 34)} ${pad(result.area, 13)} ${pad(result.verdict, 18)} ${checks}${unsure}${store}${result.note ? `  [${result.note}]` : ''}`;
}

function selected(): readonly Defect[] {
  const ids = new Set<string>();
  for (const d of DEFECTS) {
    if (ids.has(d.id)) throw new Error(`duplicate defect id ${d.id}`);
    ids.add(d.id);
  }
  const only = args.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of only ?? []) if (!ids.has(id)) throw new Error(`unknown defect ${id}`);
  const areas = args.areas
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return DEFECTS.filter(
    (d) => (!only || only.includes(d.id)) && (!areas || areas.includes(d.area)) && !(args['skip-unobservable'] && d.unobservable),
  );
}

function check(defects: readonly Defect[]): void {
  let stale = 0;
  for (const d of defects) {
    const reason = staleReason(d);
    if (reason) stale++;
    console.log(`${pad(d.id, 34)} ${reason ? `STALE: ${reason}` : 'applies'}`);
  }
  console.log(`\n${defects.length - stale}/${defects.length} defects apply`);
  process.exitCode = stale > 0 ? 1 : 0;
}

/** Control runs of every subject the defects need, side by side as the defects run (checks that flake under that load flake there too). */
async function controls(
  defects: readonly Defect[],
  withStore: boolean,
): Promise<{ baselines: Map<string, Baseline>; store?: StoreOutcome }> {
  const subjects = new Map<string, Subject>();
  for (const d of defects) subjects.set(keyOf(subjectOf(d)), subjectOf(d));
  const storeFor = withStore && defects.some((d) => STORE_CODE.test(d.file)) ? 'server' : undefined;
  const jobs = [...subjects.values()].flatMap((subject) => Array.from({ length: CONTROLS }, (_, i) => ({ subject, i })));
  const runs = await pool(
    jobs,
    CONCURRENCY,
    ({ subject, i }) => runControl(subject, i, keyOf(subject) === storeFor && i === 0),
    (r) => {
      console.log(
        `control ${r.subject}: ${r.summary}; failed: ${r.failed.join(',') || '-'}; warned: ${r.warned.join(',') || '-'}; inconclusive: ${r.inconclusive.join(',') || '-'}`,
      );
    },
  );
  const baselines = new Map(
    [...subjects.keys()].map((key) => [key, new Baseline(runs.filter((r) => r.subject === key).map(({ store: _store, ...run }) => run))]),
  );
  const store = runs.find((r) => r.store)?.store;
  if (store) console.log(`control store suite: ${store.passed} passed, ${store.failed} failed${store.note ? ` (${store.note})` : ''}`);
  if (store && store.failed > 0) console.log('  the store suite fails on the unpatched store: its verdicts below mean nothing');
  return { baselines, ...(store && { store }) };
}

function printRatios(table: readonly Ratio[]): void {
  console.log(
    '\narea          defects  failed  warned-only  survived  error/timeout  stale  fail     right level  fail+warn  right level of the observable',
  );
  for (const r of table) {
    const cells = [
      r.area,
      r.total,
      r.caught,
      r.warned,
      r.survived,
      r.other,
      r.stale,
      pct(r.caught, r.total),
      pct(r.rightLevel, r.total),
      pct(r.caught + r.warned, r.total),
    ].map(String);
    console.log(
      `${[13, 8, 7, 12, 9, 14, 6, 8, 12, 10].map((w, i) => pad(cells[i]!, w)).join(' ')} ${r.observableRightLevel}/${r.observable} (${pct(r.observableRightLevel, r.observable)})`,
    );
  }
}

function summarize(results: readonly Result[], defects: readonly Defect[]): Ratio[] {
  const table = ratios(results);
  printRatios(table);
  const storeRuns = results.filter((r) => r.store?.ran);
  console.log(`\nstore suite: ${storeRuns.filter((r) => r.store!.failed > 0).length}/${storeRuns.length} store-code defects caught`);
  const stale = results.filter((r) => r.verdict === 'STALE');
  if (stale.length) console.log(`stale: ${stale.map((r) => `${r.id} (${r.note})`).join(', ')}`);
  const survivors = results.filter((r) => !atRightLevel(r) && r.verdict !== 'STALE');
  if (survivors.length) console.log('not caught at the level of the rule broken:');
  for (const r of survivors) {
    const d = defects.find((x) => x.id === r.id)!;
    console.log(
      `  ${r.id} [${r.verdict}, ${d.level ?? 'MUST'}]: ${d.what} Observable: ${d.observable}${d.unobservable ? ` NOT OBSERVABLE: ${d.unobservable}` : ''}`,
    );
  }
  return table;
}

/** A results file written earlier, its levels and ratios recomputed from today's catalogue (what each defect breaks). */
function rescore(file: string): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    results: (Result & { level?: string; rightLevel?: boolean })[];
    ratios: Ratio[];
  };
  for (const r of json.results) {
    const unobservable = DEFECTS.find((d) => d.id === r.id)?.unobservable;
    Object.assign(r, { level: levelOf(r.id), rightLevel: atRightLevel(r), ...(unobservable && { unobservable }) });
  }
  json.ratios = ratios(json.results);
  printRatios(json.ratios);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`rewrote ${file}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  if (args.rescore) return rescore(path.resolve(args.rescore));
  const defects = selected();
  if (args.check) return check(defects);
  for (const file of ['dist/reference-server/main.js'])
    if (!existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: npm run build first`);
  if (!existsSync(path.join(KIT, 'conformance/cli.js'))) throw new Error(`--kit ${KIT}: no conformance/cli.js there`);
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(LIMITS.tokens, JSON.stringify({ 'token-a': 'alice', 'token-b': 'bob' }));
  const withStore = !args['no-store'];

  console.log(
    `kit: ${path.relative(ROOT, KIT) || '.'}/conformance; ${defects.length} defects, ${CONCURRENCY} at a time, ${CONTROLS} control runs per subject, time limit ${TIMEOUT_MS} ms each`,
  );
  const control = await controls(defects, withStore);
  console.log('');
  const results = await pool(
    defects,
    CONCURRENCY,
    (d) => runDefect(d, control.baselines.get(keyOf(subjectOf(d)))!, withStore),
    (r) => console.log(line(r)),
  );
  const table = summarize(results, defects);
  const runtimeMs = Date.now() - started;
  console.log(`\nruntime: ${(runtimeMs / 1000).toFixed(0)} s`);
  const overall = table.at(-1)!;
  const ratio = overall.observable ? overall.observableRightLevel / overall.observable : 1;
  if (args['min-ratio'] !== undefined && ratio < Number(args['min-ratio'])) {
    console.log(
      `below target: ${overall.observableRightLevel}/${overall.observable} observable defects caught at the level of their rule (${pct(overall.observableRightLevel, overall.observable)}), target ${Number(args['min-ratio']) * 100} %`,
    );
    process.exitCode = 1;
  }
  if (args.json) {
    const storeRuns = results.filter((r) => r.store?.ran);
    const json = {
      kit: path.relative(ROOT, KIT) || '.',
      startedAt: new Date(started).toISOString(),
      runtimeMs,
      concurrency: CONCURRENCY,
      limits: { maxTasksPerOwner: LIMITS.maxTasks, maxTtlMs: LIMITS.maxTtlMs },
      control: { runs: [...control.baselines.values()].flatMap((b) => b.runs), store: control.store },
      ratios: table,
      store: { defects: storeRuns.length, caught: storeRuns.filter((r) => r.store!.failed > 0).length },
      results: results.map((r) => {
        const d = defects.find((x) => x.id === r.id)!;
        return {
          ...r,
          level: d.level ?? 'MUST',
          rightLevel: atRightLevel(r),
          ...(d.unobservable && { unobservable: d.unobservable }),
          file: d.file,
          what: d.what,
          observable: d.observable,
          rules: d.rules ?? [],
          ...(d.serverArgs && { serverArgs: d.serverArgs }),
          ...(d.client && { client: d.client }),
        };
      }),
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
