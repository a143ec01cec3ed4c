// The sandbox's SQLite database file, opened with SQLite compiled to WebAssembly (sql.js), so
// installing the repository compiles nothing. sql.js works on a copy in memory: the file is read
// whole, the statements run on the copy, and a change is written back by rename, so a reader
// never sees half a database. One process at a time changes it (the sandbox has one operator).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import initSqlJs from 'sql.js';

// The .wasm comes from the installed package, never from the network.
const wasmFile = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
const SQL = await initSqlJs({ locateFile: () => wasmFile, useOldExtensionFunctions: false });

/**
 * Runs `use(db)` on the database in `file` and returns what it returns. `create` allows a file
 * that is not there yet; `write` saves the database back afterwards, also when `use` threw after
 * committing some of its work (as a database working on the file itself would have kept it).
 */
export function withDatabase(file, { create = false, write = false } = {}, use) {
  const exists = existsSync(file);
  if (!exists && !create) throw new Error(`no database at ${file}; run the up migrations first`);
  const db = new SQL.Database(exists ? readFileSync(file) : undefined);
  try {
    return use(db);
  } finally {
    try {
      if (write) {
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, db.export());
        renameSync(temp, file);
      }
    } finally {
      db.close();
    }
  }
}

/** The rows of a query, as objects keyed by column name. */
export function queryAll(db, sql, params = []) {
  const statement = db.prepare(sql, params);
  try {
    const rows = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}

/** Runs `work()` in one transaction: all of it is kept, or none of it. */
export function inTransaction(db, work) {
  db.exec('BEGIN');
  try {
    work();
    db.exec('COMMIT');
  } catch (error) {
    // SQLite may have rolled back already (some errors end the transaction themselves).
    try {
      db.exec('ROLLBACK');
    } catch {}
    throw error;
  }
}
