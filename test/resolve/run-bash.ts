// Runs a script in a real bash, as the executor will, so quoting is proven by the shell itself.
import { execFileSync } from 'node:child_process';

export function runBash(script: string, cwd?: string): string {
  return execFileSync('bash', ['-c', script], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
