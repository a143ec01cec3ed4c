// Renders the drill record from a run's events and writes it where the flags, the frontmatter or
// the default say. Shared by exec, exec --dry-run, record and resume.
import { randomBytes } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { RunEvent } from '../model/events.js';
import { buildRecordContext, type RecordExtra } from '../record/build-record-context.js';
import { readDefaultTemplate } from '../record/default-template.js';
import { renderRecord, validateTemplate } from '../record/render-record.js';
import { DEFAULT_RECORD_PATTERN, recordPath, writeRecord } from '../record/write-record.js';
import { slugify } from '../parse/slugify.js';
import { UsageError } from './errors.js';
import { readTextFile } from './read-input.js';
import { makeDirectory } from '../fs/make-directory.js';
import { isDirectory } from '../fs/is-directory.js';

export interface RecordTarget {
  /** `-` for stdout, a file path, or undefined for the default folder. */
  file?: string;
  dir?: string;
  pattern?: string;
  templateFile?: string;
}

/** Reads and checks the template before anything runs: an unknown field is bad input. */
export function loadTemplate(templateFile: string | undefined): { text: string; source: string } {
  if (templateFile === undefined) return { text: readDefaultTemplate(), source: 'templates/ROLLBACK_DRILL_TEMPLATE.md' };
  const text = readTextFile(templateFile, 'template');
  const problems = validateTemplate(text);
  const first = problems[0];
  if (first) throw new UsageError(first.message, templateFile, { line: first.line, column: first.column });
  return { text, source: templateFile };
}

/** Writes the record where `target` says (`-`: to `stdout`); returns its path, or `-`. */
export function writeDrillRecord(events: RunEvent[], target: RecordTarget, template: { text: string; source: string }, extra: RecordExtra, workspace: string, stdout: { write(text: string): unknown } = process.stdout): string {
  const context = buildRecordContext(events, extra);
  const text = renderRecord(context, template.text, template.source);
  if (target.file === '-') {
    stdout.write(text);
    return '-';
  }
  const start = events.find((e): e is Extract<RunEvent, { type: 'run-start' }> => e.type === 'run-start');
  // `--record drills/` names a folder (as `cp` would take it): the record gets its usual name there.
  const intoFolder = target.file !== undefined && (/[\\/]$/.test(target.file) || isDirectory(resolve(workspace, target.file)));
  const path = target.file !== undefined && !intoFolder
    ? resolve(workspace, target.file)
    : recordPath({
      dir: resolveDir(workspace, intoFolder ? (target.file as string) : target.dir ?? join('docs', 'releases', 'rollback-drills')),
      date: (start?.time ?? new Date().toISOString()).slice(0, 10),
      slug: slugify(start?.runbookPath.replace(/\.md$/i, '').split('/').at(-1) ?? 'runbook') || 'runbook',
      runId: start?.runId ?? 'run',
      // A dry run's record is a plan: its name says so, beside the records of real drills.
      ...(target.pattern !== undefined ? { pattern: target.pattern } : start?.mode === 'dry-run' && { pattern: DEFAULT_RECORD_PATTERN.replace(/\.md$/, '-planned.md') }),
    });
  return writeRecord(path, text);
}

/**
 * Why the record could not be written where it is going, or undefined: checked before a run
 * starts, because a drill that leaves no record did not happen. The folder must be a folder we
 * can write in (a file is made there and removed), a named file must be a regular one (never a
 * device such as /dev/full), and the file name pattern must name a file inside the folder.
 */
export function recordFolderProblem(target: RecordTarget, workspace: string): string | undefined {
  if (target.file === '-') return undefined;
  const intoFolder = target.file !== undefined && (/[\\/]$/.test(target.file) || isDirectory(resolve(workspace, target.file)));
  const named = target.file !== undefined && !intoFolder ? resolve(workspace, target.file) : undefined;
  const folder = named !== undefined ? dirname(named) : resolveDir(workspace, intoFolder ? (target.file as string) : target.dir ?? join('docs', 'releases', 'rollback-drills'));
  const elsewhere = 'choose another place with --record-dir or --record FILE, or --no-record';
  if (named !== undefined) {
    const kind = fileKind(named);
    if (kind !== undefined && kind !== 'a regular file') return `the drill record cannot be written to ${named}: it is ${kind}, not a regular file; ${elsewhere}`;
  } else if (target.pattern !== undefined) {
    try {
      recordPath({ dir: folder, date: '2000-01-01', slug: 'runbook', runId: 'run', pattern: target.pattern });
    } catch (error) {
      return `the frontmatter's record filename: ${(error as Error).message}`;
    }
  }
  const kind = fileKind(folder);
  if (kind !== undefined && kind !== 'a folder') return `the drill record cannot be written to ${folder}: it is ${kind}, not a folder; ${elsewhere}`;
  try {
    makeDirectory(folder);
    // Writing is the only honest test: root passes access(2) on a read-only file system.
    const probe = join(folder, `.runbook-write-test-${process.pid}-${randomBytes(4).toString('hex')}`);
    writeFileSync(probe, '', { flag: 'wx' });
    rmSync(probe, { force: true });
    return undefined;
  } catch (error) {
    return `the drill record cannot be written to ${folder} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ${elsewhere}`;
  }
}

/** What is at `path` in words, or undefined when nothing is. */
function fileKind(path: string): string | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function resolveDir(workspace: string, dir: string): string {
  return isAbsolute(dir) ? dir : join(workspace, dir);
}
