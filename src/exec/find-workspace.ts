// The workspace a run belongs to (SPEC §3): the git work tree that holds the runbook, else the
// runbook's folder. `.runbook/` (journals, logs, locks) and the drill records live at its root,
// whatever folder the command is started from, so two folders cannot run one runbook at once.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';

/** The workspace of the runbook `file` (relative to `startedIn`). */
export function workspaceOf(file: string, startedIn: string): string {
  return workspaceAt(dirname(resolve(startedIn, file)));
}

/** For commands that take a run rather than a runbook: the git work tree holding `dir`, else `dir`. */
export function workspaceAt(dir: string): string {
  try {
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
    return top === '' ? resolve(dir) : top;
  } catch {
    // Not in a work tree (or no git): the folder itself.
    return resolve(dir);
  }
}
