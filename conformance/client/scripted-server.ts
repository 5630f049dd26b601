/**
 * The scripted server of one scenario: the reference server (this library on the SDK 1.x
 * McpServer, with the fixture tools) over Streamable HTTP on 127.0.0.1, an ephemeral port, a
 * chosen pollInterval and a small list page, its wire recorded by a WireRecorder.
 */
import { startHttpServer } from '../../reference-server/http.js';
import { WireRecorder } from './recorder.js';
import { LIST_PAGE_SIZE } from './scenarios.js';

export interface ScriptedServerOptions {
  pollIntervalMs: number;
  /** Send no status notifications (R58). */
  quiet?: boolean;
}

export interface ScriptedServer {
  readonly url: string;
  readonly recorder: WireRecorder;
  close(): Promise<void>;
}

export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const recorder = new WireRecorder(options.quiet === true);
  const handle = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    logger: () => {},
    seam: recorder.seam(),
    security: { pollIntervalMs: options.pollIntervalMs, defaultPageSize: LIST_PAGE_SIZE, maxPageSize: LIST_PAGE_SIZE },
  });
  return { url: handle.url, recorder, close: () => handle.close() };
}
