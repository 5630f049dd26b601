/**
 * The scripted server of one scenario, and the requestor kit's one dependency on the server it
 * runs: the reference server (reference-server/, this library on the SDK 1.x McpServer, with the
 * fixture tools) over Streamable HTTP on 127.0.0.1, an ephemeral port, a chosen pollInterval and
 * a small list page. It reaches the reference server only through its product seam
 * (`startHttpServer({ seam })`, reference-server/seam.ts): each session's transport is wrapped
 * with the recorder's tap and the scripted tools are added to each session's server.
 *
 * This is the only file of conformance/client/ that imports reference-server/
 * (test/conformance/kit-boundaries.test.ts holds it to that), so the seam the kit relies on is
 * stated in one place.
 */
import { startHttpServer } from '../../reference-server/http.js';
import { InterceptedTransport, type ServerSeam } from '../../reference-server/seam.js';
import { WireRecorder } from './recorder.js';
import { LIST_PAGE_SIZE } from './scenarios.js';
import { registerScriptedTools } from './scripted-tools.js';

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
    seam: recordingSeam(recorder),
    security: { pollIntervalMs: options.pollIntervalMs, defaultPageSize: LIST_PAGE_SIZE, maxPageSize: LIST_PAGE_SIZE },
  });
  return { url: handle.url, recorder, close: () => handle.close() };
}

/** The seam: every session recorded by `recorder` (labelled s1, s2, … until its id is known), with the scripted tools. */
function recordingSeam(recorder: WireRecorder): ServerSeam {
  const all: InterceptedTransport[] = [];
  let sessions = 0;
  return {
    session: (transport, server) => {
      registerScriptedTools(server.tasks, server.mcp);
      const label = `s${++sessions}`;
      const wrapped: InterceptedTransport = new InterceptedTransport(
        transport,
        recorder.tap(() => wrapped.sessionId ?? label),
        all,
      );
      return wrapped;
    },
  };
}
