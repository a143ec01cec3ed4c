// One run of a runbook at a time per workspace. The lock file names its holder; a lock whose
// process is gone is taken over with a warning.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const holderSchema = z.object({ pid: z.number(), user: z.string(), host: z.string(), startedAt: z.string(), runId: z.string(), runbook: z.string() });
export type LockHolder = z.infer<typeof holderSchema>;

export type LockResult =
  | { ok: true; release: () => void; tookOverFrom?: LockHolder }
  | { ok: false; holder: LockHolder };

export function acquireRunLock(workspace: string, runbookPath: string, holder: Omit<LockHolder, 'host' | 'runbook'>): LockResult {
  const dir = join(workspace, '.runbook', 'locks');
  mkdirSync(dir, { recursive: true });
  const key = createHash('sha256').update(resolve(runbookPath)).digest('hex').slice(0, 16);
  const path = join(dir, `${key}.lock`);
  const mine: LockHolder = { ...holder, host: hostname(), runbook: runbookPath };
  let tookOverFrom: LockHolder | undefined;
  for (let tries = 0; tries < 3; tries += 1) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' });
      let released = false;
      return {
        ok: true,
        ...(tookOverFrom && { tookOverFrom }),
        release: () => {
          if (released) return;
          released = true;
          try {
            const current = holderSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
            if (current.success && current.data.pid === mine.pid && current.data.runId === mine.runId) rmSync(path, { force: true });
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let existing: LockHolder | undefined;
    try {
      const parsed = holderSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      existing = parsed.success ? parsed.data : undefined;
    } catch {
      existing = undefined;
    }
    if (existing && existing.host === mine.host && isAlive(existing.pid)) return { ok: false, holder: existing };
    if (existing && existing.host !== mine.host) return { ok: false, holder: existing };
    tookOverFrom = existing;
    rmSync(path, { force: true });
  }
  throw new Error(`could not take the run lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
