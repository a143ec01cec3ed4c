// Shared by the sandbox tests: fresh sandboxes in temporary folders, removed after the file's
// tests, and the real commands spawned in them with the sandbox environment.
import { spawn } from 'node:child_process';
import { createSandbox, type Sandbox, type Scenario } from '../../examples/sandbox/create-sandbox.mjs';
import { tempDirs } from '../e2e/helpers.js';

export { tempDirs };

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Returns a function making sandboxes; every one is deleted when the calling file's tests end. */
export function sandboxes(): (scenario?: Scenario) => Promise<Sandbox> {
  const temp = tempDirs();
  return async (scenario = 'passing') => createSandbox({ dir: await temp('runbook-sandbox-'), scenario });
}

/** Runs a program in the sandbox, with its environment (sandbox bin first on PATH). */
export function run(sb: Sandbox, file: string, args: string[] = [], extraEnv: Record<string, string | undefined> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...sb.env, ...extraEnv };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(file, args, { cwd: sb.dir, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a shell command line the way the runbook engine does: bash -o pipefail -c. */
export function sh(sb: Sandbox, command: string, extraEnv: Record<string, string | undefined> = {}): Promise<Result> {
  return run(sb, 'bash', ['-o', 'pipefail', '-c', command], extraEnv);
}

/** Single-quotes a value for bash. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
