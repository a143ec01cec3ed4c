// One run of a runbook at a time per workspace. The lock file names its holder; a lock whose
// process is gone is taken over with a warning.
import { createHash, randomBytes } from 'node:crypto';
import { linkSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { makeDirectory } from '../fs/make-directory.js';

const holderSchema = z.object({ pid: z.number(), user: z.string(), host: z.string(), startedAt: z.string(), runId: z.string(), runbook: z.string() });
export type LockHolder = z.infer<typeof holderSchema>;

export type LockResult =
  | { ok: true; release: () => void; tookOverFrom?: LockHolder }
  | { ok: false; holder: LockHolder };

const LOCKS_DIR = join('.runbook', 'locks');

export function acquireRunLock(workspace: string, runbookPath: string, holder: Omit<LockHolder, 'host' | 'runbook'>): LockResult {
  const dir = join(workspace, LOCKS_DIR);
  makeDirectory(dir);
  const path = join(dir, `${lockKey(runbookPath)}.lock`);
  const mine: LockHolder = { ...holder, host: hostname(), runbook: runbookPath };
  let tookOverFrom: LockHolder | undefined;
  for (let tries = 0; tries < 5; tries += 1) {
    if (create(path, JSON.stringify(mine))) {
      const release = (): void => {
        process.off('exit', release);
        if (sameHolder(readHolder(path), mine)) rmSync(path, { force: true });
      };
      // However the engine ends (an error, a second Ctrl-C), a live lock is not left behind.
      process.on('exit', release);
      return { ok: true, ...(tookOverFrom && { tookOverFrom }), release };
    }
    const existing = readHolder(path);
    if (existing && (existing.host !== mine.host || isAlive(existing.pid))) return { ok: false, holder: existing };
    // Move the stale lock aside rather than delete it: two engines taking over at once must not
    // remove each other's fresh lock. Whoever moved a live one puts it back.
    const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
    try {
      renameSync(path, aside);
    } catch {
      continue; // someone else moved it first; look again
    }
    const moved = readHolder(aside);
    if (sameHolder(moved, existing)) {
      tookOverFrom = existing;
      rmSync(aside, { force: true });
    } else {
      if (moved) restore(aside, path);
      else rmSync(aside, { force: true });
    }
  }
  throw new Error(`could not take the run lock ${path}: it keeps changing hands`);
}

/** The holders of every lock in the workspace (live or not), for `runbook runs`. */
export function readRunLocks(workspace: string): LockHolder[] {
  const dir = join(workspace, LOCKS_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.lock'));
  } catch {
    return [];
  }
  return names.map((n) => readHolder(join(dir, n))).filter((h): h is LockHolder => h !== undefined);
}

/** Whether the lock's process still runs; a holder on another host is taken at its word. */
export function isHeld(holder: LockHolder): boolean {
  return holder.host !== hostname() || isAlive(holder.pid);
}

/**
 * The same runbook gives the same key however it is named: `./rb.md`, a symlink, an absolute
 * path or a hard link all name one file (device and inode), so they share one lock.
 */
export function lockKey(runbookPath: string): string {
  let identity: string;
  try {
    const { dev, ino } = statSync(runbookPath, { bigint: true });
    identity = `file:${dev}:${ino}`;
  } catch {
    identity = resolve(runbookPath);
  }
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}

/** Creates the lock complete or not at all: written aside, then linked (which fails if it exists). */
function create(path: string, text: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // No hard links on this file system: an exclusive create still never takes a held lock.
    try {
      writeFileSync(path, text, { flag: 'wx' });
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

function restore(aside: string, path: string): void {
  try {
    linkSync(aside, path);
  } catch {
    // A newer lock is already in place; the one moved aside lost its race anyway.
  }
  rmSync(aside, { force: true });
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function sameHolder(a: LockHolder | undefined, b: LockHolder | undefined): boolean {
  return a !== undefined && b !== undefined && a.pid === b.pid && a.runId === b.runId && a.host === b.host && a.startedAt === b.startedAt;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
