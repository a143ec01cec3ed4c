// Where a step's commands run. A runbook's `Cwd:` is written the way people type a folder: relative
// to the runbook's folder, absolute, or from the home folder (`~/deploy`).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveCwd(base: string, dir: string | undefined, home: string = homedir()): string {
  if (dir === undefined || dir === '') return base;
  if (dir === '~') return home;
  if (dir.startsWith('~/')) return join(home, dir.slice(2));
  return resolve(base, dir);
}
