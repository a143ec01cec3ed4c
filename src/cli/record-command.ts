// `runbook record RUN`: the drill record rendered from the journal alone (also after a crash).
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Runbook } from '../model/runbook.js';
import { draftRunbook } from '../parse/parse-runbook.js';
import { journalOptionsSchema } from '../exec/run-settings.js';
import { processIO, type SessionIO } from '../exec/session-io.js';
import { isHeld, readRunLocks } from '../run/run-lock.js';
import { loadTemplate, writeDrillRecord } from './drill-record.js';
import { findRun } from './find-run.js';

export interface RecordOptions {
  recordDir?: string;
  record?: string;
  template?: string;
}

/** `io` is the process unless a test gives its own workspace and streams. */
export async function runRecord(id: string, options: RecordOptions, io: Pick<SessionIO, 'workspace' | 'stdout' | 'stderr'> = processIO()): Promise<string> {
  const { workspace } = io;
  const run = findRun(workspace, id);
  if (readRunLocks(workspace).some((h) => h.runId === run.runId && isHeld(h))) {
    io.stderr.write(`runbook: warning: run ${run.runId} is still in progress; its record shows it as interrupted where it is now\n`);
  }
  // The events are all the record needs. Where it goes and its template: as given now, else as
  // the run was told (its flags, then its runbook's frontmatter, if the runbook is still there).
  const settings = recordSettings(run.latest.runbookPath);
  const was = journalOptionsSchema.parse(run.latest.options);
  const template = loadTemplate(options.template ?? was.template ?? settings.template);
  const dir = options.recordDir ?? was.recordDir ?? settings.dir;
  const path = writeDrillRecord(run.events, {
    ...(options.record !== undefined && { file: options.record }),
    ...(dir !== undefined && { dir }),
    ...(settings.filename !== undefined && { pattern: settings.filename }),
  }, template, {}, workspace, io.stdout);
  if (path !== '-') io.stdout.write(`drill record: ${relative(workspace, path) || path}\n`);
  return path;
}

function recordSettings(runbookPath: string): Runbook['record'] {
  try {
    return existsSync(runbookPath) ? draftRunbook(readFileSync(runbookPath, 'utf8')).extracted.frontmatter.record : {};
  } catch {
    return {};
  }
}
