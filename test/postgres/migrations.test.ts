/**
 * Migrations on a real PostgreSQL server and on PGlite: a fresh schema gets every migration and
 * records each version; a second run applies nothing; concurrent runs (two processes starting at
 * once) both succeed and apply each migration once; a store on a schema never migrated answers
 * STORE_UNAVAILABLE naming the remedy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/stores/postgres/migrations.js';
import { migrate, schemaVersion } from '../../src/stores/postgres/migrate.js';
import { PostgresTaskStore } from '../../src/stores/postgres/store.js';
import { startPostgres, type Postgres } from './harness.js';
import { startPglite, type Pglite } from './pglite-harness.js';

describe('migrations', () => {
  let postgres: Postgres;
  let pglite: Pglite;
  let n = 0;
  const name = () => `m_${process.pid}_${++n}`;

  before(async () => {
    [postgres, pglite] = await Promise.all([startPostgres(), startPglite()]);
  });
  after(async () => {
    await postgres?.stop();
    await pglite?.stop();
  });

  it('a fresh schema gets every migration, each version recorded with its name', async () => {
    const schema = name();
    assert.equal(await schemaVersion({ pool: postgres.pool, schema }), 0);
    assert.deepEqual(await migrate({ pool: postgres.pool, schema }), {
      schema,
      from: 0,
      to: SCHEMA_VERSION,
      applied: MIGRATIONS.map((m) => m.version),
    });
    assert.equal(await schemaVersion({ pool: postgres.pool, schema }), SCHEMA_VERSION);
    const { rows } = await postgres.pool.query(`SELECT version, name, applied_at FROM "${schema}".schema_migrations ORDER BY version`);
    assert.deepEqual(
      rows.map((r) => [r.version, r.name]),
      MIGRATIONS.map((m) => [m.version, m.name]),
    );
    assert.ok(rows.every((r) => r.applied_at instanceof Date));
    const tables = await postgres.pool.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    assert.deepEqual(
      tables.rows.map((r) => r.table_name),
      ['schema_migrations', 'tasks'],
    );
  });

  it('running it again applies nothing and changes nothing', async () => {
    const schema = name();
    await migrate({ pool: postgres.pool, schema });
    const store = new PostgresTaskStore({ pool: postgres.pool, schema, cleanupIntervalMs: null });
    const task = await store.create('auth:alice', { request: { method: 'tools/call', params: {} } });
    assert.deepEqual(await migrate({ pool: postgres.pool, schema }), { schema, from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
    assert.deepEqual(await store.get('auth:alice', task.taskId), task);
    const { rows } = await postgres.pool.query(`SELECT count(*)::int AS n FROM "${schema}".schema_migrations`);
    assert.equal(rows[0].n, MIGRATIONS.length);
    await store.close();
  });

  it('concurrent runs from separate connections both succeed and apply each migration once', async () => {
    const schema = name();
    const pools = [postgres.newPool({ max: 1 }), postgres.newPool({ max: 1 }), postgres.newPool({ max: 1 })];
    const results = await Promise.all(pools.map((pool) => migrate({ pool, schema })));
    assert.deepEqual(
      results.flatMap((r) => r.applied).sort(),
      MIGRATIONS.map((m) => m.version),
    );
    assert.ok(results.every((r) => r.to === SCHEMA_VERSION));
  });

  it('a store on a schema never migrated answers STORE_UNAVAILABLE naming migrate()', async () => {
    const store = new PostgresTaskStore({ pool: postgres.pool, schema: name(), cleanupIntervalMs: null });
    await assert.rejects(
      store.create('auth:alice', { request: { method: 'tools/call', params: {} } }),
      (error: { code?: string; message?: string }) => {
        assert.equal(error.code, 'STORE_UNAVAILABLE');
        assert.match(String(error.message), /not migrated \(run migrate\(\)\)/);
        return true;
      },
    );
    await store.close();
  });

  it('schema names are checked: INVALID_OPTIONS for anything but a short lower-case identifier', async () => {
    for (const schema of ['', 'Tasks', 'a-b', 'x'.repeat(49), '1abc', 'a"b']) {
      await assert.rejects(migrate({ pool: postgres.pool, schema }), { code: 'INVALID_OPTIONS' });
      assert.throws(() => new PostgresTaskStore({ pool: postgres.pool, schema }), { code: 'INVALID_OPTIONS' });
    }
    assert.throws(() => new PostgresTaskStore({} as never), { code: 'INVALID_OPTIONS' });
    assert.throws(() => new PostgresTaskStore({ pool: postgres.pool, pglite: pglite.db } as never), { code: 'INVALID_OPTIONS' });
  });

  it('PGlite: the same migrations, fresh then again', async () => {
    const schema = name();
    assert.equal(await schemaVersion({ pglite: pglite.db, schema }), 0);
    assert.deepEqual(
      (await migrate({ pglite: pglite.db, schema })).applied,
      MIGRATIONS.map((m) => m.version),
    );
    assert.deepEqual((await migrate({ pglite: pglite.db, schema })).applied, []);
    assert.equal(await schemaVersion({ pglite: pglite.db, schema }), SCHEMA_VERSION);
  });
});
