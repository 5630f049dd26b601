/**
 * Runs the client command once for a scenario: through the shell, with the scenario in its
 * environment, its own process group (so a time-out ends the whole group), stdout and stderr
 * kept (their tail goes into the report).
 */
import { spawn } from 'node:child_process';
import { CLIENT_ENV, type Scenario } from './scenarios.js';

export interface ClientExit {
  /** null when it was killed. */
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** The last lines of stdout and stderr, for the report. */
  readonly output: string;
}

const TAIL_CHARS = 2_000;

export function runClientCommand(command: string, scenario: Scenario, url: string, timeoutMs: number): Promise<ClientExit> {
  const started = Date.now();
  const env = {
    ...process.env,
    [CLIENT_ENV.url]: url,
    [CLIENT_ENV.scenario]: scenario.name,
    [CLIENT_ENV.tool]: scenario.tool,
    [CLIENT_ENV.args]: JSON.stringify(scenario.args),
  };
  const child = spawn(command, { shell: true, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-TAIL_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    const done = (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, timedOut, durationMs: Date.now() - started, output: output.trim() });
    };
    child.on('error', (error) => {
      output += `\n${error.message}`;
      done(null);
    });
    child.on('close', (code) => done(timedOut ? null : code));
  });
}

/** End the command and whatever it started (its process group). */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
