/**
 * The DynamoDB test harness: dynalite IN-PROCESS on an ephemeral loopback port (no Docker, no
 * Java), or, when `MCP_TASKS_DYNAMODB_ENDPOINT` is set, that endpoint (DynamoDB Local,
 * LocalStack, ...; credentials and region from the usual AWS_* variables). Every store gets a
 * table of its own, deleted when the store closes, so tests are isolated (cleanup() scans a
 * whole table, so a shared table would count other tests' tasks).
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { createTable } from '../../src/stores/dynamodb/create-table.js';
import { createTableInput } from '../../src/stores/dynamodb/table.js';
import { DynamoDbTaskStore, type DynamoDbTaskStoreOptions } from '../../src/stores/dynamodb/store.js';

// The SDK warns once per process that its 2027 releases will need Node 22; not our concern here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const EXTERNAL_ENDPOINT = process.env.MCP_TASKS_DYNAMODB_ENDPOINT;

export interface Dynamo {
  endpoint: string;
  /** A client shared by the tests of a file. */
  client: DynamoDBClient;
  /** A client of its own (to count its requests, or with other settings). */
  newClient(config?: Partial<DynamoDBClientConfig>): DynamoDBClient;
  /** Create a table of the store's definition under a name no other test uses. */
  freshTable(client?: DynamoDBClient): Promise<string>;
  /** A store on a fresh table; closing the store deletes the table. */
  openStore(options?: Partial<DynamoDbTaskStoreOptions>): Promise<DynamoDbTaskStore>;
  stop(): Promise<void>;
}

let tables = 0;
const quiet = { warn: () => undefined };

export async function startDynamo(): Promise<Dynamo> {
  let server: Server | undefined;
  let endpoint = EXTERNAL_ENDPOINT;
  if (endpoint === undefined) {
    server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const clients: DynamoDBClient[] = [];
  const newClient = (config: Partial<DynamoDBClientConfig> = {}): DynamoDBClient => {
    const client = new DynamoDBClient({
      endpoint,
      region: process.env.AWS_REGION ?? 'us-east-1',
      ...(server !== undefined && { credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }),
      ...config,
    });
    clients.push(client);
    return client;
  };
  const client = newClient();
  const freshTable = async (via = client): Promise<string> => {
    const name = `mcp-tasks-test-${process.pid}-${++tables}`;
    if (server === undefined) {
      await createTable(via, name, { logger: quiet });
    } else {
      // dynalite: the same definition, without createTable's TTL probing (2 requests dynalite
      // always refuses) and with its tables ACTIVE at once; createTable itself is tested in
      // infra.test.ts. Hundreds of stores open per run, so this matters.
      await via.send(new CreateTableCommand(createTableInput(name)));
      while ((await via.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !== 'ACTIVE')
        await new Promise((r) => setTimeout(r, 5));
    }
    return name;
  };
  return {
    endpoint,
    client,
    newClient,
    freshTable,
    async openStore(options = {}) {
      const storeClient = options.client ?? client;
      const tableName = options.tableName ?? (await freshTable(storeClient));
      // dynalite keeps tables in memory until the process ends; deleting each costs more than it saves.
      const dispose = options.tableName === undefined && server === undefined ? () => dropTable(client, tableName) : async () => undefined;
      return new DisposableStore({ ...options, client: storeClient, tableName }, dispose);
    },
    async stop() {
      for (const c of clients) c.destroy();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
    },
  };
}

async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
}

class DisposableStore extends DynamoDbTaskStore {
  readonly #dispose: () => Promise<void>;
  #closed = false;
  constructor(options: DynamoDbTaskStoreOptions, dispose: () => Promise<void>) {
    super(options);
    this.#dispose = dispose;
  }
  override async close(): Promise<void> {
    await super.close();
    if (this.#closed) return;
    this.#closed = true;
    await this.#dispose();
  }
}

/** Requests sent through `client`, by command name, counted in the SDK's middleware stack. */
export function countRequests(client: DynamoDBClient): { counts: Record<string, number>; total(): number; reset(): void } {
  const counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counts[name] = (counts[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'initialize', name: 'mcpTasksRequestCounter' },
  );
  return {
    counts,
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    reset: () => {
      for (const k of Object.keys(counts)) delete counts[k];
    },
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
