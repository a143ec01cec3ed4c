// Types for migrate.mjs (plain JavaScript, no build step).
import type { SchemaInfo } from './create-sandbox.mjs';

export interface Migration {
  version: number;
  name: string;
  /** The .up.sql file. */
  up: string;
  /** The .down.sql file, or null when the migration cannot be reverted. */
  down: string | null;
}

export interface MigrateOptions {
  /** The folder of NNN_name.up.sql / .down.sql files (default: migrations/ beside migrate.mjs). */
  dir?: string;
  /** Called with each line the runner reports. */
  log?: (line: string) => void;
}

export const MIGRATIONS_DIR: string;
export function listMigrations(dir?: string): Migration[];
export function statementsOf(sql: string): string[];
export function migrateUp(dbFile: string, options?: MigrateOptions): { version: number; name: string }[];
export function migrateDown(dbFile: string, options?: MigrateOptions & { steps?: number }): { version: number; name: string }[];
export function readSchema(dbFile: string): SchemaInfo;
