/**
 * `--store dynamodb` and `mcp-tasks-server table ...`: the DynamoDB client, store and table of
 * the reference server. Loaded only when asked for (`@aws-sdk/client-dynamodb` is an optional
 * peer dependency of mcp-tasks).
 */
import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { cloudFormationTemplate, createTable, DynamoDbTaskStore, type CreateTableResult } from '../src/stores/dynamodb/index.js';
import type { SecurityConfig } from '../src/index.js';
import type { DynamoDbCliOptions, TableCommand } from './store-args.js';
import { CURSOR_SECRET_ENV, stderrWarn, type Warn } from './store-common.js';

// The SDK's notice that its 2027 releases need Node 22 would be noise on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export { CURSOR_SECRET_ENV } from './store-common.js';
export type { Warn } from './store-common.js';

/**
 * A client for `endpoint` (or AWS) in `region`. With an endpoint and no AWS credentials in the
 * environment, dummy credentials (local endpoints accept any).
 */
export function dynamoDbClient(options: { endpoint?: string | undefined; region?: string | undefined }): DynamoDBClient {
  const env = process.env;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? (options.endpoint !== undefined ? 'us-east-1' : undefined);
  const hasCredentials =
    env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined || env.AWS_WEB_IDENTITY_TOKEN_FILE !== undefined;
  return new DynamoDBClient({
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(region !== undefined && { region }),
    ...(options.endpoint !== undefined && !hasCredentials && { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
}

/** A store that owns its client: closing it destroys the client. */
class ReferenceDynamoDbStore extends DynamoDbTaskStore {
  readonly #client: DynamoDBClient;
  constructor(client: DynamoDBClient, options: ConstructorParameters<typeof DynamoDbTaskStore>[0]) {
    super(options);
    this.#client = client;
  }
  override async close(): Promise<void> {
    await super.close();
    this.#client.destroy();
  }
}

/**
 * The cursor secret: `--cursor-secret`, else `MCP_TASKS_CURSOR_SECRET`, else derived from the
 * table name (so every instance on the table agrees) with a warning: anyone knowing the table
 * name could then forge list cursors, which only ever position a requestor inside its OWN tasks
 * (the query is scoped to the owner), but production should set a real secret.
 */
export function cursorSecretFor(options: DynamoDbCliOptions, warn: Warn = stderrWarn): string {
  const secret = options.cursorSecret ?? process.env[CURSOR_SECRET_ENV];
  if (secret !== undefined && secret !== '') return secret;
  warn(
    `no --cursor-secret or ${CURSOR_SECRET_ENV}: list cursors are signed with a secret derived from the table name; set a shared secret in production`,
  );
  return createHash('sha256').update(`mcp-tasks-reference-server\0${options.table}`).digest('base64url');
}

export async function openDynamoDbStore(
  options: DynamoDbCliOptions,
  security: Partial<SecurityConfig>,
  warn: Warn = stderrWarn,
): Promise<DynamoDbTaskStore> {
  const client = dynamoDbClient(options);
  try {
    if (options.createTable) await createTable(client, options.table, { logger: { warn } });
    return new ReferenceDynamoDbStore(client, { client, tableName: options.table, security, cursorSecret: cursorSecretFor(options, warn) });
  } catch (error) {
    client.destroy();
    throw error;
  }
}

/** `mcp-tasks-server table create|--print-template`: what to print on stdout. */
export async function runTableCommand(command: TableCommand, warn: Warn = stderrWarn): Promise<string> {
  if (command.command === 'print-template') return `${JSON.stringify(cloudFormationTemplate(command.table), null, 2)}\n`;
  const client = dynamoDbClient(command);
  try {
    const result: CreateTableResult = await createTable(client, command.table, { logger: { warn } });
    return `${JSON.stringify({ table: command.table, created: result.created, ttlEnabled: result.ttlEnabled })}\n`;
  } finally {
    client.destroy();
  }
}
