// The session as it was after each passed step, kept under the run's folder
// (`.runbook/runs/ID/session/STEP.json`, readable by its owner only), so that `runbook resume`
// restores the session of the last passed step. What holds a secret is never written: it is
// carried in memory only, and the file names what was left out.
import { chmodSync, closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Mask } from './mask-secrets.js';
import { shellSessionSchema, withholdSecrets, type ShellSession } from './shell-session.js';

export const SESSION_DIR = 'session';

const snapshotSchema = z.object({
  version: z.literal(1),
  session: shellSessionSchema,
  /** Keys of entries that held a secret and were carried in memory only. */
  withheld: z.array(z.string()),
});
export type SessionSnapshot = z.infer<typeof snapshotSchema>;

/** Writes the session after `stepId`; returns the file, relative to the run's folder, and what was withheld. */
export function writeSessionSnapshot(runDir: string, fileName: string, session: ShellSession, mask: Mask): { file: string; withheld: string[] } {
  const { kept, withheld } = withholdSecrets(session, mask);
  const file = join(SESSION_DIR, `${fileName}.json`);
  const path = join(runDir, file);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const buffer = Buffer.from(`${JSON.stringify({ version: 1, session: kept, withheld } satisfies SessionSnapshot)}\n`);
    for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset);
  } finally {
    closeSync(fd);
  }
  // The mode given to open(2) is cut by the umask; the file must not be readable by others at all.
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return { file, withheld };
}

/** The snapshot at `file` (relative to the run's folder); throws with a plain reason when it cannot be read. */
export function readSessionSnapshot(runDir: string, file: string): SessionSnapshot {
  let text: string;
  try {
    text = readFileSync(join(runDir, file), 'utf8');
  } catch (error) {
    throw new Error(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return snapshotSchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`${file} is not a session this engine wrote`);
  }
}
