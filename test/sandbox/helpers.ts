// Shared by the sandbox tests: fresh sandboxes in temporary folders, removed after the file's
// tests, and the real commands spawned in them with the sandbox environment.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSandbox, type Sandbox, type Scenario } from '../../examples/sandbox/create-sandbox.mjs';
import type * as kubectl from '../../examples/sandbox/fake-cluster/kubectl.mjs';
import type { Command, Runbook } from '../../src/model/runbook.js';
import { parseRunbook } from '../../src/parse/parse-runbook.js';
import { renderCommand } from '../../src/resolve/render-command.js';
import { repoDir, tempDirs } from '../e2e/helpers.js';

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

// The sandbox's kubectl, helm and gh, called by name, run in-process: each is a Node program, and
// starting one costs more than what it does. The launcher in the sandbox's bin (found on PATH,
// started by bash) is what `sh` runs, and what the smoke test and the drills run.
const TOOLS: Record<string, () => Promise<{ main: typeof kubectl.main }>> = {
  kubectl: () => import('../../examples/sandbox/fake-cluster/kubectl.mjs'),
  helm: () => import('../../examples/sandbox/fake-cluster/helm.mjs'),
  gh: () => import('../../examples/sandbox/fake-cluster/gh.mjs'),
};

/** Runs a program in the sandbox, with its environment (sandbox bin first on PATH). */
export async function run(sb: Sandbox, file: string, args: string[] = [], extraEnv: Record<string, string | undefined> = {}): Promise<Result> {
  const tool = Object.hasOwn(TOOLS, file) ? await TOOLS[file]!() : undefined;
  if (!tool) return runIn(sb.dir, file, args, { ...sb.env, ...extraEnv });
  // The tool reads its state file from SANDBOX_STATE: the environment is the sandbox's while it
  // runs (synchronously), then restored.
  const overlay = { ...sb.env, ...extraEnv };
  const saved = Object.fromEntries(Object.keys(overlay).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  let stdout = '';
  let stderr = '';
  apply(overlay);
  try {
    const code = tool.main(args, { defaultState: join(sb.dir, '.sandbox', 'cluster.json'), stdout: { write: (text) => (stdout += text) }, stderr: { write: (text) => (stderr += text) } });
    return { code, stdout, stderr };
  } finally {
    apply(saved);
  }
}

/** Runs a program in a folder, with the caller's environment and `extraEnv` (undefined removes). */
export function runIn(dir: string, file: string, args: string[] = [], extraEnv: Record<string, string | undefined> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, ...extraEnv };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(file, args, { cwd: dir, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** runbooks/rollback.md as the engine reads it. */
export function readRollbackRunbook(): Runbook {
  return parseRunbook(readFileSync(join(repoDir, 'runbooks', 'rollback.md'), 'utf8'));
}

/** The single command of a step of runbooks/rollback.md. */
export function rollbackCommand(stepId: string): Command {
  const commands = readRollbackRunbook().steps.find((s) => s.id === stepId)?.commands ?? [];
  if (commands.length !== 1) throw new Error(`step ${stepId} of runbooks/rollback.md has ${commands.length} commands, expected 1`);
  return commands[0]!;
}

/**
 * A command as the engine runs it, by its own renderer: each value a reference to a variable the
 * engine sets (RUNBOOK_VALUE_n), here exported first, so the script runs on its own.
 */
export function renderWith(command: Command, values: Record<string, string>): string {
  const rendered = renderCommand(command, values);
  if (rendered.missing.length > 0) throw new Error(`no value for ${rendered.missing.join(', ')}`);
  if (!rendered.ok) throw new Error(`refused: ${rendered.unsafe.map((u) => `${u.raw} (${u.reason})`).join(', ')}`);
  const exports = Object.entries(rendered.env).map(([name, value]) => `export ${name}='${value.replaceAll("'", `'\\''`)}'\n`);
  return `${exports.join('')}${rendered.text}`;
}
