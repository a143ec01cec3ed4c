// The sandbox database: real SQLite, real up and down migrations. Run through npm as the seed
// runbook does once; the other cases start what the package.json scripts run (npm's own start-up
// costs about a second each).
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSchema, type Sandbox } from '../../examples/sandbox/create-sandbox.mjs';
import { migrateUp } from '../../examples/sandbox/migrate.mjs';
import { run, sandboxes, tempDirs } from './helpers.js';

const make = sandboxes();
/** `npm run migrate:<command>` without npm: the script's own command line. */
const migrate = (sb: Sandbox, args: string[], extraEnv: Record<string, string> = {}) => run(sb, process.execPath, [sb.env.SANDBOX_MIGRATE!, ...args], extraEnv);

describe('sandbox migrations', () => {
  it('starts with every up migration applied and some orders', async () => {
    const sb = await make();
    expect(readSchema(sb.dbFile)).toEqual({
      version: 2,
      applied: [
        { version: 1, name: '001_create_orders' },
        { version: 2, name: '002_add_order_status' },
      ],
      tables: {
        orders: ['id', 'customer_email', 'total_cents', 'created_at', 'status'],
        schema_migrations: ['version', 'name', 'applied_at'],
      },
      rows: { orders: 3, schema_migrations: 2 },
      indexes: ['orders_customer_email', 'orders_status'],
    });
  });

  it('npm run migrate:down reverts the last migration, says what it did, and keeps the orders', async () => {
    const sb = await make();
    const r = await run(sb, 'npm', ['run', 'migrate:down']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'migrate: reverting 002_add_order_status (down)',
        '  DROP INDEX orders_status',
        '  ALTER TABLE orders DROP COLUMN status',
        'migrate: reverted 002_add_order_status; schema now at version 1',
      ].join('\n'),
    );
    const schema = readSchema(sb.dbFile);
    expect(schema.version).toBe(1);
    expect(schema.tables.orders).toEqual(['id', 'customer_email', 'total_cents', 'created_at']);
    expect(schema.indexes).toEqual(['orders_customer_email']);
    expect(schema.rows.orders).toBe(3);
    expect((await migrate(sb, ['version'])).stdout).toBe('1\n');
  });

  it('migrate:up re-applies it; down to nothing, then down again is a no-op', async () => {
    const sb = await make();
    await migrate(sb, ['down']);
    const up = await migrate(sb, ['up']);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('migrate: applying 002_add_order_status (up)');
    expect(readSchema(sb.dbFile).tables.orders).toContain('status');

    const all = await migrate(sb, ['down', '--steps', '2']);
    expect(all.stdout).toContain('migrate: reverted 002_add_order_status, 001_create_orders; schema now at version 0');
    expect(readSchema(sb.dbFile).tables).toEqual({ schema_migrations: ['version', 'name', 'applied_at'] });
    const again = await migrate(sb, ['down']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('migrate: nothing to revert; schema at version 0');
  });

  it('uses the database named by SANDBOX_DB, and fails clearly when there is none', async () => {
    const sb = await make();
    const missing = await migrate(sb, ['down'], { SANDBOX_DB: `${sb.dir}/.sandbox/absent.db` });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain(`migrate: no database at ${sb.dir}/.sandbox/absent.db; run the up migrations first`);
    expect(readSchema(sb.dbFile).version).toBe(2);
  });
});

describe('a migration that fails', () => {
  const temp = tempDirs();

  it('is rolled back whole, and the migrations before it stay applied in the file', async () => {
    const dir = await temp();
    const migrations = join(dir, 'migrations');
    await mkdir(migrations);
    await writeFile(join(migrations, '001_create_items.up.sql'), 'CREATE TABLE items (id INTEGER PRIMARY KEY);\n');
    await writeFile(join(migrations, '002_broken.up.sql'), 'CREATE TABLE half (id INTEGER);\nALTER TABLE nowhere ADD COLUMN x TEXT;\n');
    const dbFile = join(dir, 'app.db');
    expect(() => migrateUp(dbFile, { dir: migrations })).toThrow(/no such table: nowhere/);
    const schema = readSchema(dbFile);
    expect(schema.applied).toEqual([{ version: 1, name: '001_create_items' }]);
    expect(Object.keys(schema.tables)).toEqual(['items', 'schema_migrations']);
    // Written back by rename: nothing but the database is left beside it.
    expect(await readdir(dir)).toEqual(['app.db', 'migrations']);
  });

  it('cannot read a database that is not there', async () => {
    const dbFile = join(await temp(), 'absent.db');
    expect(() => readSchema(dbFile)).toThrow(`no database at ${dbFile}; run the up migrations first`);
  });
});
