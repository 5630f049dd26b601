/**
 * Runs attacks against a fresh reference-server process each (so its peak RSS is the attack's),
 * then checks that the server is still up. Used by `npm run soak` (full scale, a table) and by
 * test/abuse/abuse.test.ts (short scale, in `npm test`).
 */
import { readFileSync } from 'node:fs';
import { startServer, tokensFile, type ServerProcess } from '../reference-server/helpers.js';
import type { Attack, Outcome, Scale } from './attack.js';
import { isSession, openSession } from './raw-client.js';

export interface AttackRow extends Outcome {
  attack: string;
  what: string;
  /** Peak resident memory of the server process (VmHWM), MiB. */
  peakRssMiB: number;
  stayedUp: boolean;
  ms: number;
}

/** Peak RSS of a process in MiB, from /proc (Linux); NaN elsewhere. */
export function peakRssMiB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

export async function runAttack(attack: Attack, scale: Scale): Promise<AttackRow> {
  const args = [...attack.serverArgs, ...(attack.tokens ? ['--tokens', tokensFile(attack.tokens)] : [])];
  const server: ServerProcess = await startServer(args);
  const started = Date.now();
  try {
    let outcome: Outcome;
    try {
      outcome = await attack.run({ url: server.url, port: server.port }, scale);
    } catch (error) {
      outcome = { did: `the attack failed: ${(error as Error).message}`, held: false };
    }
    const peak = peakRssMiB(server.child.pid);
    const token = attack.tokens ? Object.keys(attack.tokens)[0] : undefined;
    const probe = await openSession(server.url, token).catch(() => ({ refused: 0 }));
    const stayedUp = server.child.exitCode === null && (isSession(probe) || probe.refused === 429);
    return { attack: attack.name, what: attack.what, ...outcome, peakRssMiB: peak, stayedUp, ms: Date.now() - started };
  } finally {
    server.kill();
    await server.exited;
  }
}

export function formatTable(rows: readonly AttackRow[]): string {
  const lines = ['| attack | what the server did | peak RSS | stayed up | held |', '|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(
      `| ${row.attack}: ${row.what} | ${row.did} | ${row.peakRssMiB.toFixed(0)} MiB | ${row.stayedUp ? 'yes' : 'NO'} | ${row.held ? 'yes' : 'NO'} |`,
    );
  }
  return lines.join('\n');
}
