/**
 * Servers under load run as child processes of the bench, so their CPU time is their own (read
 * from /proc on Linux) and a client in this process does not share their event loop. A server
 * prints `listening on http://.../mcp` on stderr (the reference server does, and
 * bench/sdk-http-server.ts); its JSON-lines log is drained and dropped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built reference server (`mcp-tasks-server`). */
export const REFERENCE_SERVER = fileURLToPath(new URL('../reference-server/main.js', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: URL;
  /** CPU time (user + system) the process has used so far, in ms (NaN off Linux). */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Start `script` (a built .js file) with `args`; resolves once it listens. */
export async function startServerProcess(script: string, args: readonly string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...(process.env.MCP_TASKS_BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), script, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<URL>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: string) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+\/mcp)/.exec(seen);
      if (match) {
        child.stderr!.off('data', onData);
        child.stderr!.resume(); // keep draining the log so the server never blocks on it
        resolve(new URL(match[1]!));
      }
    };
    child.stderr!.setEncoding('utf8').on('data', onData);
    child.once('exit', () => reject(new Error(`${script} exited before listening: ${seen.slice(-2000)}`)));
  });
  return {
    child,
    url,
    cpuMs: () => cpuMsOf(child.pid),
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux); NaN elsewhere. */
export function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
  } catch {
    return Number.NaN;
  }
}
