/** Lease rules (test/stores/lease-suite.ts) on DynamoDbTaskStore (dynalite). */
import { after } from 'node:test';
import { runLeaseSuite } from '../stores/lease-suite.js';
import { startDynamo } from './harness.js';

const dynamo = await startDynamo();
after(() => dynamo.stop());

runLeaseSuite('DynamoDbTaskStore', (clock) => dynamo.openStore({ clock }));
