// Where a drill record goes and how it gets there: complete or not at all, and never over an
// existing record. A drill record is evidence; a second run on the same day, a re-render with
// `runbook record`, or two writers at once must each leave their own file.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, copyFileSync, fsyncSync, linkSync, openSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, normalize, sep } from 'node:path';
import { makeDirectory } from '../fs/make-directory.js';

export const DEFAULT_RECORD_DIR = join('docs', 'releases', 'rollback-drills');
export const DEFAULT_RECORD_PATTERN = '{date}-{slug}-{runId}.md';
/** `-2` … `-999`: more same-named records than that is a loop, not a drill. */
const MAX_SUFFIX = 999;

export interface RecordPathInput {
  /** Folder for records; default docs/releases/rollback-drills (relative stays relative). */
  dir?: string;
  /** The drill's UTC date: `YYYY-MM-DD`, an ISO instant, or a Date. */
  date: string | Date;
  slug: string;
  runId: string;
  /** File name pattern; see docs/RECORD.md for its placeholders. */
  pattern?: string;
}

/** Lower-case words joined by `-`, safe as one path segment. */
function safeSegment(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .replace(/-{2,}/g, '-');
}

export function recordPath(input: RecordPathInput): string {
  const iso = typeof input.date === 'string' ? input.date : input.date.toISOString();
  const date = iso.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`Invalid record date "${iso}": expected YYYY-MM-DD or an ISO timestamp.`);
  const [yyyy, mm, dd] = date.split('-') as [string, string, string];
  const slug = safeSegment(input.slug) || 'runbook';
  // Run ids keep their case (they may be case-sensitive); only unsafe characters go.
  const runId = input.runId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'run';
  const values: Record<string, string> = { date, yyyy, mm, dd, slug, runid: runId, 'run-id': runId, id: runId };
  const pattern = input.pattern ?? DEFAULT_RECORD_PATTERN;
  // `{date}`/`<date>` placeholders, and the literal `YYYY-MM-DD` that SPEC-style patterns use.
  const name = pattern
    .replace(/YYYY-MM-DD/g, '{date}')
    .replace(/\{([\w-]+)\}|<([\w-]+)>/g, (whole, braced: string | undefined, angled: string | undefined) => {
      const key = (braced ?? angled ?? '').toLowerCase();
      const value = values[key];
      if (value === undefined) {
        throw new Error(`Unknown placeholder ${whole} in record file name pattern "${pattern}": expected {date}, {yyyy}, {mm}, {dd}, {slug} or {runId}.`);
      }
      return value;
    });
  const relative = normalize(name);
  if (name.trim() === '' || isAbsolute(name) || relative.split(sep).includes('..')) {
    throw new Error(`Invalid record file name pattern "${pattern}": it must name a file inside the record folder.`);
  }
  return join(input.dir ?? DEFAULT_RECORD_DIR, relative);
}

/** `a/b/x.md`, 2 → `a/b/x-2.md`. */
function withSuffix(path: string, n: number): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-${n}${ext}`;
}

const noHardLinks = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);
const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * Writes `text` to `path`, or to `path-2`, `path-3`… when that name is taken, and returns the
 * path written. The text goes to a temporary file first (flushed to disk), which is then
 * hard-linked to its name: a link fails if the name exists, so two writers can never clobber
 * each other, and a reader never sees half a record.
 */
export function writeRecord(path: string, text: string): string {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    makeDirectory(dir);
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    let link = true;
    for (let n = 1; n <= MAX_SUFFIX; n++) {
      const target = n === 1 ? path : withSuffix(path, n);
      try {
        if (link) linkSync(tmp, target);
        else copyFileSync(tmp, target, constants.COPYFILE_EXCL);
        syncDir(dir);
        return target;
      } catch (error) {
        if (codeOf(error) === 'EEXIST') continue;
        if (link && noHardLinks.has(codeOf(error) ?? '')) {
          // A file system without hard links: an exclusive copy still never overwrites.
          link = false;
          n -= 1;
          continue;
        }
        throw error;
      }
    }
    throw new Error(`${path} and ${MAX_SUFFIX - 1} numbered variants already exist.`);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot write the drill record to ${path}: ${why}`, { cause: error });
  } finally {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the folder itself could not be made; there is no temporary file to remove
    }
  }
}

/** Makes the new directory entry durable; not every platform lets a directory be opened. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
