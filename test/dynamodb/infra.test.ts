/**
 * The table definition in its three forms agrees: the committed CloudFormation template
 * (infra/template.json) is exactly what `cloudFormationTemplate()` generates, a table created
 * from the template's properties works with the store, and `createTable` creates the same table.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { CreateTableCommand, DescribeTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../../src/clock.js';
import { createTable } from '../../src/stores/dynamodb/create-table.js';
import { DynamoDbTaskStore } from '../../src/stores/dynamodb/store.js';
import { cloudFormationTemplate, createTableInput, TTL_ATTRIBUTE } from '../../src/stores/dynamodb/table.js';
import { EXTERNAL_ENDPOINT, startDynamo, type Dynamo } from './harness.js';

const TEMPLATE_PATH = new URL('../../../infra/template.json', import.meta.url);

interface TableProperties {
  TableName: unknown;
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  KeySchema: CreateTableCommandInput['KeySchema'];
  LocalSecondaryIndexes: CreateTableCommandInput['LocalSecondaryIndexes'];
  BillingMode: CreateTableCommandInput['BillingMode'];
  TimeToLiveSpecification: { AttributeName: string; Enabled: boolean };
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: boolean };
  SSESpecification: { SSEEnabled: boolean };
}

function committedTemplate(): { Resources: { TasksTable: { Type: string; Properties: TableProperties } } } {
  return JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as never;
}

let dynamo: Dynamo;
before(async () => {
  dynamo = await startDynamo();
});
after(() => dynamo.stop());

describe('infra: the CloudFormation template', () => {
  it('the committed infra/template.json is the generated one (run `npm run build && node infra/generate.mjs` after changing table.ts)', () => {
    assert.deepEqual(committedTemplate(), JSON.parse(JSON.stringify(cloudFormationTemplate())));
  });

  it('declares on-demand billing, native TTL on the expiry attribute, point-in-time recovery and encryption at rest', () => {
    const { Type, Properties } = committedTemplate().Resources.TasksTable;
    assert.equal(Type, 'AWS::DynamoDB::Table');
    assert.equal(Properties.BillingMode, 'PAY_PER_REQUEST');
    assert.deepEqual(Properties.TimeToLiveSpecification, { AttributeName: TTL_ATTRIBUTE, Enabled: true });
    assert.deepEqual(Properties.PointInTimeRecoverySpecification, { PointInTimeRecoveryEnabled: true });
    assert.deepEqual(Properties.SSESpecification, { SSEEnabled: true });
    assert.deepEqual(Properties.TableName, { Ref: 'TableName' });
    assert.equal(
      (cloudFormationTemplate('my-tasks') as { Resources: { TasksTable: { Properties: TableProperties } } }).Resources.TasksTable.Properties
        .TableName,
      'my-tasks',
    );
  });

  it('has the same keys and index as createTable uses', () => {
    const { Properties } = committedTemplate().Resources.TasksTable;
    const input = createTableInput('x');
    assert.deepEqual(
      {
        AttributeDefinitions: Properties.AttributeDefinitions,
        KeySchema: Properties.KeySchema,
        LocalSecondaryIndexes: Properties.LocalSecondaryIndexes,
        BillingMode: Properties.BillingMode,
      },
      {
        AttributeDefinitions: input.AttributeDefinitions,
        KeySchema: input.KeySchema,
        LocalSecondaryIndexes: input.LocalSecondaryIndexes,
        BillingMode: input.BillingMode,
      },
    );
  });

  it("a table created from the template's properties works with the store", async () => {
    const { Properties } = committedTemplate().Resources.TasksTable;
    const tableName = `mcp-tasks-template-${process.pid}`;
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: Properties.AttributeDefinitions,
        KeySchema: Properties.KeySchema,
        LocalSecondaryIndexes: Properties.LocalSecondaryIndexes,
        BillingMode: Properties.BillingMode,
      }),
    );
    // createTable on the existing table: waits for ACTIVE, checks the schema, creates nothing.
    assert.equal((await createTable(dynamo.client, tableName, { logger: { warn: () => undefined } })).created, false);
    const store = new DynamoDbTaskStore({ client: dynamo.client, tableName, clock: new ManualClock() });
    const a = await store.create('auth:alice', { request: { method: 'tools/call', params: {} } });
    const b = await store.create('auth:alice', { request: { method: 'tools/call', params: {} } });
    await store.complete('auth:alice', a.taskId, { status: 'completed', outcome: { type: 'result', result: {} } });
    const page = await store.list('auth:alice', { limit: 1 });
    assert.deepEqual(
      page.tasks.map((t) => t.taskId),
      [a.taskId],
    );
    assert.deepEqual(
      (await store.list('auth:alice', { cursor: page.nextCursor! })).tasks.map((t) => t.taskId),
      [b.taskId],
    );
    await store.close();
  });
});

describe('infra: createTable', () => {
  it('creates the table once, waits until ACTIVE, and warns once where TTL is not supported', async () => {
    const warnings: string[] = [];
    const logger = { warn: (m: string) => warnings.push(m) };
    const tableName = `mcp-tasks-create-${process.pid}`;
    const first = await createTable(dynamo.client, tableName, { logger });
    assert.equal(first.created, true);
    const second = await createTable(dynamo.client, tableName, { logger });
    assert.equal(second.created, false);
    const table = (await dynamo.client.send(new DescribeTableCommand({ TableName: tableName }))).Table!;
    assert.equal(table.TableStatus, 'ACTIVE');
    assert.deepEqual(
      table.LocalSecondaryIndexes?.map((i) => i.IndexName),
      ['byCreation'],
    );
    if (EXTERNAL_ENDPOINT === undefined) {
      // dynalite has no UpdateTimeToLive: both calls go on, with one warning in all.
      assert.equal(first.ttlEnabled, false);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /cleanup\(\)/);
    }
  });

  it('refuses an existing table with other keys', async () => {
    const tableName = `mcp-tasks-foreign-${process.pid}`;
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await assert.rejects(createTable(dynamo.client, tableName, { logger: { warn: () => undefined } }), /not an mcp-tasks table/);
  });
});
