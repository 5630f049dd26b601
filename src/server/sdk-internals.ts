/**
 * The only place that touches non-public parts of @modelcontextprotocol/sdk (1.32.x). The SDK
 * offers no hook to wrap an installed request handler or to let a server decide itself how to
 * treat `params.task`, so we reach in here, check the shape, and fail loudly if it changed.
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

type AnyHandler = (request: { method: string; params?: Record<string, unknown> }, extra: unknown) => Promise<unknown>;

interface ServerInternals {
  _requestHandlers?: Map<string, AnyHandler>;
  assertTaskHandlerCapability?: (method: string) => void;
}

function internals(server: Server): ServerInternals {
  const inner = server as unknown as ServerInternals;
  if (!(inner._requestHandlers instanceof Map)) {
    throw new Error('mcp-tasks: unsupported @modelcontextprotocol/sdk version (no request handler map); use 1.32.x');
  }
  return inner;
}

/** The handler currently installed for `method`, if any (the SDK's wrapper included). */
export function installedHandler(server: Server, method: string): AnyHandler | undefined {
  return internals(server)._requestHandlers!.get(method);
}

/**
 * Install a handler without the SDK's per-method wrapping. Server.setRequestHandler wraps
 * tools/call so that any request carrying `params.task` must answer a CreateTaskResult, which
 * breaks R7 (a server that ignores `task` answers a normal CallToolResult); our tools/call
 * handler validates what it returns itself.
 */
export function setRawRequestHandler(server: Server, method: string, handler: AnyHandler): void {
  internals(server)._requestHandlers!.set(method, handler);
}

/**
 * McpServer installs its tools/list and tools/call handlers lazily on the first tool; make sure
 * they exist so that we can wrap them (and so that later registerTool calls do not collide).
 */
export function ensureMcpToolHandlers(mcp: McpServer): void {
  if (installedHandler(mcp.server, 'tools/call')) return;
  const setup = (mcp as unknown as { setToolRequestHandlers?: () => void }).setToolRequestHandlers;
  if (typeof setup !== 'function') throw new Error('mcp-tasks: unsupported McpServer version (no setToolRequestHandlers)');
  setup.call(mcp);
}

/**
 * The SDK refuses any request carrying `params.task` with -32603 before a handler runs unless
 * `tasks.requests` lists that method. The spec says receivers that did not declare task support
 * for a request type MUST process it normally, ignoring `task` (R7); our handlers implement the
 * rules themselves, so the SDK's gate is switched off for this server instance.
 */
export function disableSdkTaskGate(server: Server): void {
  const inner = internals(server);
  if (typeof inner.assertTaskHandlerCapability !== 'function') {
    throw new Error('mcp-tasks: unsupported @modelcontextprotocol/sdk version (no assertTaskHandlerCapability)');
  }
  inner.assertTaskHandlerCapability = () => {};
}
