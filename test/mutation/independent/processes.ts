/**
 * The processes of an independent mutation run, each started here, tracked, and killed by its own
 * id: the patched reference server, the protocol kit against it, the requestor kit on a client
 * program, the store suite on a patched store. Each answers what it saw (a kit's JSON report, a
 * TAP summary) or why there is nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './mutant.js';

const SERVER_START_MS = 30_000;
const STORE_SUITE_MS = 180_000;

/** Processes started here and still running: ended on Ctrl-C, each by its own id. */
export const live = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await stopped(child);
}

/** Wait for `child` within `ms` (killed then); whether it ran out of time, and its stderr's tail. */
async function finished(child: ChildProcess, ms: number): Promise<{ timedOut: boolean; stderr: string }> {
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
  return { timedOut, stderr };
}

export interface Served {
  url: string;
  child: ChildProcess;
}

export interface Limits {
  tokens: string;
  maxTasks: number;
  maxTtlMs: number;
  /** The reference server's defaults, told to a kit that takes them (--rate-limit, --max-request-bytes). */
  rateLimit: number;
  maxRequestBytes: number;
}

/** Start the reference server of `dir` with `args`; resolves with its URL once it logged `listening on`. */
export function startServer(dir: string, limits: Limits, args: readonly string[] = []): Promise<Served> {
  const main = path.join(dir, 'dist/reference-server/main.js');
  const flags = [
    '--port',
    '0',
    '--tokens',
    limits.tokens,
    '--max-tasks-per-owner',
    String(limits.maxTasks),
    '--max-ttl-ms',
    String(limits.maxTtlMs),
    ...args,
  ];
  const child = track(spawn(process.execPath, [main, ...flags], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }));
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
      else resolve({ url: url!, child });
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

export interface KitRun {
  report?: unknown;
  timedOut: boolean;
  note?: string;
}

async function runCli(kit: string, args: string[], out: string, ms: number): Promise<KitRun> {
  const cli = path.join(kit, 'conformance/cli.js');
  const child = track(
    spawn(process.execPath, [cli, ...args, '--json', out, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }),
  );
  const { timedOut, stderr } = await finished(child, ms);
  if (timedOut) return { timedOut, note: `the kit ran longer than ${ms} ms` };
  if (!existsSync(out))
    return { timedOut, note: `the kit wrote no report (exit ${child.exitCode}): ${stderr.trim().split('\n').slice(-3).join(' | ')}` };
  return { report: JSON.parse(readFileSync(out, 'utf8')), timedOut };
}

/** The protocol kit of `kit` (a dist/ folder) against `url` within `ms` (only the checks `only` names, when given). */
export function runProtocolKit(
  kit: string,
  url: string,
  limits: Limits,
  out: string,
  ms: number,
  only?: readonly string[],
): Promise<KitRun> {
  const args = [
    '--url',
    url,
    '--auth-a',
    'token-a',
    '--auth-b',
    'token-b',
    '--max-tasks-per-owner',
    String(limits.maxTasks),
    '--max-ttl-ms',
    String(limits.maxTtlMs),
  ];
  if (only?.length) args.push('--only', only.join(','));
  // An older kit (--kit) may not know these flags yet.
  const usage = readFileSync(path.join(kit, 'conformance/protocol/cli.js'), 'utf8');
  if (usage.includes('--rate-limit'))
    args.push('--rate-limit', String(limits.rateLimit), '--max-request-bytes', String(limits.maxRequestBytes));
  return runCli(kit, args, out, ms);
}

/** The requestor kit of `kit` on the client program `command` (its scenarios, or all) within `ms`. */
export function runClientKit(kit: string, command: string, scenarios: string[] | undefined, out: string, ms: number): Promise<KitRun> {
  return runCli(kit, ['client', '--command', command, ...(scenarios ? ['--scenarios', scenarios.join(',')] : [])], out, ms);
}

export interface StoreOutcome {
  ran: boolean;
  failed: number;
  passed: number;
  failures: string[];
  note?: string;
}

/** The store suite of `kit` on the InMemoryTaskStore of `dir`. */
export async function runStoreSuite(kit: string, dir: string, name: string): Promise<StoreOutcome> {
  const file = path.join(dir, 'store.test.mjs');
  const suite = pathToFileURL(path.join(kit, 'conformance/index.js')).href;
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
  const { timedOut } = await finished(child, STORE_SUITE_MS);
  const count = (label: string) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(out)?.[1] ?? NaN);
  const failed = count('fail');
  const passed = count('pass');
  const failures = [...out.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((m) => m[1]!.trim());
  if (timedOut)
    return {
      ran: true,
      failed: Number.isNaN(failed) ? 1 : failed,
      passed: Number.isNaN(passed) ? 0 : passed,
      failures,
      note: `the store suite ran longer than ${STORE_SUITE_MS} ms`,
    };
  if (Number.isNaN(failed)) return { ran: false, failed: 0, passed: 0, failures: [], note: `no TAP summary (exit ${child.exitCode})` };
  return { ran: true, failed, passed, failures: [...new Set(failures)].slice(0, 6) };
}
