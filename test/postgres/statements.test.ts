/**
 * Statements per operation on a real PostgreSQL server, counted at the pool (every statement the
 * store sends goes through `pool.query`), and what each statement is: the figures of
 * src/stores/postgres/store.ts and its README.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { ManualClock } from '../../src/clock.js';
import type { CompleteInput } from '../../src/contract.js';
import type { PgPoolLike } from '../../src/stores/postgres/node-postgres.js';
import type { PostgresTaskStore } from '../../src/stores/postgres/store.js';
import { startPostgres, type Postgres } from './harness.js';

/** The pool, with every statement's text recorded (the database is real; only the calls are counted). */
export function countingPool(pool: pg.Pool): { pool: PgPoolLike; texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    pool: {
      query: (config) => {
        texts.push(config.text);
        return pool.query(config);
      },
      connect: () => pool.connect(),
      on: (event, listener) => pool.on(event, listener),
      removeListener: (event, listener) => pool.removeListener(event, listener),
    },
  };
}

const ALICE = 'auth:alice';
const REQUEST = { request: { method: 'tools/call', params: { name: 'echo' } } };
const RESULT: CompleteInput = { status: 'completed', outcome: { type: 'result', result: { content: [] } } };

describe('PostgresTaskStore: statements per operation', () => {
  let postgres: Postgres;
  let store: PostgresTaskStore;
  let texts: string[];
  const clock = new ManualClock();

  before(async () => {
    postgres = await startPostgres();
    const counting = countingPool(postgres.pool);
    texts = counting.texts;
    store = await postgres.openStore({ pool: counting.pool, clock });
  });
  after(async () => {
    await store?.close();
    await postgres?.stop();
  });

  /** The statements `action` sent, each as its first words. */
  async function statementsOf(action: () => Promise<unknown>): Promise<string[]> {
    texts.length = 0;
    await action().catch((error: unknown) => error);
    return texts.map((text) => text.split(' ').slice(0, 3).join(' '));
  }

  it('create is 1 statement: a call of the create function (lock, quota and storage counts, insert, notify)', async () => {
    assert.deepEqual(await statementsOf(() => store.create(ALICE, REQUEST)), [`SELECT "${store.schema}".create_task($1, $2,`]);
  });

  it('get, getResult and a list page are 1 SELECT each', async () => {
    const task = await store.create(ALICE, REQUEST);
    await store.complete(ALICE, task.taskId, RESULT);
    for (const action of [
      () => store.get(ALICE, task.taskId),
      () => store.getResult(ALICE, task.taskId),
      () => store.list(ALICE, { limit: 1 }),
    ]) {
      assert.deepEqual(await statementsOf(action), [`SELECT task_id, owner,`]);
    }
  });

  it('updateStatus, complete, cancel and renewLease are 1 conditional UPDATE each, refusals included', async () => {
    const task = await store.create(ALICE, { ...REQUEST, lease: { holder: 'a', ms: 1000 } });
    const UPDATE = ['WITH u AS'];
    assert.deepEqual(await statementsOf(() => store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' })), UPDATE);
    assert.deepEqual(await statementsOf(() => store.renewLease(ALICE, task.taskId, 'a', 1000)), UPDATE);
    assert.deepEqual(await statementsOf(() => store.complete(ALICE, task.taskId, RESULT)), UPDATE);
    // Refused: the same one statement also returned the current row, which explains the refusal.
    assert.deepEqual(await statementsOf(() => store.cancel(ALICE, task.taskId)), UPDATE);
    assert.deepEqual(await statementsOf(() => store.renewLease(ALICE, task.taskId, 'a', 1000)), UPDATE);
    const other = await store.create(ALICE, REQUEST);
    assert.deepEqual(await statementsOf(() => store.cancel(ALICE, other.taskId)), UPDATE);
  });

  it('setVariables and a side-channel command are 1 SELECT + 1 UPDATE conditioned on the version read', async () => {
    const task = await store.create(ALICE, REQUEST);
    assert.deepEqual(await statementsOf(() => store.setVariables(ALICE, task.taskId, { a: 1 })), ['SELECT task_id, owner,', 'WITH u AS']);
    assert.match(texts[1]!, /version = \$\d+/);
    assert.deepEqual(
      await statementsOf(() => store.input(ALICE, task.taskId, { type: 'ask', request: { method: 'elicitation/create', params: {} } })),
      ['SELECT task_id, owner,', 'WITH u AS'],
    );
  });

  it('a read that finds the lease expired fails the task with 1 UPDATE conditioned on that lease; the next read is 1 SELECT', async () => {
    const task = await store.create(ALICE, { ...REQUEST, lease: { holder: 'a', ms: 1000 } });
    clock.advance(1000);
    assert.deepEqual(await statementsOf(() => store.get(ALICE, task.taskId)), ['SELECT task_id, owner,', 'WITH u AS']);
    assert.match(texts[1]!, /lease_expires_at = \$\d+/);
    assert.deepEqual(await statementsOf(() => store.get(ALICE, task.taskId)), ['SELECT task_id, owner,']);
  });

  it('cleanup is 1 DELETE per 1 000 expired tasks', async () => {
    await store.create(ALICE, { ...REQUEST, ttl: 10 });
    clock.advance(10);
    assert.deepEqual(await statementsOf(() => store.cleanup()), ['DELETE FROM "' + store.schema + '".tasks']);
  });
});
