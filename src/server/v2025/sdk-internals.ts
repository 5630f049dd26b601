/**
 * The ONLY place that touches non-public parts of @modelcontextprotocol/sdk (supported: 1.32.x, the
 * peer range `~1.32`). The SDK offers no hook to wrap an installed request handler, to let a server
 * decide itself how to treat `params.task`, or to run McpServer's own argument and output checks
 * outside its tools/call handler, so we reach in here. Every touch checks the shape it relies on
 * when `withTasks` runs and throws `SdkUnsupportedError` (SDK_UNSUPPORTED) if it changed; the
 * guards are tested against stand-in objects (test/server/sdk-internals.test.ts).
 *
 * | touch                                      | why                                                        |
 * |--------------------------------------------|------------------------------------------------------------|
 * | Server `_requestHandlers` (read)           | wrap McpServer's tools/call and tools/list handlers        |
 * | Server `_requestHandlers` (write)          | tools/call without the SDK's `task` result wrapper (R7)    |
 * | Server `assertTaskHandlerCapability`       | the SDK's pre-handler `task` gate answers -32603 (R7)      |
 * | McpServer `setToolRequestHandlers()`       | its tool handlers are installed lazily; we wrap them       |
 * | McpServer `_registeredTools` (read)        | which registered tool a name means now (remove, rename)    |
 * | McpServer `validateToolInput`              | its argument parsing, not a copy (-32602 naming the field) |
 * | McpServer `validateToolOutput`, `createToolError` | its outputSchema check and the result it answers    |
 * | types from `server/zod-compat.js`          | the schema types McpServer.registerTool is declared with   |
 * | `Server.connect` (wrapped on the instance)   | attach to each transport right after the SDK did          |
 * | the transport's `onmessage` (wrapped)      | answers to carried questions, before the SDK drops them    |
 * | Streamable HTTP stream maps (`delete` wrapped) | a response stream the client closed ends its request   |
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, JSONRPCMessage, MessageExtraInfo } from '@modelcontextprotocol/sdk/types.js';
import { SdkUnsupportedError } from '../../errors/index.js';

// Types only (erased at runtime): McpServer.registerTool's schema parameters are declared with
// these, and the SDK exports them from no documented path.
export type { AnySchema, SchemaOutput, ShapeOutput, ZodRawShapeCompat } from '@modelcontextprotocol/sdk/server/zod-compat.js';

export type AnyHandler = (request: { method: string; params?: Record<string, unknown> }, extra: unknown) => Promise<unknown>;

interface ServerInternals {
  _requestHandlers: Map<string, AnyHandler>;
  assertTaskHandlerCapability: (method: string) => void;
}

/** The low-level Server's private handler map and task gate, checked once. */
function serverInternals(server: Server): ServerInternals {
  const inner = server as unknown as Partial<ServerInternals>;
  if (!(inner._requestHandlers instanceof Map)) throw new SdkUnsupportedError('Server._requestHandlers');
  if (typeof inner.assertTaskHandlerCapability !== 'function') throw new SdkUnsupportedError('Server.assertTaskHandlerCapability');
  return inner as ServerInternals;
}

/** The handler currently installed for `method`, if any (the SDK's wrapper included). */
export function installedHandler(server: Server, method: string): AnyHandler | undefined {
  return serverInternals(server)._requestHandlers.get(method);
}

/**
 * Install a handler without the SDK's per-method wrapping. Server.setRequestHandler wraps
 * tools/call so that any request carrying `params.task` must answer a CreateTaskResult, which
 * breaks R7 (a server that ignores `task` answers a normal CallToolResult); our tools/call
 * handler checks what it returns itself.
 */
export function setRawRequestHandler(server: Server, method: string, handler: AnyHandler): void {
  serverInternals(server)._requestHandlers.set(method, handler);
}

/**
 * The SDK refuses any request carrying `params.task` with -32603 before a handler runs unless
 * `tasks.requests` lists that method. The spec says receivers that did not declare task support
 * for a request type MUST process it normally, ignoring `task` (R7); our handlers implement the
 * rules themselves, so the SDK's gate is switched off for this server instance.
 */
export function disableSdkTaskGate(server: Server): void {
  serverInternals(server).assertTaskHandlerCapability = () => {};
}

interface McpServerInternals {
  setToolRequestHandlers(): void;
  _registeredTools: { [name: string]: RegisteredTool };
  validateToolInput(tool: RegisteredTool, args: unknown, name: string): Promise<unknown>;
  validateToolOutput(tool: RegisteredTool, result: CallToolResult, name: string): Promise<void>;
  createToolError(message: string): CallToolResult;
}

const MCP_METHODS = ['setToolRequestHandlers', 'validateToolInput', 'validateToolOutput', 'createToolError'] as const;

/** McpServer's private tool registry and call steps, checked once. */
function mcpInternals(mcp: McpServer): McpServerInternals {
  const inner = mcp as unknown as Partial<McpServerInternals>;
  for (const method of MCP_METHODS) {
    if (typeof inner[method] !== 'function') throw new SdkUnsupportedError(`McpServer.${method}`);
  }
  if (typeof inner._registeredTools !== 'object' || inner._registeredTools === null)
    throw new SdkUnsupportedError('McpServer._registeredTools');
  return inner as McpServerInternals;
}

/** The outcome of McpServer's argument parsing: its parsed value, or its -32602 message. */
export type ParsedArguments = { ok: true; args: unknown } | { ok: false; message: string };

