/**
 * `createTable`: create the tasks table from THE definition (./table.ts) if it is missing, wait
 * until it is ACTIVE, and enable native TTL. For tests, local development and scripted setups;
 * production deploys infra/template.json (the same definition) instead.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, LIST_INDEX, TABLE_DEFINITION } from './table.js';
import { InvalidOptionsError, StoreUnavailableError } from '../../errors/index.js';

export interface CreateTableOptions {
  /** Where the warning about missing TTL support goes, once per logger (default: console). */
  logger?: { warn(message: string): void };
  /** Give up waiting for ACTIVE after this many ms (default 300 000). */
  timeoutMs?: number;
}

export interface CreateTableResult {
  /** False when the table already existed (its keys and index are checked). */
  created: boolean;
  /** Whether native TTL is on; `false` where the endpoint lacks it (dynalite): call `cleanup()` instead. */
  ttlEnabled: boolean;
}

/** Loggers already told that TTL is unsupported: each hears it once per process. */
const warned = new WeakSet<object>();

export async function createTable(client: DynamoDBClient, tableName: string, options: CreateTableOptions = {}): Promise<CreateTableResult> {
  const logger = options.logger ?? console;
  let table = await describe(client, tableName);
  let created = false;
  if (table === undefined) {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      created = true;
    } catch (err) {
      if ((err as { name?: string }).name !== 'ResourceInUseException') throw err; // created concurrently
    }
  } else {
    checkSchema(table, tableName);
  }
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (let delay = 0; table?.TableStatus !== 'ACTIVE'; delay = Math.min(Math.max(delay * 2, 20), 2000)) {
    if (Date.now() > deadline) throw new StoreUnavailableError(`createTable: table ${tableName} did not become ACTIVE in time`);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    table = await describe(client, tableName);
  }
  return { created, ttlEnabled: await enableTtl(client, tableName, logger) };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

/** An existing table must have our keys and list index, or every request would fail later. */
function checkSchema(table: TableDescription, tableName: string): void {
  const keys = (table.KeySchema ?? []).map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
  const expected = TABLE_DEFINITION.keySchema.map((k) => `${k.name}:${k.keyType}`).join(',');
  const index = table.LocalSecondaryIndexes?.find((i) => i.IndexName === LIST_INDEX);
  if (keys !== expected || index === undefined) {
    throw new InvalidOptionsError(
      `createTable: table ${tableName} exists but is not an mcp-tasks table (expected keys ${expected} and local index ${LIST_INDEX})`,
    );
  }
}

async function enableTtl(client: DynamoDBClient, tableName: string, logger: { warn(message: string): void }): Promise<boolean> {
  const attribute = TABLE_DEFINITION.ttlAttribute;
  try {
    const current = (await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }))).TimeToLiveDescription;
    if (current?.AttributeName === attribute && (current.TimeToLiveStatus === 'ENABLED' || current.TimeToLiveStatus === 'ENABLING'))
      return true;
  } catch {
    // Fall through to the update, which reports what is wrong.
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: attribute, Enabled: true } }),
    );
    return true;
  } catch (err) {
    if (!warned.has(logger)) {
      warned.add(logger);
      const name = (err as { name?: string }).name ?? 'error';
      logger.warn(
        `mcp-tasks: could not enable DynamoDB TTL on ${attribute} (${name}); expired tasks stay invisible but are not deleted, so call store.cleanup() periodically on this endpoint`,
      );
    }
    return false;
  }
}
