/**
 * The guards of src/server/v2025/sdk-internals.ts against stand-in server shapes: an SDK lacking any
 * private field or method we rely on fails with SdkUnsupportedError (SDK_UNSUPPORTED) naming it,
 * at `withTasks` time, instead of misbehaving later.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { McpServer, type RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { isTasksError, SdkUnsupportedError } from '../../src/errors/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  afterConnect,
  disableSdkTaskGate,
  installedHandler,
  interceptIncoming,
  mcpToolInternals,
  setRawRequestHandler,
  watchClosedStreams,
} from '../../src/server/v2025/sdk-internals.js';
import { withTasks } from '../../src/server/v2025/with-tasks.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';

/** Asserts SDK_UNSUPPORTED naming `missing`. */
function unsupported(missing: string) {
  return (error: unknown) => {
    assert.ok(error instanceof SdkUnsupportedError, String(error));
    assert.ok(isTasksError(error, 'SDK_UNSUPPORTED'));
    assert.equal(error.missing, missing);
    return true;
  };
}

/** A stand-in with the low-level Server's private shape; `without` drops one field. */
function serverShape(without?: string): Server {
  const shape: Record<string, unknown> = { _requestHandlers: new Map(), assertTaskHandlerCapability: () => {} };
  if (without) delete shape[without];
  return shape as unknown as Server;
}

const MCP_FIELDS = ['setToolRequestHandlers', 'validateToolInput', 'validateToolOutput', 'createToolError', '_registeredTools'] as const;

/** A stand-in with McpServer's private tool shape; `without` drops one field. */
function mcpShape(without?: string, overrides: Record<string, unknown> = {}): McpServer {
  const shape: Record<string, unknown> = {
    setToolRequestHandlers: () => {},
    validateToolInput: async (_tool: unknown, args: unknown) => args,
    validateToolOutput: async () => {},
    createToolError: (text: string) => ({ content: [{ type: 'text', text }], isError: true }),
    _registeredTools: {},
    ...overrides,
  };
  if (without) delete shape[without];
  return shape as unknown as McpServer;
}

