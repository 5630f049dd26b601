/**
 * The reference server over stdio: one client (the process that started us), no authentication.
 * That client is the anonymous owner (`allowAnonymous` is switched on), and since it is the only
 * requestor, `tasks/list` is declared: listing can reveal nothing of anyone else (R80, A15).
 * stdout carries only protocol messages; logs go to stderr.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { jsonLinesLogger, type TaskStore, type TasksLogger } from '../src/index.js';
import { createEngine, createReferenceServer, openStore, type StoreOptions } from './server.js';

export interface StdioServerOptions extends StoreOptions {
  logger?: TasksLogger;
  stdin?: NodeJS.ReadableStream & { pause(): unknown };
  stdout?: NodeJS.WritableStream;
}

export interface StdioServerHandle {
  readonly store: TaskStore;
  /** Resolves when the client closes our stdin (or the transport closes). */
  readonly ended: Promise<void>;
  close(): Promise<void>;
}

export async function startStdioServer(options: StdioServerOptions = {}): Promise<StdioServerHandle> {
  const store = await openStore({ ...options, security: { ...options.security, allowAnonymous: true } });
  const engine = createEngine(store, options, options.logger ?? jsonLinesLogger);
  const { mcp } = createReferenceServer({ engine, list: true });
  const stdin = options.stdin ?? process.stdin;
  const transport = new StdioServerTransport(stdin as never, (options.stdout ?? process.stdout) as never);

  let ended!: () => void;
  const endedPromise = new Promise<void>((resolve) => (ended = resolve));
  transport.onclose = () => ended();
  stdin.once('end', () => ended());
  await mcp.connect(transport);

  let closing: Promise<void> | undefined;
  return {
    store,
    ended: endedPromise,
    close() {
      closing ??= (async () => {
        await engine.shutdown(options.shutdownGraceMs ?? 0);
        await mcp.close();
        engine.close();
        await store.close();
      })();
      return closing;
    },
  };
}