/** What TaskTools needs from McpServer beyond its public API: one object, checked when created. */
export interface McpToolInternals {
  /** The tool McpServer calls `name` now (undefined after `remove()`, moved by a rename). */
  registeredTool(name: string): RegisteredTool | undefined;
  /** McpServer's own argument parsing for `tool` (raw shapes, object schemas, unions, size limit). */
  parseArguments(tool: RegisteredTool, name: string, args: unknown): Promise<ParsedArguments>;
  /**
   * McpServer's outputSchema check: `result` if it passes (or the tool has none, or it is an
   * error result), else the error result McpServer itself answers for that tool call.
   */
  checkOutput(tool: RegisteredTool, name: string, result: CallToolResult): Promise<CallToolResult>;
}

/**
 * McpServer installs its tools/list and tools/call handlers lazily, on the first tool; install
 * them now so that we can wrap them (and so that later registerTool calls do not collide), and
 * return the tool internals we use on each call.
 */
export function mcpToolInternals(mcp: McpServer): McpToolInternals {
  const inner = mcpInternals(mcp);
  inner.setToolRequestHandlers();
  return {
    registeredTool: (name) => (Object.hasOwn(inner._registeredTools, name) ? inner._registeredTools[name] : undefined),
    async parseArguments(tool, name, args) {
      try {
        return { ok: true, args: await inner.validateToolInput(tool, args, name) };
      } catch (error) {
        const message = invalidParamsMessage(error);
        if (message === undefined) throw error;
        return { ok: false, message };
      }
    },
    async checkOutput(tool, name, result) {
      try {
        await inner.validateToolOutput(tool, result, name);
        return result;
      } catch (error) {
        // What McpServer's tools/call handler answers for a failed check: an error result.
        return inner.createToolError(error instanceof Error ? error.message : String(error));
      }
    },
  };
}

/** The message of McpServer's -32602 McpError without the "MCP error -32602: " prefix McpError adds. */
function invalidParamsMessage(error: unknown): string | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== -32602) return undefined;
  return error.message.replace(/^MCP error -32602: /, '');
}

/**
 * Run `attach` on each transport this server connects to (and the current one), right after the
 * SDK attached itself to it. The SDK has no hook for that; `connect` is wrapped on this instance.
 */
export function afterConnect(server: Server, attach: (transport: Transport) => void): void {
  const connect: unknown = server.connect;
  if (typeof connect !== 'function') throw new SdkUnsupportedError('Server.connect');
  const connectSdk = (connect as Server['connect']).bind(server);
  server.connect = async (transport) => {
    await connectSdk(transport);
    attach(transport);
  };
  if (server.transport) attach(server.transport);
}

/** Sees a message from the client before the SDK; returns true to keep it from the SDK. */
export type IncomingFilter = (message: JSONRPCMessage, extra: MessageExtraInfo | undefined) => boolean;

/**
 * Show `take` every message from the client before the SDK's dispatcher (the transport's
 * `onmessage`, set by the SDK's connect); a message `take` returns true for never reaches the SDK.
 * Why: a carried question goes out under an id naming its task and key (wire-answers.ts), and
 * its answer must be taken whichever stream carried it, also after that stream ended; the SDK
 * routes a response only to a request it sent itself and still waits for, and drops any other as
 * an unknown id, with no hook.
 */
export function interceptIncoming(transport: Transport, take: IncomingFilter): void {
  const dispatch = transport.onmessage;
  if (typeof dispatch !== 'function') throw new SdkUnsupportedError('Transport.onmessage set by Server.connect');
  transport.onmessage = (message, extra) => {
    if (!take(message, extra)) dispatch.call(transport, message, extra);
  };
}

/** The Streamable HTTP transport's bookkeeping of response streams (its web-standard core). */
interface StreamMaps {
  _streamMapping: Map<string, unknown>;
  _requestToStreamMapping: Map<string | number, string>;
  _requestResponseMap: Map<string | number, unknown>;
  _eventStore?: unknown;
}

/**
 * Call `ended` with the ids of the requests whose response stream the client closed before their
 * response, on the SDK's Streamable HTTP transports. Why: the SDK's transport drops such a stream
 * silently, so the request's handler would wait on for nobody (a `tasks/result` holding a question
 * no stream can ask any more, A10). The transport forgets a stream by deleting it from its stream
 * map (the client cancelled it, or all its responses were sent: those have responses, so they
 * are not reported); that map's `delete` is wrapped on this instance. Transports without
 * per-request streams (stdio, in-memory) are left alone, and so is one with an event store: its
 * client resumes the stream and gets what it missed.
 */
export function watchClosedStreams(transport: Transport, ended: (requestIds: (string | number)[]) => void): void {
  const inner: unknown = (transport as { _webStandardTransport?: unknown })._webStandardTransport ?? transport;
  const maps = inner as Partial<StreamMaps>;
  if (!('_webStandardTransport' in transport) && !('_streamMapping' in maps)) return;
  if (
    !(maps._streamMapping instanceof Map) ||
    !(maps._requestToStreamMapping instanceof Map) ||
    !(maps._requestResponseMap instanceof Map)
  ) {
    throw new SdkUnsupportedError('StreamableHTTPServerTransport stream maps');
  }
  if (maps._eventStore !== undefined) return;
  const { _streamMapping: streams, _requestToStreamMapping: requests, _requestResponseMap: responses } = maps as StreamMaps;
  const forget = streams.delete.bind(streams);
  streams.delete = (streamId) => {
    const unanswered = [...requests].filter(([id, stream]) => stream === streamId && !responses.has(id)).map(([id]) => id);
    const forgotten = forget(streamId);
    if (unanswered.length > 0) ended(unanswered);
    return forgotten;
  };
}