describe('sdk-internals guards', () => {
  for (const field of ['_requestHandlers', 'assertTaskHandlerCapability']) {
    it(`a Server without ${field}: every server touch throws SDK_UNSUPPORTED`, () => {
      const server = serverShape(field);
      const missing = `Server.${field}`;
      assert.throws(() => installedHandler(server, 'tools/call'), unsupported(missing));
      assert.throws(() => setRawRequestHandler(server, 'tools/call', async () => ({})), unsupported(missing));
      assert.throws(() => disableSdkTaskGate(server), unsupported(missing));
    });
  }

  it('the complete Server shape passes every guard (the guards are not always on)', async () => {
    const server = serverShape();
    const handler = async () => ({ ok: true });
    setRawRequestHandler(server, 'x', handler);
    assert.equal(installedHandler(server, 'x'), handler);
    disableSdkTaskGate(server);
  });

  for (const field of MCP_FIELDS) {
    it(`an McpServer without ${field}: mcpToolInternals throws SDK_UNSUPPORTED`, () => {
      assert.throws(() => mcpToolInternals(mcpShape(field)), unsupported(`McpServer.${field}`));
    });
  }

  it("the complete McpServer shape passes; parseArguments strips McpError's prefix and rethrows anything else", async () => {
    const tool = {} as RegisteredTool;
    const invalid = mcpToolInternals(
      mcpShape(undefined, {
        validateToolInput: async () => {
          throw new McpError(-32602, 'Input validation error: bad x');
        },
      }),
    );
    assert.deepEqual(await invalid.parseArguments(tool, 't', {}), { ok: false, message: 'Input validation error: bad x' });
    const broken = new Error('not a validation error');
    const failing = mcpToolInternals(mcpShape(undefined, { validateToolInput: async () => Promise.reject(broken) }));
    await assert.rejects(failing.parseArguments(tool, 't', {}), (error) => error === broken);
    assert.deepEqual(await mcpToolInternals(mcpShape()).parseArguments(tool, 't', { a: 1 }), { ok: true, args: { a: 1 } });
  });

  it('registeredTool reads only own entries of the registry (no prototype names)', () => {
    const tool = {} as RegisteredTool;
    const sdk = mcpToolInternals(mcpShape(undefined, { _registeredTools: { t: tool } }));
    assert.equal(sdk.registeredTool('t'), tool);
    assert.equal(sdk.registeredTool('toString'), undefined);
  });

  it('withTasks on a real Server or McpServer missing an internal fails at once with SDK_UNSUPPORTED', () => {
    const store = new InMemoryTaskStore();
    const server = new Server({ name: 's', version: '1' }, { capabilities: { tools: {} } });
    delete (server as unknown as Record<string, unknown>)._requestHandlers;
    assert.throws(() => withTasks(server, { store }), unsupported('Server._requestHandlers'));

    const mcp = new McpServer({ name: 'm', version: '1' });
    (mcp as unknown as Record<string, unknown>).validateToolOutput = undefined;
    assert.throws(() => withTasks(mcp, { store }), unsupported('McpServer.validateToolOutput'));
    void store.close();
  });

  it('the installed SDK passes every guard', () => {
    const mcp = new McpServer({ name: 'm', version: '1' });
    const tasks = withTasks(mcp, { store: new InMemoryTaskStore() });
    assert.ok(installedHandler(mcp.server, 'tools/call'), 'McpServer tool handlers installed');
    tasks.engine.close();
  });

  it('afterConnect: a Server without connect throws SDK_UNSUPPORTED', () => {
    assert.throws(() => afterConnect(serverShape(), () => {}), unsupported('Server.connect'));
  });

  it('interceptIncoming: a transport the SDK left without onmessage throws SDK_UNSUPPORTED', () => {
    const [, transport] = InMemoryTransport.createLinkedPair();
    assert.throws(() => interceptIncoming(transport, () => false), unsupported('Transport.onmessage set by Server.connect'));
  });

  it('afterConnect + interceptIncoming on the installed SDK: a message the filter takes never reaches the SDK, the others do', async () => {
    const server = new Server({ name: 's', version: '1' }, { capabilities: {} });
    const taken: JSONRPCMessage[] = [];
    const sdkErrors: string[] = [];
    server.onerror = (error) => void sdkErrors.push(error.message);
    afterConnect(server, (transport) =>
      interceptIncoming(
        transport,
        (message) => 'id' in message && message.id === 'ours' && !('method' in message) && taken.push(message) > 0,
      ),
    );
    const [client, transport] = InMemoryTransport.createLinkedPair();
    const replies: JSONRPCMessage[] = [];
    client.onmessage = (message) => void replies.push(message);
    await server.connect(transport);
    await client.start();
    await client.send({ jsonrpc: '2.0', id: 'ours', result: {} });
    await client.send({ jsonrpc: '2.0', id: 'theirs', result: {} });
    await client.send({ jsonrpc: '2.0', id: 1, method: 'ping' });
    for (let i = 0; i < 5 && replies.length === 0; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(taken, [{ jsonrpc: '2.0', id: 'ours', result: {} }]);
    assert.equal(sdkErrors.length, 1, 'only the response the filter left reached the SDK (as an unknown id)');
    assert.match(sdkErrors[0]!, /theirs/);
    assert.deepEqual(replies, [{ jsonrpc: '2.0', id: 1, result: {} }]);
    await server.close();
  });

  it('watchClosedStreams: no per-request streams (in-memory) is left alone; a Streamable HTTP transport without its stream maps throws SDK_UNSUPPORTED', () => {
    const [, memory] = InMemoryTransport.createLinkedPair();
    watchClosedStreams(memory, () => assert.fail('nothing to watch'));
    const http = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    delete (http as unknown as { _webStandardTransport: Record<string, unknown> })._webStandardTransport._requestResponseMap;
    assert.throws(() => watchClosedStreams(http, () => {}), unsupported('StreamableHTTPServerTransport stream maps'));
  });

  it('watchClosedStreams on the installed SDK: a stream forgotten before its response reports its requests; one forgotten after it does not', () => {
    const http = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const maps = (
      http as unknown as {
        _webStandardTransport: {
          _streamMapping: Map<string, unknown>;
          _requestToStreamMapping: Map<string | number, string>;
          _requestResponseMap: Map<string | number, unknown>;
        };
      }
    )._webStandardTransport;
    const ended: (string | number)[][] = [];
    watchClosedStreams(http, (ids) => void ended.push(ids));
    maps._streamMapping.set('s1', {});
    maps._requestToStreamMapping.set(7, 's1');
    maps._streamMapping.delete('s1'); // the client cancelled the stream
    maps._streamMapping.set('s2', {});
    maps._requestToStreamMapping.set(8, 's2');
    maps._requestResponseMap.set(8, { jsonrpc: '2.0', id: 8, result: {} });
    maps._streamMapping.delete('s2'); // all its responses were sent
    assert.deepEqual(ended, [[7]]);
  });
});
