// Reads every drill record under a folder (sub-folders too: a record file name pattern may
// make them). A file that cannot be read, or that is not a drill record, becomes a warning and
// the rest are still read.
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';
import type { Drill } from './drill-schema.js';
import { parseDrillRecord } from './parse-drill-record.js';

export interface DrillWarning {
  path: string;
  problem: string;
}

export interface DrillRecords {
  drills: Drill[];
  warnings: DrillWarning[];
}

/**
 * Markdown files in the folder that are not records: its README, and record templates (the seed
 * runbook keeps ROLLBACK_DRILL_TEMPLATE.md beside the records).
 */
function isRecordName(name: string): boolean {
  return /\.md$/i.test(name) && !/^readme\.md$/i.test(name) && !/template/i.test(name);
}

/** `dir` must exist (the caller says what a missing folder means); paths come back relative to `cwd`. */
export function readDrillRecords(dir: string, cwd: string): DrillRecords {
  const result: DrillRecords = { drills: [], warnings: [] };
  const walk = (folder: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      result.warnings.push({ path: relative(cwd, folder) || '.', problem: `cannot read the folder (${codeOf(error)})` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(path);
      else if (isRecordName(entry.name)) readOne(path, relative(cwd, path), result);
    }
  };
  walk(dir);
  return result;
}

function readOne(path: string, shown: string, into: DrillRecords): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    into.warnings.push({ path: shown, problem: `cannot read it (${codeOf(error)})` });
    return;
  }
  const parsed = parseDrillRecord(text, shown);
  if (parsed.ok) into.drills.push(parsed.drill);
  else into.warnings.push({ path: shown, problem: parsed.problem });
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
