// `runbook record RUN`: the drill record rendered from the journal alone (also after a crash).
import { relative } from 'node:path';
import { loadTemplate, writeDrillRecord } from './drill-record.js';
import { findRun } from './find-run.js';

export interface RecordOptions {
  recordDir?: string;
  record?: string;
  template?: string;
}

export async function runRecord(id: string, options: RecordOptions): Promise<string> {
  const workspace = process.cwd();
  const run = findRun(workspace, id);
  const template = loadTemplate(options.template);
  const path = writeDrillRecord(run.events, {
    ...(options.record !== undefined && { file: options.record }),
    ...(options.recordDir !== undefined && { dir: options.recordDir }),
  }, template, {}, workspace);
  if (path !== '-') process.stdout.write(`drill record: ${relative(workspace, path) || path}\n`);
  return path;
}
