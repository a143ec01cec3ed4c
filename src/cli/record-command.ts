// `runbook record RUN`: the drill record rendered from the journal alone (also after a crash).
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { workspaceAt } from '../exec/find-workspace.js';
import type { Runbook } from '../model/runbook.js';
import { parseRunbook } from '../parse/parse-runbook.js';
import { loadShellParser } from '../shell/load-shell-parser.js';
import { journalOptionsSchema } from '../exec/run-settings.js';
import { processIO, type SessionIO } from '../exec/session-io.js';
import { isHeld, readRunLocks } from '../run/run-lock.js';
import { loadTemplate, writeDrillRecord } from './drill-record.js';
import { findRun } from './find-run.js';

export interface RecordOptions {
  recordDir?: string;
  record?: string;
  template?: string;
  workspace?: string;
}

/** `io` is the process unless a test gives its own workspace and streams. */
export async function runRecord(id: string, options: RecordOptions, io: Pick<SessionIO, 'workspace' | 'stdout' | 'stderr'> = processIO()): Promise<string> {
  // Runs live at the workspace root; paths given now are read from where the command started.
  const workspace = options.workspace !== undefined ? resolve(io.workspace, options.workspace) : workspaceAt(io.workspace);
  // The runbook's record settings come from a parse, which reads its commands' gates.
  await loadShellParser();
  const run = findRun(workspace, id);
  if (readRunLocks(workspace).some((h) => h.runId === run.runId && isHeld(h))) {
    io.stderr.write(`runbook: warning: run ${run.runId} is still in progress; its record shows it as interrupted where it is now\n`);
  }
  // The events are all the record needs. Where it goes and its template: as given now, else as
  // the run was told (its flags, then its runbook's frontmatter, if the runbook is still there).
  const settings = recordSettings(resolve(workspace, run.latest.runbookPath));
  const was = journalOptionsSchema.parse(run.latest.options);
  const given = (path: string | undefined): string | undefined => (path === undefined || path === '-' ? path : resolve(io.workspace, path));
  const template = loadTemplate(options.template ?? was.template ?? (settings.template && resolve(workspace, settings.template)));
  const dir = given(options.recordDir) ?? was.recordDir ?? settings.dir;
  const file = given(options.record);
  const path = writeDrillRecord(run.events, {
    ...(file !== undefined && { file: options.record?.endsWith('/') ? `${file}/` : file }),
    ...(dir !== undefined && { dir }),
    ...(settings.filename !== undefined && { pattern: settings.filename }),
  }, template, {}, workspace, io.stdout);
  if (path !== '-') io.stdout.write(`drill record: ${relative(io.workspace, path) || path}\n`);
  return path;
}

function recordSettings(runbookPath: string): Runbook['record'] {
  try {
    return existsSync(runbookPath) ? parseRunbook(readFileSync(runbookPath, 'utf8')).record : {};
  } catch {
    return {};
  }
}
