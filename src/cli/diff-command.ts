// `runbook diff BASE [FILE…]`: how the runbooks' behaviour changed between a git ref and the
// working tree. Reads files and git; the comparing and the wording are pure (src/diff).
import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diffRunbooks, type FileDiff } from '../diff/diff-runbooks.js';
import { renderDiffMarkdown } from '../diff/render-diff-markdown.js';
import { renderDiffText } from '../diff/render-diff-text.js';
import type { Runbook } from '../model/runbook.js';
import { parseRunbook } from '../parse/parse-runbook.js';
import { loadShellParser } from '../shell/load-shell-parser.js';
import { UsageError } from './errors.js';
import { readTextFile } from './read-input.js';
import { isDirectory } from '../fs/is-directory.js';

export interface DiffOptions {
  format: 'text' | 'markdown';
}

interface Candidate {
  path: string;
  oldPath: string | null;
  /** Whether the file exists in the working tree. */
  present: boolean;
}

export async function runDiff(base: string, files: string[], options: DiffOptions): Promise<FileDiff[]> {
  await loadShellParser();
  const top = repositoryRoot();
  const commit = resolveCommit(top, base);
  const changes = changedFiles(top, commit);
  // A folder named on the command line limits the search for changed runbooks to that folder.
  const cwd = realCwd();
  const folders = files.filter((f) => isDirectory(resolve(cwd, f))).map((f) => repoPath(top, cwd, f));
  const named = namedFiles(top, files.filter((f) => !isDirectory(resolve(cwd, f))), changes);
  const searched =
    files.length === 0 || folders.length > 0
      ? changes.filter((c) => /\.md$/i.test(c.path) && (folders.length === 0 || folders.some((dir) => dir === '' || c.path.startsWith(`${dir}/`))))
      : [];
  const candidates = [...named.map((c) => ({ ...c, named: true })), ...searched.filter((c) => !named.some((n) => n.path === c.path)).map((c) => ({ ...c, named: false }))];
  const diffs: FileDiff[] = [];
  for (const candidate of candidates) {
    const oldText = candidate.oldPath === null ? null : showAt(top, commit, candidate.oldPath);
    const newText = candidate.present ? readTextFile(join(top, candidate.path)) : null;
    if (candidate.named && oldText === null && newText === null) throw new UsageError(`not found in the working tree nor at ${base}`, candidate.path);
    const before = oldText === null ? null : parseRunbook(oldText);
    const after = newText === null ? null : parseRunbook(newText);
    // Files found by searching count only if one side is a runbook: READMEs and notes are not ours.
    if (!candidate.named && !isRunbook(before) && !isRunbook(after)) continue;
    diffs.push({
      path: candidate.path,
      ...(before !== null && after !== null && candidate.oldPath !== candidate.path && { oldPath: candidate.oldPath as string }),
      status: before === null ? 'added' : after === null ? 'deleted' : candidate.oldPath !== candidate.path ? 'renamed' : 'modified',
      diff: diffRunbooks(before, after),
    });
  }
  const paired = pairMovedFiles(diffs, top, commit);
  paired.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  process.stdout.write(options.format === 'markdown' ? renderDiffMarkdown(paired, base) : renderDiffText(paired, base));
  return paired;
}

/**
 * A runbook has a step that runs or asks something. Every heading becomes a step, so "has a
 * step" alone would take any Markdown document with sections for a runbook.
 */
function isRunbook(runbook: Runbook | null): boolean {
  return runbook !== null && runbook.steps.some((s) => s.commands.length > 0 || s.expectations.length > 0 || s.attestations.length > 0);
}


/**
 * A file moved without `git mv` shows as one deleted and one new runbook; when both carry the
 * same title, it is one runbook renamed.
 */
