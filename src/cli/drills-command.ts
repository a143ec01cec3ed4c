// `runbook drills`: the drill history from the records' frontmatter, newest first, and with
// `--check`, whether every release tag since a given one has a passing live drill (exit 1 naming
// those that do not). Reads the records folder and `git tag`; deciding and wording are pure
// (src/drills).
import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkDrills, newestFirst, type DrillCheck } from '../drills/check-drills.js';
import type { Drill } from '../drills/drill-schema.js';
import { readDrillRecords, type DrillRecords } from '../drills/read-drill-records.js';
import { readGitTags } from '../drills/read-git-tags.js';
import { renderCheckMarkdown, renderDrillsMarkdown } from '../drills/render-drills-markdown.js';
import { renderCheckText, renderDrillsText } from '../drills/render-drills-text.js';
import { resolveSinceTag } from '../drills/resolve-since-tag.js';
import { ExitCode, UsageError } from './errors.js';

export interface DrillsOptions {
  format: 'text' | 'markdown' | 'json';
  dir?: string;
  check?: boolean;
  since?: string;
  includePrereleases?: boolean;
}

/** Where the command reads and writes: the process's own by default, a test's in-process. */
export interface DrillsIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo = (): DrillsIo => ({ cwd: process.cwd(), stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t) });

export type DrillsResult = { drills: Drill[]; warnings: DrillRecords['warnings']; check: DrillCheck | null };

const defaultDir = join('docs', 'releases', 'rollback-drills');

export async function runDrills(options: DrillsOptions, io: DrillsIo = processIo()): Promise<DrillsResult> {
  const workspace = io.cwd;
  if (!options.check && (options.since !== undefined || options.includePrereleases)) {
    throw new UsageError(`${options.since !== undefined ? '--since' : '--include-prereleases'} goes with --check (runbook drills --check --since TAG)`);
  }
  const dir = resolve(workspace, options.dir ?? defaultDir);
  const shownDir = relative(workspace, dir) || '.';
  const records = readRecords(dir, options.dir, workspace);
  for (const w of records.warnings) io.stderr(`runbook: warning: ${w.path}: ${w.problem}; skipped\n`);
  const drills = newestFirst(records.drills);

  if (!options.check) {
    const text = options.format === 'json' ? json({ dir: shownDir, drills, warnings: records.warnings }) : options.format === 'markdown' ? renderDrillsMarkdown(drills, shownDir) : renderDrillsText(drills, shownDir);
    io.stdout(text);
    return { drills, warnings: records.warnings, check: null };
  }

  const tags = readGitTags(workspace);
  if (!tags.ok) throw new UsageError(tags.problem);
  let since: string | null = null;
  if (options.since !== undefined) {
    const resolved = resolveSinceTag(tags.tags, options.since);
    if (!resolved.ok) throw new UsageError(resolved.problem);
    since = resolved.tag;
  }
  const check = checkDrills({ tags: tags.tags, drills, since, includePrereleases: options.includePrereleases === true });
  const text = options.format === 'json' ? json({ dir: shownDir, ...check, warnings: records.warnings }) : options.format === 'markdown' ? renderCheckMarkdown(check) : renderCheckText(check);
  io.stdout(text);
  if (check.missing.length > 0) throw new ExitCode(1);
  return { drills, warnings: records.warnings, check };
}

/** A folder named with --dir must exist; the default one may not yet (no drill recorded so far). */
function readRecords(dir: string, named: string | undefined, workspace: string): DrillRecords {
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch (error) {
    if (named === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { drills: [], warnings: [] };
    throw new UsageError(`cannot read the drill records folder (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, named ?? defaultDir);
  }
  if (!isFolder) throw new UsageError('is not a folder: --dir names the folder that holds the drill records', named ?? defaultDir);
  return readDrillRecords(dir, workspace);
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
