/**
 * Which generation(s) a URL speaks. 2025-11-25: the sessionful `initialize` answered with
 * `capabilities.tasks` (the 2025 run's own connection says so). 2026-07-28: `server/discover`
 * with the per-request envelope lists `capabilities.extensions["io.modelcontextprotocol/tasks"]`;
 * then its tools are listed the same way, for the checks to pick the official fixtures.
 */
import { isObject, type Json } from '../../core/json.js';
import { GENERATION_2025, TASKS_EXTENSION } from '../../core/wire.js';
import { identityHeaders, type Identity } from '../target.js';
import type { Recording2026 } from './recording.js';
import { Client2026 } from './wire.js';

/** What detection found on the 2026 wire (`tools` by name, with their `execution.taskSupport`). */
export interface Found2026 {
  client: Client2026;
  discover: Json;
  tools: Map<string, Json>;
}

/** The 2026 facts of `url`, or undefined when it does not speak the Tasks extension on that wire. */
export async function detect2026(
  url: string,
  identity: Identity | undefined,
  timeoutMs: number,
  recording?: Recording2026,
): Promise<Found2026 | undefined> {
  const client = new Client2026(url, timeoutMs, recording);
  const reply = await client.call('server/discover', {}, { identity });
  if (reply.kind !== 'result') return undefined;
  const capabilities = reply.result.capabilities;
  if (!isObject(capabilities) || !isObject(capabilities.extensions) || !isObject(capabilities.extensions[TASKS_EXTENSION]))
    return undefined;
  const tools = new Map<string, Json>();
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const listed = await client.call('tools/list', cursor === undefined ? {} : { cursor }, { identity });
    if (listed.kind !== 'result' || !Array.isArray(listed.result.tools)) break;
    for (const t of listed.result.tools) if (isObject(t) && typeof t.name === 'string') tools.set(t.name, t);
    cursor = typeof listed.result.nextCursor === 'string' ? listed.result.nextCursor : undefined;
    if (cursor === undefined) break;
  }
  return { client, discover: reply.result, tools };
}

/** Whether the 2025 connection's initialize result declared the Tasks utility. */
export const speaks2025 = (capabilities: Json | undefined): boolean => isObject(capabilities?.tasks);

/**
 * Whether `url` takes a 2025-11-25 `initialize` at all: answers it with a result (JSON or SSE),
 * whatever the result holds, or accepts it (HTTP 2xx) and then sends no JSON-RPC message at all,
 * which no refusal looks like (a request accepted is owed its response). A server that does
 * means to serve 2025 and is checked on it (its failed connection is cap.tasks-declared's
 * finding); one that refuses (an HTTP error, a JSON-RPC error) serves 2026 only.
 */
export async function answersInitialize(url: string, identity: Identity | undefined, timeoutMs: number): Promise<boolean> {
  const params = { protocolVersion: GENERATION_2025, capabilities: {}, clientInfo: { name: 'mcp-tasks-conformance', version: '0' } };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...identityHeaders(identity) },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const session = response.headers.get('mcp-session-id');
    if (session)
      void fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': session, ...identityHeaders(identity) } }).catch(() => undefined);
    return response.ok && (/"result"\s*:/.test(text) || !/"jsonrpc"/.test(text));
  } catch {
    return false;
  }
}
