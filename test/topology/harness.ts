/**
 * A real topology: one shared store (backends.ts: a dynalite table in this process, or a schema
 * of a real PostgreSQL server), N reference-server child processes on it (`--stateless`, the same
 * tokens file and cursor secret, a short lease), and a round-robin proxy without affinity in
 * front (proxy.ts). Used by the topology tests and the throughput bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackend, type Backend, type TopologyStore } from './backends.js';
import { startProxy, type Proxy } from './proxy.js';

/** dist/test/topology/harness.js -> dist/test/topology/instance.js */
const INSTANCE = fileURLToPath(new URL('./instance.js', import.meta.url));

export const TOKEN_A = 'topology-token-a';
export const TOKEN_B = 'topology-token-b';
export const CURSOR_SECRET = 'topology-cursor-secret';
/** The token of load owner `i` (see TopologyOptions.loadOwners). */
export const loadToken = (i: number): string => `topology-load-${i}`;

export interface Instance {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  stderr(): string;
}

export interface TopologyOptions {
  instances: number;
  /** The shared store (default dynamodb). */
  store?: TopologyStore;
  /** Task lease (ms): how soon a dead instance's task is noticed. */
  leaseMs: number;
  /** Tokens `loadToken(0 .. n-1)` for n more owners (a load from many requestors). */
  loadOwners?: number;
  /** Extra flags for every instance (limits, rate limits). */
  flags?: readonly string[];
}

export interface Topology {
  readonly proxy: Proxy;
  readonly instances: Instance[];
  readonly store: TopologyStore;
  /** The workflow step log every instance appends to. */
  readonly log: string;
  close(): Promise<void>;
}

export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-topology-'));
  const tokens = join(dir, 'tokens.json');
  const load = Array.from({ length: options.loadOwners ?? 0 }, (_, i) => [loadToken(i), `load-${i}`]);
  writeFileSync(tokens, JSON.stringify({ [TOKEN_A]: 'alice', [TOKEN_B]: 'bob', ...Object.fromEntries(load) }));
  const log = join(dir, 'steps.log');
  const instances: Instance[] = [];
  let proxy: Proxy | undefined;
  let backend: Backend | undefined;
  const close = async (): Promise<void> => {
    await proxy?.close();
    for (const instance of instances)
      if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.exited));
    await backend?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    backend = await startBackend(options.store ?? 'dynamodb');
    const flags = [
      '--port',
      '0',
      '--stateless',
      '--tokens',
      tokens,
      ...backend.flags,
      '--cursor-secret',
      CURSOR_SECRET,
      '--lease-ms',
      String(options.leaseMs),
      ...(options.flags ?? []),
    ];
    const started = await Promise.allSettled(Array.from({ length: options.instances }, () => spawnInstance(flags, log)));
    for (const s of started) if (s.status === 'fulfilled') instances.push(s.value);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    proxy = await startProxy(instances.map((i) => new URL(i.url).origin));
    return { proxy, instances, store: backend.store, log, close };
  } catch (error) {
    await close();
    throw error;
  }
}

function spawnInstance(flags: readonly string[], log: string, timeoutMs = 20_000): Promise<Instance> {
  const child = spawn(process.execPath, [INSTANCE, ...flags], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TOPOLOGY_LOG: log, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '1' },
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`an instance printed no URL within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const url = /listening on (http:\/\/\S+\/mcp)/.exec(stderr)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child, exited, stderr: () => stderr });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`an instance exited (${String(code)}) before listening; stderr:\n${stderr}`));
    });
  });
}

/** Poll `probe` until it returns a value; throws after `ms` naming `what`. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
