/**
 * The shape of one attack of the abuse suite, and the raw-socket helpers several attacks share.
 * Every loop is bounded in count and time, and every address is loopback (the reference server
 * started by the suite itself).
 */
import { connect as netConnect } from 'node:net';

export type Scale = 'short' | 'full';

export interface Target {
  url: string;
  port: number;
}

export interface Outcome {
  /** What the server did, in a few words (the table's "what the server did" column). */
  did: string;
  /** Whether that is what the server must do (right codes, limits held). */
  held: boolean;
}

export interface Attack {
  name: string;
  /** The wording of the attack. */
  what: string;
  /** Reference-server flags for this attack (a fresh server per attack). */
  serverArgs: readonly string[];
  /** Tokens the attack uses (the suite writes them into a --tokens file when non-empty). */
  tokens?: Record<string, string>;
  run(target: Target, scale: Scale): Promise<Outcome>;
}

/** Count of a thing at each scale. */
export const at = (scale: Scale, short: number, full: number): number => (scale === 'short' ? short : full);

/**
 * Open a raw connection, send `head`, then keep feeding body bytes until the server closes the
 * connection (or `maxMs` passes). Resolves with the first status line's code and whether the
 * server closed it.
 */
export function uploadUntilClosed(
  port: number,
  head: string,
  nextChunk: () => string | Buffer,
  maxMs: number,
): Promise<{ status: number | undefined; closed: boolean; sentBytes: number }> {
  return new Promise((resolve) => {
    const socket = netConnect(port, '127.0.0.1');
    let answer = '';
    let sentBytes = 0;
    let done = false;
    const finish = (closed: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve({ status: match ? Number(match[1]) : undefined, closed, sentBytes });
    };
    const timer = setTimeout(() => finish(false), maxMs);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {});
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      socket.write(head);
      const pump = (): void => {
        // Stop once answered, as a real client would: the point is that the server closes.
        if (done || socket.destroyed || answer.length > 0) return;
        const chunk = nextChunk();
        sentBytes += chunk.length;
        if (socket.write(chunk)) setImmediate(pump);
        else socket.once('drain', pump);
      };
      pump();
    });
  });
}

/** Counts of each value, as "413 ×20, closed ×20". */
export function tally(values: readonly (string | number | undefined)[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${value} ×${count}`).join(', ');
}
