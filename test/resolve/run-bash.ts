// Runs a script in a real bash, as the executor will, so quoting is proven by the shell itself.
import { execFileSync } from 'node:child_process';

export function runBash(script: string, cwd?: string): string {
  return execFileSync('bash', ['-c', script], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a script that may well be malformed; only its side effects matter. */
export function tryBash(script: string, cwd: string): void {
  try {
    execFileSync('bash', ['-c', script], { cwd, stdio: 'ignore', timeout: 5000 });
  } catch {
    // Syntax errors and failures are fine: the test looks for files the script must not create.
  }
}
