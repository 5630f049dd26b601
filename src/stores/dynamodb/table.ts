/**
 * THE table definition of `DynamoDbTaskStore`: attribute names, key schema, the list index, the
 * TTL attribute and billing. `createTable` (./create-table.ts) and the CloudFormation template
 * (`cloudFormationTemplate`, committed as infra/template.json) are both derived from here, so the
 * table the tests run against and the table production deploys cannot drift apart.
 *
 * One table holds every owner's tasks (see ./keys.ts for the key design):
 *
 * | item        | pk (S, HASH)        | sk (S, RANGE)   | listKey (S, LSI range)              |
 * |-------------|---------------------|-----------------|-------------------------------------|
 * | task        | `o#<owner>` (or     | `t#<taskId>`    | `<createdAt:15>.<seq:10>.<taskId>`  |
 * |             | `h#<sha256(owner)>`)|                 |                                     |
 * | quota       | same                | `quota`         | (absent: not in the index)          |
 *
 * - Get / transitions address a task by (pk, sk): one GetItem / one UpdateItem.
 * - `list` is ONE strongly consistent Query on the local secondary index `byCreation`
 *   (pk, listKey), oldest first. An LSI, not a GSI, because only LSIs allow `ConsistentRead`
 *   (a task must be listed as soon as `create` returns). The index projects KEYS_ONLY: DynamoDB
 *   limits an item PLUS its LSI entries to 400 KB, so projecting ALL would halve the room for
 *   results; a Query with `Select: ALL_ATTRIBUTES` fetches the rest from the table in the same
 *   request (costing read units, not requests). An LSI also caps each owner's item collection
 *   (all of one owner's items plus their index entries) at 10 GB.
 * - `expiresAtSec` (epoch SECONDS, rounded up) is the native TTL attribute; `expiresAt` holds the
 *   exact ms that every read and write checks, because native TTL deletes hours late.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** Attribute names of the items (short enough not to matter for the 400 KB item limit). */
export const ATTR = {
  pk: 'pk',
  sk: 'sk',
  listKey: 'listKey',
  owner: 'owner',
  status: 'status',
  statusMessage: 'statusMessage',
  createdAt: 'createdAt',
  lastUpdatedAt: 'lastUpdatedAt',
  ttl: 'ttl',
  /** Exact expiry in epoch ms; absent when the task never expires. */
  expiresAt: 'expiresAt',
  /** Native TTL attribute: epoch seconds, ceil(expiresAt / 1000); absent when the task never expires. */
  expiresAtSec: 'expiresAtSec',
  pollInterval: 'pollInterval',
  /** JSON text of `{ method, params }`. */
  request: 'request',
  /** JSON text of the variables object. */
  variables: 'variables',
  /** JSON text of the side-channel state (questions and unread answers); absent until the first question. */
  input: 'input',
  /** true when the leased task may be taken over by another instance (absent otherwise). */
  resumable: 'resumable',
  /** JSON text of the outcome; absent until `complete`. */
  outcome: 'outcome',
  version: 'version',
  /** Random token of the last write, to recognise our own write behind an SDK retry. */
  writeId: 'writeId',
  /** Lease of the instance running the task (string) and its expiry in epoch ms; absent without a lease. */
  leaseHolder: 'leaseHolder',
  leaseExpiresAt: 'leaseExpiresAt',
  /** Quota item: string set of the owner's reserved active tasks (see store.ts). */
  active: 'active',
  /** Task item: JSON bytes of its request params, variables and outcome (storage caps). */
  storedBytes: 'storedBytes',
  /** Task item: how the last write changed `storedBytes` (read back to adjust the owner's usage). */
  bytesDelta: 'bytesDelta',
  /** Quota item: stored tasks and their bytes, the totals of the `u.` entries (see storage-caps.ts). */
  usageTasks: 'usageTasks',
  usageBytes: 'usageBytes',
} as const;

