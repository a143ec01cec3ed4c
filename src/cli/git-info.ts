// The commit a runbook file was last committed at, for the record's provenance.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';

export function gitCommitOf(file: string): string | null {
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%H', '--', resolve(file)], { cwd: dirname(resolve(file)), stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    const commit = out.toString().trim();
    return /^[0-9a-f]{40}$/.test(commit) ? commit : null;
  } catch {
    return null;
  }
}
