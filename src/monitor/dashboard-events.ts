/**
 * The dashboard's event streams (`GET /dashboard/api/events`): server-sent events, a `snapshot`
 * of what the viewer may see, then a `task` event per change of one of those tasks, each with the
 * store's time (`serverTime`) so the page computes ages on the clock that wrote them. Bounded:
 * at most `max` streams at once and `perOwner` per viewer owner (429 past either), a comment every
 * 15 s keeps proxies from closing an idle stream, and a client that does not read (its socket
 * buffer full) is dropped instead of queueing without end.
 */
import type { ServerResponse } from 'node:http';
import { clockOf } from '../clock.js';
import type { MonitorViewer, TaskMonitor, TaskView } from './task-monitor.js';

const KEEPALIVE_MS = 15_000;
/** Bytes a stream may have waiting in its socket before the client counts as gone. */
const MAX_BUFFERED = 1024 * 1024;

interface Stream {
  owner: string;
  end(): void;
}

export class DashboardStreams {
  readonly #open = new Set<Stream>();

  constructor(
    private readonly monitor: TaskMonitor,
    private readonly limits: { max: number; perOwner: number },
  ) {}

  async open(viewer: MonitorViewer, res: ServerResponse, headers: { [name: string]: string }): Promise<void> {
    const mine = [...this.#open].filter((s) => s.owner === viewer.owner).length;
    if (this.#open.size >= this.limits.max || mine >= this.limits.perOwner) {
      res.writeHead(429, { ...headers, 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' });
      res.end(JSON.stringify({ error: 'too many open event streams' }));
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' });
    const pending: TaskView[] = [];
    let ready = false;
    // Changes that happen while the snapshot is read are sent after it, in order.
    const unsubscribe = this.monitor.subscribe(viewer, (view) => (ready ? write('task', { serverTime: this.#now(), task: view }) : pending.push(view)));
    const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    const stream: Stream = {
      owner: viewer.owner,
      end: () => {
        if (!this.#open.delete(stream)) return;
        clearInterval(keepalive);
        unsubscribe();
        res.end();
      },
    };
    this.#open.add(stream);
    res.once('close', stream.end);
    const write = (event: string, data: unknown) => {
      if (res.writableLength > MAX_BUFFERED) return stream.end();
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const tasks = await this.monitor.snapshot(viewer);
    write('snapshot', { viewer, serverTime: this.#now(), tasks });
    ready = true;
    for (const view of pending.splice(0)) write('task', { serverTime: this.#now(), task: view });
  }

  /** End every stream (the server is closing). */
  close(): void {
    for (const stream of [...this.#open]) stream.end();
  }

  #now(): number {
    return clockOf(this.monitor.engine.store).now();
  }
}