/** The local secondary index that orders an owner's tasks by creation. */
export const LIST_INDEX = 'byCreation';
/** The native TTL attribute (epoch seconds). */
export const TTL_ATTRIBUTE = ATTR.expiresAtSec;

type KeyType = 'HASH' | 'RANGE';

/** The table, independent of any SDK or template syntax. */
export const TABLE_DEFINITION = {
  attributeDefinitions: [
    { name: ATTR.pk, type: 'S' },
    { name: ATTR.sk, type: 'S' },
    { name: ATTR.listKey, type: 'S' },
  ],
  keySchema: [
    { name: ATTR.pk, keyType: 'HASH' },
    { name: ATTR.sk, keyType: 'RANGE' },
  ],
  localSecondaryIndexes: [
    {
      name: LIST_INDEX,
      keySchema: [
        { name: ATTR.pk, keyType: 'HASH' },
        { name: ATTR.listKey, keyType: 'RANGE' },
      ],
      projection: 'KEYS_ONLY',
    },
  ],
  billingMode: 'PAY_PER_REQUEST',
  ttlAttribute: TTL_ATTRIBUTE,
} as const satisfies {
  attributeDefinitions: readonly { name: string; type: 'S' | 'N' | 'B' }[];
  keySchema: readonly { name: string; keyType: KeyType }[];
  localSecondaryIndexes: readonly {
    name: string;
    keySchema: readonly { name: string; keyType: KeyType }[];
    projection: 'KEYS_ONLY' | 'ALL';
  }[];
  billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  ttlAttribute: string;
};

const keySchema = (keys: readonly { name: string; keyType: KeyType }[]) => keys.map((k) => ({ AttributeName: k.name, KeyType: k.keyType }));
const attributeDefinitions = () => TABLE_DEFINITION.attributeDefinitions.map((a) => ({ AttributeName: a.name, AttributeType: a.type }));
const localSecondaryIndexes = () =>
  TABLE_DEFINITION.localSecondaryIndexes.map((i) => ({
    IndexName: i.name,
    KeySchema: keySchema(i.keySchema),
    Projection: { ProjectionType: i.projection },
  }));

/** The `CreateTable` request for this definition. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: attributeDefinitions(),
    KeySchema: keySchema(TABLE_DEFINITION.keySchema),
    LocalSecondaryIndexes: localSecondaryIndexes(),
    BillingMode: TABLE_DEFINITION.billingMode,
  };
}

/**
 * A CloudFormation template with one `AWS::DynamoDB::Table` of this definition, native TTL on
 * `expiresAtSec`, on-demand billing, point-in-time recovery and KMS encryption at rest. Without
 * `tableName`, the name is a template parameter (default `mcp-tasks`). The table is retained when
 * the stack is deleted or the resource replaced (tasks in flight would otherwise vanish).
 */
export function cloudFormationTemplate(tableName?: string): Record<string, unknown> {
  const properties = {
    TableName: tableName ?? { Ref: 'TableName' },
    AttributeDefinitions: attributeDefinitions(),
    KeySchema: keySchema(TABLE_DEFINITION.keySchema),
    LocalSecondaryIndexes: localSecondaryIndexes(),
    BillingMode: TABLE_DEFINITION.billingMode,
    TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    SSESpecification: { SSEEnabled: true },
  };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'mcp-tasks: the DynamoDB table of DynamoDbTaskStore (generated from src/stores/dynamodb/table.ts; do not edit)',
    ...(tableName === undefined && {
      Parameters: {
        TableName: {
          Type: 'String',
          Default: 'mcp-tasks',
          Description: 'Name of the tasks table (pass it to DynamoDbTaskStore as tableName)',
        },
      },
    }),
    Resources: {
      TasksTable: {
        Type: 'AWS::DynamoDB::Table',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: properties,
      },
    },
    Outputs: {
      TableName: { Description: 'The tasks table', Value: { Ref: 'TasksTable' } },
      TableArn: { Description: 'ARN of the tasks table (for IAM policies)', Value: { 'Fn::GetAtt': ['TasksTable', 'Arn'] } },
    },
  };
}
