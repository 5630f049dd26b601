/**
 * Routes a `subscriptions/listen` that asks for task notifications to our subscriptions
 * (task-listen.ts), in front of the SDK's handler; everything else goes to the SDK unchanged.
 *
 * Why in front and not the SDK's own listen router (docs/2026-leg.md section 9):
 * `createMcpHandler` answers `subscriptions/listen` itself, before any handler of ours runs, and
 * its router knows only the four list-changed / resource filters: it parses the filter with a
 * schema that drops `taskIds`, acknowledges `{}` and ends the stream, and it neither asks for
 * the Tasks extension (-32021) nor knows owners. So a listen naming `taskIds` is recognised here
 * by the SDK's own classifier (`classifyInboundRequest`, the era and envelope rules) and served
 * by us; a request the SDK would refuse (no MCP-Protocol-Version header, another revision, a bad
 * envelope) still goes to the SDK, which answers it as it answers any other.
 *
 * The body is read only for a POST whose `Mcp-Method` header names `subscriptions/listen` (a
 * modern request without that header is refused by the SDK anyway), from `parsedBody` when the
 * caller parsed it, else from a clone within the SDK's body limit.
 */
import {
  classifyInboundRequest,
  CLIENT_CAPABILITIES_META_KEY,
  DEFAULT_MAX_REQUEST_BODY_SIZE,
  readRequestBody,
  type McpHttpHandler,
} from '@modelcontextprotocol/server';
import type { JsonObject } from '../../json.js';
import { TaskSubscriptions, type ListenRequest, type TaskListenOptions } from './task-listen.js';

const LISTEN = 'subscriptions/listen';
/** The one revision this leg speaks; another goes to the SDK, which refuses it. */
const REVISION = '2026-07-28';

/** `handler` with task subscriptions served in front of it; its `close` also ends them. */
export function withTaskListen(handler: McpHttpHandler, options: TaskListenOptions): McpHttpHandler {
  const subscriptions = new TaskSubscriptions(options);
  return {
    ...handler,
    fetch: async (request, requestOptions) => {
      if (request.method.toUpperCase() !== 'POST' || request.headers.get('mcp-method')?.trim() !== LISTEN)
        return handler.fetch(request, requestOptions);
      const body = requestOptions?.parsedBody !== undefined ? requestOptions.parsedBody : await bodyOf(request);
      const listen = body === undefined ? undefined : taskListen(request, body);
      if (listen === undefined)
        return handler.fetch(request, body === undefined ? requestOptions : { ...requestOptions, parsedBody: body });
      return subscriptions.serve(listen, request.signal, requestOptions?.authInfo);
    },
    close: async () => {
      subscriptions.closeAll();
      await handler.close();
    },
  };
}

/** The parsed body of a clone of `request` (the original stays readable for the SDK); undefined when unreadable. */
async function bodyOf(request: Request): Promise<unknown> {
  try {
    const read = await readRequestBody(request.clone(), DEFAULT_MAX_REQUEST_BODY_SIZE);
    return read.tooLarge ? undefined : (JSON.parse(read.text) as unknown);
  } catch {
    return undefined;
  }
}

/** The listen request when it is a well-formed 2026 request naming `taskIds`; undefined: the SDK's to answer. */
function taskListen(request: Request, body: unknown): ListenRequest | undefined {
  const header = (name: string) => request.headers.get(name) ?? undefined;
  const route = classifyInboundRequest({
    httpMethod: request.method,
    protocolVersionHeader: header('mcp-protocol-version'),
    mcpMethodHeader: header('mcp-method'),
    mcpNameHeader: header('mcp-name'),
    body,
  });
  if (route.kind !== 'modern' || route.messageKind !== 'request' || route.message.method !== LISTEN) return undefined;
  if (route.classification.revision !== REVISION || header('mcp-protocol-version')?.trim() !== REVISION) return undefined;
  const params = (route.message.params ?? {}) as JsonObject;
  const filter = params.notifications;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter) || !('taskIds' in filter)) return undefined;
  const meta = params._meta;
  const capabilities =
    typeof meta === 'object' && meta !== null && !Array.isArray(meta) ? (meta as JsonObject)[CLIENT_CAPABILITIES_META_KEY] : undefined;
  return { id: route.message.id, params, capabilities };
}
