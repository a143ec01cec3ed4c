#!/usr/bin/env node
// The sandbox shop's migration runner: numbered up/down SQL files applied to a real SQLite
// database file, one transaction per migration, tracked in schema_migrations.
//
//   node migrate.mjs up                 apply every pending migration
//   node migrate.mjs down [--steps N]   revert the last N applied migrations (default 1)
//   node migrate.mjs status             list migrations, applied or pending
//   node migrate.mjs version            print the schema version (0 when none applied)
//
// The database is --db FILE, else $SANDBOX_DB, else .sandbox/app.db under the current folder.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inTransaction, queryAll, withDatabase } from './with-database.mjs';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The migrations on disk, ordered: [{ version, name, up, down }] (down is null if missing). */
export function listMigrations(dir = MIGRATIONS_DIR) {
  const byVersion = new Map();
  for (const file of readdirSync(dir)) {
    const m = /^(\d+)_([a-z0-9_]+)\.(up|down)\.sql$/.exec(file);
    if (!m) continue;
    const version = Number(m[1]);
    const name = `${m[1]}_${m[2]}`;
    const entry = byVersion.get(version) ?? { version, name, up: null, down: null };
    if (entry.name !== name) throw new Error(`two migrations share version ${version}: ${entry.name} and ${name}`);
    entry[m[3]] = join(dir, file);
    byVersion.set(version, entry);
  }
  const list = [...byVersion.values()].sort((a, b) => a.version - b.version);
  for (const m of list) if (!m.up) throw new Error(`migration ${m.name} has no .up.sql file`);
  return list;
}

function ensureTable(db) {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
}

function applied(db) {
  const exists = queryAll(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).length > 0;
  if (!exists) return [];
  return queryAll(db, 'SELECT version, name, applied_at FROM schema_migrations ORDER BY version');
}

/** The statements of a SQL file, for the log: comments and blank lines left out. */
export function statementsOf(sql) {
  return sql
    .split('\n')
    .map((l) => l.replace(/--.*$/, '').trimEnd())
    .filter((l) => l.trim() !== '')
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Applies every pending migration. Returns the ones applied. */
export function migrateUp(dbFile, { dir = MIGRATIONS_DIR, log = () => {} } = {}) {
  return withDatabase(dbFile, { create: true, write: true }, (db) => {
    ensureTable(db);
    const done = new Set(applied(db).map((r) => r.version));
    const result = [];
    for (const m of listMigrations(dir)) {
      if (done.has(m.version)) continue;
      const sql = readFileSync(m.up, 'utf8');
      log(`migrate: applying ${m.name} (up)`);
      for (const s of statementsOf(sql)) log(`  ${s}`);
      inTransaction(db, () => {
        db.exec(sql);
        db.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      });
      result.push({ version: m.version, name: m.name });
    }
    return result;
  });
}

/** Reverts the last `steps` applied migrations, newest first. Returns the ones reverted. */
export function migrateDown(dbFile, { steps = 1, dir = MIGRATIONS_DIR, log = () => {} } = {}) {
  return withDatabase(dbFile, { write: true }, (db) => {
    const onDisk = new Map(listMigrations(dir).map((m) => [m.version, m]));
    const toRevert = applied(db).reverse().slice(0, steps);
    const result = [];
    for (const row of toRevert) {
      const m = onDisk.get(row.version);
      if (!m) throw new Error(`migration ${row.name} is applied but its files are missing from ${dir}`);
      if (!m.down) throw new Error(`migration ${m.name} has no .down.sql file: it is not reversible`);
      const sql = readFileSync(m.down, 'utf8');
      log(`migrate: reverting ${m.name} (down)`);
      for (const s of statementsOf(sql)) log(`  ${s}`);
      inTransaction(db, () => {
        db.exec(sql);
        db.run('DELETE FROM schema_migrations WHERE version = ?', [m.version]);
      });
      result.push({ version: m.version, name: m.name });
    }
    return result;
  });
}

/**
 * What the database looks like now: the schema version (highest applied migration, 0 if none),
 * the applied migrations, each table's columns in order and row count, and the index names.
 */
export function readSchema(dbFile) {
  return withDatabase(dbFile, {}, (db) => {
    const rows = applied(db);
    const tables = {};
    for (const { name } of queryAll(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)) {
      tables[name] = queryAll(db, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, [name]).map((c) => c.name);
    }
    const indexes = queryAll(db, `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).map((r) => r.name);
    const counts = {};
    for (const name of Object.keys(tables)) counts[name] = queryAll(db, `SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`)[0].n;
    return {
      version: rows.length ? rows[rows.length - 1].version : 0,
      applied: rows.map((r) => ({ version: r.version, name: r.name })),
      tables,
      rows: counts,
      indexes,
    };
  });
}

function cli(argv) {
  const args = [...argv];
  let dbFile = process.env.SANDBOX_DB || resolve('.sandbox/app.db');
  let steps = 1;
  const positional = [];
  while (args.length) {
    const a = args.shift();
    if (a === '--db') dbFile = resolve(args.shift() ?? '');
    else if (a.startsWith('--db=')) dbFile = resolve(a.slice(5));
    else if (a === '--steps' || a.startsWith('--steps=')) {
      const v = a === '--steps' ? args.shift() : a.slice(8);
      if (!/^[1-9]\d*$/.test(v ?? '')) throw new Error(`--steps needs a positive whole number, not ${JSON.stringify(v ?? '')}`);
      steps = Number(v);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else positional.push(a);
  }
  const [command, ...extra] = positional;
  if (extra.length) throw new Error(`unexpected argument ${extra[0]}`);
  const log = (s) => process.stdout.write(`${s}\n`);
  switch (command) {
    case 'up': {
      const done = migrateUp(dbFile, { log });
      const v = readSchema(dbFile).version;
      log(done.length ? `migrate: applied ${done.length} migration(s); schema now at version ${v}` : `migrate: nothing to apply; schema at version ${v}`);
      return 0;
    }
    case 'down': {
      const done = migrateDown(dbFile, { steps, log });
      const v = readSchema(dbFile).version;
      log(done.length ? `migrate: reverted ${done.map((m) => m.name).join(', ')}; schema now at version ${v}` : `migrate: nothing to revert; schema at version ${v}`);
      return 0;
    }
    case 'status': {
      const done = new Map(existsSync(dbFile) ? readSchemaRows(dbFile) : []);
      for (const m of listMigrations()) log(`${done.has(m.version) ? 'applied' : 'pending'}  ${m.name}${done.has(m.version) ? `  (${done.get(m.version)})` : ''}`);
      return 0;
    }
    case 'version':
      if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile}; run the up migrations first`);
      log(String(readSchema(dbFile).version));
      return 0;
    default:
      throw new Error(command ? `unknown command ${command} (expected up, down, status or version)` : 'usage: migrate.mjs up | down [--steps N] | status | version [--db FILE]');
  }
}

function readSchemaRows(dbFile) {
  return withDatabase(dbFile, {}, (db) => applied(db).map((r) => [r.version, r.applied_at]));
}

if (process.argv[1] && existsSync(process.argv[1]) && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  try {
    process.exitCode = cli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`migrate: ${e.message}\n`);
    process.exitCode = 1;
  }
}
