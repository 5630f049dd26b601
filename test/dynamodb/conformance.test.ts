/** The SAME store conformance suite the memory store passes, against DynamoDbTaskStore on dynalite. */
import { after } from 'node:test';
import { runStoreConformance } from '../../conformance/index.js';
import { startDynamo } from './harness.js';

const dynamo = await startDynamo();
after(() => dynamo.stop());

runStoreConformance({
  name: 'DynamoDbTaskStore',
  factory: ({ clock, security }) => dynamo.openStore({ clock, ...(security && { security }) }),
});