function pairMovedFiles(diffs: FileDiff[], top: string, commit: string): FileDiff[] {
  const deleted = diffs.filter((d) => d.status === 'deleted');
  const added = diffs.filter((d) => d.status === 'added');
  if (deleted.length === 0 || added.length === 0) return diffs;
  const result = diffs.filter((d) => d.status !== 'deleted' && d.status !== 'added');
  const titleOf = (text: string | null) => (text === null ? undefined : parseRunbook(text).title);
  const oldTitles = new Map(deleted.map((d) => [d.path, titleOf(showAt(top, commit, d.path))]));
  const unmatched = new Set(deleted.map((d) => d.path));
  for (const d of added) {
    const text = readTextFile(join(top, d.path));
    const title = titleOf(text);
    const from = [...unmatched].find((p) => title !== undefined && title !== '' && oldTitles.get(p) === title);
    if (from === undefined) {
      result.push(d);
      continue;
    }
    unmatched.delete(from);
    const before = parseRunbook(showAt(top, commit, from) as string);
    result.push({ path: d.path, oldPath: from, status: 'renamed', diff: diffRunbooks(before, parseRunbook(text)) });
  }
  result.push(...deleted.filter((d) => unmatched.has(d.path)));
  return result;
}

/** Files named on the command line, as paths from the repository root. */
function namedFiles(top: string, files: string[], changes: Candidate[]): Candidate[] {
  const cwd = realCwd();
  return files.map((file) => {
    const absolute = resolve(cwd, file);
    const posix = repoPath(top, cwd, file);
    if (posix === '') throw new UsageError('is the repository itself, expected a runbook file', file);
    const renamed = changes.find((c) => c.path === posix && c.oldPath !== null && c.oldPath !== posix);
    return { path: posix, oldPath: renamed?.oldPath ?? posix, present: existsSync(absolute) };
  });
}

/** The path from the repository root, with `/`; '' for the root itself. */
function repoPath(top: string, cwd: string, file: string): string {
  const path = relative(top, resolve(cwd, file));
  if (path.startsWith('..') || isAbsolute(path)) throw new UsageError('is outside the git repository', file);
  return path.split(sep).join('/');
}

/** Tracked files that differ from the base commit (renames found by git), plus untracked files. */
function changedFiles(top: string, commit: string): Candidate[] {
  const fields = git(top, ['diff', '--name-status', '-M', '-z', commit, '--']).split('\0');
  const candidates: Candidate[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i] ?? '';
    if (status === '') {
      i += 1;
      continue;
    }
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[i + 1] as string;
      const to = fields[i + 2] as string;
      candidates.push({ path: to, oldPath: status.startsWith('R') ? from : null, present: true });
      i += 3;
      continue;
    }
    const path = fields[i + 1] as string;
    if (status === 'A') candidates.push({ path, oldPath: null, present: true });
    else if (status === 'D') candidates.push({ path, oldPath: path, present: false });
    else candidates.push({ path, oldPath: path, present: true });
    i += 2;
  }
  // Dependencies are never runbooks, and an unignored node_modules holds thousands of READMEs.
  for (const path of git(top, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.', ':(exclude,glob)**/node_modules/**']).split('\0')) {
    if (path !== '') candidates.push({ path, oldPath: null, present: true });
  }
  return candidates;
}

/** The file's text at the commit, or null when it is not a file there. */
function showAt(top: string, commit: string, path: string): string | null {
  try {
    return git(top, ['cat-file', 'blob', `${commit}:${path}`]);
  } catch {
    return null;
  }
}

function repositoryRoot(): string {
  try {
    return git(realCwd(), ['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    if (error instanceof UsageError && error.message.startsWith(noGit)) throw error;
    throw new UsageError('not inside a git repository; `runbook diff` compares the working tree with a git ref');
  }
}

function resolveCommit(top: string, base: string): string {
  // A ref starting with `-` would be read by git as an option.
  if (!base.startsWith('-')) {
    try {
      return git(top, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]).trim();
    } catch {
      // fall through to the message below
    }
  }
  throw new UsageError(`unknown git ref ${JSON.stringify(base)}: expected a branch, tag or commit such as origin/main (in a shallow checkout, fetch it first)`);
}

const noGit = 'git is not installed';

/** Runs git; a failure is bad input (a broken repository, an odd ref), told in git's own words. */
function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new UsageError(`${noGit} (or not on PATH); \`runbook diff\` compares with a git ref`);
    const detail = String(e.stderr ?? '').trim().split('\n')[0] || e.message;
    throw new UsageError(`git ${args[0]} failed: ${detail}`);
  }
}

function realCwd(): string {
  try {
    return realpathSync(process.cwd());
  } catch {
    return process.cwd();
  }
}
