/**
 * Helpers of the protocol conformance tests: paths of the built entry points, a tokens file, and
 * the reference server spawned over HTTP on an ephemeral port (its URL read from stderr).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (this file runs as dist/test/conformance/helpers.js). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const REFERENCE_MAIN = join(ROOT, 'dist/reference-server/main.js');
export const CLI = join(ROOT, 'dist/conformance/cli.js');
export const SDK_SERVER = join(ROOT, 'dist/test/conformance/fixtures/sdk-experimental-server.js');

export const TOKEN_A = 'conformance-token-a';
export const TOKEN_B = 'conformance-token-b';
/** The limits every reference server of these tests runs with. */
export const LIMITS = { maxTasksPerOwner: 5, maxTtlMs: 60_000 } as const;
export const LIMIT_FLAGS = ['--max-tasks-per-owner', String(LIMITS.maxTasksPerOwner), '--max-ttl-ms', String(LIMITS.maxTtlMs)];
/** What the kit is told besides LIMITS: the reference server's default rate limit and request size (usage.ts, src/security.ts). */
export const KIT_LIMITS = { ...LIMITS, rateLimit: 100, maxRequestBytes: 256 * 1024 } as const;
export const KIT_LIMIT_FLAGS = [
  ...LIMIT_FLAGS,
  '--rate-limit',
  String(KIT_LIMITS.rateLimit),
  '--max-request-bytes',
  String(KIT_LIMITS.maxRequestBytes),
];

/** A temp dir with tokens.json mapping TOKEN_A -> alice, TOKEN_B -> bob. */
export function tempDirWithTokens(): { dir: string; tokens: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-conformance-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify({ [TOKEN_A]: 'alice', [TOKEN_B]: 'bob' }));
  return { dir, tokens };
}

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** `node dist/reference-server/main.js --port 0 --tokens FILE <limits> <extraArgs>`; resolves with its URL. */
export function spawnReferenceHttp(tokens: string, timeoutMs = 10_000, extraArgs: readonly string[] = []): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [REFERENCE_MAIN, '--port', '0', '--tokens', tokens, ...LIMIT_FLAGS, ...extraArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: '1' },
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the reference server printed no URL within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      const url = /listening on (http:\/\/\S+\/mcp)/.exec(stderr)?.[1];
      if (url && timer) {
        clearTimeout(timer);
        resolve({ url, child, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the reference server exited (${String(code)}) before listening; stderr:\n${stderr}`));
    });
  });
}

/** Run a node script; resolves with its exit code and output. */
export function runNode(args: string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`node ${args.join(' ')} did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
