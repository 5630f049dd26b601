/**
 * `mcp-tasks/dynamodb`: the TaskStore on Amazon DynamoDB (needs `@aws-sdk/client-dynamodb`).
 *
 * @example
 * ```ts
 * import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
 * import { DynamoDbTaskStore, createTable } from 'mcp-tasks/dynamodb';
 * const client = new DynamoDBClient({});
 * await createTable(client, 'mcp-tasks'); // or deploy infra/template.json
 * const store = new DynamoDbTaskStore({ client, tableName: 'mcp-tasks', cursorSecret: process.env.TASKS_CURSOR_SECRET });
 * ```
 */
export { DynamoDbTaskStore, MAX_ACTIVE_TASKS_LIMIT } from './store.js';
export type { DynamoDbTaskStoreOptions } from './store.js';
export type { TransactionMode } from './transactions.js';
export { createTable } from './create-table.js';
export type { CreateTableOptions, CreateTableResult } from './create-table.js';
export { cloudFormationTemplate, createTableInput, TABLE_DEFINITION, LIST_INDEX, TTL_ATTRIBUTE, ATTR } from './table.js';
export { MAX_ITEM_BYTES } from './marshal.js';
