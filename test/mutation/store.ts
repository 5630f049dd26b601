/**
 * The store half of the defect catalogue, run: the store conformance suite against every
 * defective store of ./store-mutants.ts, each in its own child process (its failures must not
 * fail the caller), after two baselines that must pass completely. A mutant is killed when at
 * least one of the tests it names failed. Run directly (`node dist/test/mutation/store.js`) it
 * prints the kill ratio and the survivors.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BASELINES, STORE_MUTANTS, type StoreMutant } from './store-mutants.js';

export interface MutantResult {
  id: string;
  area: string;
  description: string;
  expected: string[];
  caughtBy: string[];
  killed: boolean;
}

interface TestOutcome {
  name: string;
  passed: boolean;
  skipped: boolean;
  suite: boolean;
  error?: string;
}

const child = fileURLToPath(new URL('./store-child.js', import.meta.url));
const reporter = fileURLToPath(new URL('./store-reporter.js', import.meta.url));
/** Far above a whole suite run (~2 s); reached only if the per-test time limits failed. */
const RUN_TIMEOUT_MS = 120_000;

/** One run of the store suite against `id` (a mutant or a baseline): every test's outcome. */
function runSuite(id: string): Promise<{ outcomes: TestOutcome[]; timedOut: boolean }> {
  const env: NodeJS.ProcessEnv = { ...process.env, STORE_MUTANT: id };
  delete env['NODE_TEST_CONTEXT']; // else the child talks the parent runner's protocol instead of our reporter's
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--test', `--test-reporter=${reporter}`, '--test-reporter-destination=stdout', child],
      { env, timeout: RUN_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const timedOut = Boolean(err && (err as { killed?: boolean }).killed);
        const outcomes = stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as TestOutcome)
          .filter((r) => !r.suite);
        if (outcomes.length === 0 && !timedOut) return reject(new Error(`store suite against ${id}: no test results\n${stderr}`));
        resolve({ outcomes, timedOut });
      },
    );
  });
}

/** Run `work` over `items`, at most `concurrency` at a time, keeping the order of results. */
async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

const matches = (name: string, prefixes: readonly string[]) => prefixes.some((p) => name.startsWith(p));

/** Both baselines pass every test, and every name a mutant expects exists there; returns the test names. */
async function checkBaselines(mutants: readonly StoreMutant[]): Promise<Record<keyof typeof BASELINES, string[]>> {
  const ids = Object.keys(BASELINES) as (keyof typeof BASELINES)[];
  const runs = await Promise.all(ids.map(runSuite));
  const names = {} as Record<keyof typeof BASELINES, string[]>;
  ids.forEach((id, i) => {
    const { outcomes, timedOut } = runs[i]!;
    const failed = outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.error ?? ''}`);
    if (timedOut || failed.length > 0) throw new Error(`the store suite fails against the unbroken ${id} store:\n${failed.join('\n')}`);
    names[id] = outcomes.filter((o) => !o.skipped).map((o) => o.name);
  });
  for (const m of mutants) {
    const known = names[m.shared ? 'baseline-shared' : 'baseline'];
    const unknown = m.expected.filter((prefix) => !known.some((name) => name.startsWith(prefix)));
    if (unknown.length > 0) throw new Error(`mutant ${m.id} expects tests that do not run: ${unknown.join('; ')}`);
  }
  return names;
}

export interface StoreMutantOptions {
  /** Only these mutants (default: the whole catalogue). */
  ids?: readonly string[];
  /** Child processes at a time (default 2). */
  concurrency?: number;
}

export async function runStoreMutants(options: StoreMutantOptions = {}): Promise<{ suite: 'store'; results: MutantResult[] }> {
  const mutants = options.ids === undefined ? STORE_MUTANTS : STORE_MUTANTS.filter((m) => options.ids!.includes(m.id));
  const missing = (options.ids ?? []).filter((id) => !mutants.some((m) => m.id === id));
  if (missing.length > 0) throw new Error(`unknown store mutants: ${missing.join(', ')}`);
  await checkBaselines(mutants);
  const results = await pool(mutants, options.concurrency ?? 2, async (m): Promise<MutantResult> => {
    const { outcomes, timedOut } = await runSuite(m.id);
    const caughtBy = outcomes.filter((o) => !o.passed).map((o) => o.name);
    if (timedOut) caughtBy.push('(the suite did not finish: the run was stopped)');
    const killed = caughtBy.some((name) => matches(name, m.expected));
    return { id: m.id, area: m.area, description: m.description, expected: m.expected, caughtBy, killed };
  });
  return { suite: 'store', results };
}

/** The kill ratio and every survivor, as printed by the command line. */
export function formatStoreReport(results: readonly MutantResult[]): string {
  const killed = results.filter((r) => r.killed).length;
  const lines = [
    `store suite: ${killed} of ${results.length} defective stores caught (${((100 * killed) / Math.max(1, results.length)).toFixed(1)}%)`,
  ];
  for (const r of results.filter((x) => !x.killed)) {
    lines.push(
      `  SURVIVED ${r.id} [${r.area}] ${r.description}; expected: ${r.expected.join(' | ')}; failed instead: ${r.caughtBy.join(' | ') || 'nothing'}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ids = process.argv.slice(2);
  const { results } = await runStoreMutants(ids.length > 0 ? { ids } : {});
  console.log(formatStoreReport(results));
  if (results.filter((r) => r.killed).length < 0.95 * results.length) process.exitCode = 1;
}
