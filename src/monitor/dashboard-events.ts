/**
 * The dashboard's event streams (`GET /dashboard/api/events`): server-sent events, a `snapshot`
 * of what the viewer may see, then a `task` event per change of one of those tasks, each with the
 * store's time (`serverTime`) so the page computes ages on the clock that wrote them. A stream is
 * the body of a web `Response`: it ends when the client goes away (the face cancels the body) or
 * the dashboard closes. Bounded: at most `max` streams at once and `perOwner` per viewer owner
 * (429 past either), a comment every 15 s keeps proxies from closing an idle stream, and a client
 * that does not read (1 MiB queued behind what its connection takes) is dropped instead of
 * queueing without end.
 */
import { clockOf } from '../clock.js';
import type { MonitorViewer, TaskMonitor, TaskView } from './task-monitor.js';

const KEEPALIVE_MS = 15_000;
/** Bytes a stream may have queued beyond what its connection takes before the client counts as gone. */
const MAX_BUFFERED = 1024 * 1024;

interface Stream {
  owner: string;
  end(): void;
}

export class DashboardStreams {
  readonly #open = new Set<Stream>();
  readonly #encoder = new TextEncoder();

  constructor(
    private readonly monitor: TaskMonitor,
    private readonly limits: { max: number; perOwner: number },
  ) {}

  open(viewer: MonitorViewer, headers: { [name: string]: string }): Response {
    const mine = [...this.#open].filter((s) => s.owner === viewer.owner).length;
    if (this.#open.size >= this.limits.max || mine >= this.limits.perOwner) {
      return new Response(JSON.stringify({ error: 'too many open event streams' }), {
        status: 429,
        headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' },
      });
    }
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let ended = false;
    const stream: Stream = {
      owner: viewer.owner,
      end: () => {
        if (ended) return;
        ended = true;
        this.#open.delete(stream);
        clearInterval(keepalive);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already cancelled by the client
        }
      },
    };
    const send = (text: string) => {
      if (ended) return;
      if ((controller.desiredSize ?? 0) < 0) return stream.end();
      controller.enqueue(this.#encoder.encode(text));
    };
    const write = (event: string, data: unknown) => send(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const body = new ReadableStream<Uint8Array>(
      {
        start: (c) => void (controller = c),
        cancel: () => stream.end(),
      },
      { highWaterMark: MAX_BUFFERED, size: (chunk) => chunk.byteLength },
    );
    const pending: TaskView[] = [];
    let ready = false;
    // Changes that happen while the snapshot is read are sent after it, in order.
    const unsubscribe = this.monitor.subscribe(viewer, (view) =>
      ready ? write('task', { serverTime: this.#now(), task: view }) : pending.push(view),
    );
    const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
    keepalive.unref();
    this.#open.add(stream);
    void this.monitor.snapshot(viewer).then(
      (tasks) => {
        write('snapshot', { viewer, serverTime: this.#now(), tasks });
        ready = true;
        for (const view of pending.splice(0)) write('task', { serverTime: this.#now(), task: view });
      },
      () => stream.end(),
    );
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'x-accel-buffering': 'no' },
    });
  }

  /** End every stream (the server is closing). */
  close(): void {
    for (const stream of [...this.#open]) stream.end();
  }

  #now(): number {
    return clockOf(this.monitor.engine.store).now();
  }
}
