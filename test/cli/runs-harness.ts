// Spawned-CLI harness for the run, journal, record, resume and lock tests: one temporary
// workspace per test, the real bundle run with `node bin/runbook.js`, files polled with generous
// deadlines (never timed), and every process a test starts ended when it is done.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runEventSchema, type RunEvent } from '../../src/model/events.js';
import { afterEach, beforeEach } from 'vitest';
import { runCliInProcess } from './run-cli-in-process.js';
import { WorkspaceFiles } from './workspace-files.js';

const root = resolve(import.meta.dirname, '../..');

/**
 * A private copy of the built CLI. The global setup builds dist/, but another test run may
 * rebuild it (deleting it first) while these tests spawn the CLI; a copy taken once is stable.
 */
function installCli(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
  for (let tries = 0; ; tries += 1) {
    try {
      for (const part of ['bin', 'dist', 'templates', 'package.json']) cpSync(join(root, part), join(dir, part), { recursive: true });
      const check = spawnSync(process.execPath, [join(dir, 'bin', 'runbook.js'), '--version'], { encoding: 'utf8' });
      if (check.status === 0) return dir;
    } catch {
      // dist/ was being rebuilt; try again.
    }
    if (tries >= 20) throw new Error('could not copy a working build of the CLI (is dist/ built?)');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    spawnSync('sleep', ['1']);
  }
}

let installed: string | undefined;
/** The CLI's entry, `bin/runbook.js` of the private copy. */
export function cliPath(): string {
  if (installed === undefined) {
    const dir = installCli();
    installed = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return join(installed, 'bin', 'runbook.js');
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Started {
  child: ChildProcess;
  done: Promise<CliResult>;
}

const live = new Set<ChildProcess>();

export class Workspace extends WorkspaceFiles {
  constructor() {
    super('runbook-ws-');
  }

  /** Starts the CLI in this workspace (or in `from`, a folder relative to it), CI=1, with a clean RUNBOOK_* environment. */
  start(args: string[], env: Record<string, string> = {}, from = '.'): Started {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RUNBOOK_') && k !== 'GITHUB_STEP_SUMMARY' && k !== 'FORCE_COLOR'));
    const child = spawn(process.execPath, [cliPath(), ...args], {
      cwd: resolve(this.dir, from),
      env: { ...base, CI: '1', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return this.track(child);
  }

  private track(child: ChildProcess): Started {
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<CliResult>((resolveDone, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        live.delete(child);
        resolveDone({ code, signal, stdout, stderr });
      });
    });
    return { child, done };
  }

  /**
   * Starts the CLI on a pseudo-terminal (util-linux `script`, 200 columns), CI unset, so it asks
   * its questions; answer them through `child.stdin`. Only where `hasTerminal` holds.
   */
  startOnTerminal(args: string[], env: Record<string, string> = {}): Started {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RUNBOOK_') && !['CI', 'GITHUB_STEP_SUMMARY', 'FORCE_COLOR'].includes(k)));
    const command = ['stty cols 200 rows 50;', 'exec', process.execPath, cliPath(), ...args].map((a, i) => (i === 0 ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
    return this.track(spawn('script', ['-qefc', command, '/dev/null'], { cwd: this.dir, env: { ...base, NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  run(args: string[], env: Record<string, string> = {}, from = '.'): Promise<CliResult> {
    return this.start(args, env, from).done;
  }

  /** The same command line in this process (run-cli-in-process.ts), for cases that are not about the process. */
  async runInProcess(args: string[], env: Record<string, string> = {}, from = '.'): Promise<CliResult> {
    const cleared = Object.fromEntries(Object.keys(process.env).filter((k) => k.startsWith('RUNBOOK_') || k === 'GITHUB_STEP_SUMMARY' || k === 'FORCE_COLOR').map((k) => [k, undefined]));
    const result = await runCliInProcess(args, { cwd: resolve(this.dir, from), env: { ...cleared, ...env } });
    return { ...result, signal: null };
  }

  /** The journal's events; a line still being written is left out. */
  journal(runId: string): RunEvent[] {
    return this.journalText(runId)
      .split('\n')
      .filter((line) => line.endsWith('}'))
      .flatMap((line) => {
        try {
          return [runEventSchema.parse(JSON.parse(line))];
        } catch {
          return [];
        }
      });
  }

  /** Waits until a run (the newest that has) started a step, and returns that run's id. */
  async waitForStepStart(stepId: string, started?: Started): Promise<string> {
    let runId: string | undefined;
    await waitFor(() => {
      if (started && started.child.exitCode !== null) throw new Error(`the CLI exited (${started.child.exitCode}) before step ${stepId} started`);
      runId = this.runIds().reverse().find((id) => this.journal(id).some((e) => e.type === 'step-start' && e.stepId === stepId));
      return runId !== undefined;
    }, `step ${stepId} to start`);
    return runId as string;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls until `check` holds; the deadline is generous, since a slow machine is not a failure. */
export async function waitFor(check: () => boolean, what: string, deadlineMs = 60_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Process groups of every descendant of `pid` (the CLI puts each step's shell in its own group). */
export function descendantGroups(pid: number): number[] {
  const ps = spawnSync('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8' });
  const rows = ps.stdout.split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter((r) => r.length === 3 && r.every(Number.isFinite)) as [number, number, number][];
  const found = new Set<number>([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of rows) {
      if (found.has(parent) && !found.has(p)) {
        found.add(p);
        grew = true;
      }
    }
  }
  return [...new Set(rows.filter(([p]) => found.has(p) && p !== pid).map(([, , g]) => g))];
}

/** `kill -9` of the engine, as an operator's machine or the OOM killer would do it; then its step's processes. */
export async function killHard(started: Started): Promise<CliResult> {
  const pid = started.child.pid as number;
  const groups = descendantGroups(pid);
  started.child.kill('SIGKILL');
  const result = await started.done;
  for (const group of groups) killGroup(group);
  return result;
}

function killGroup(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Whether `startOnTerminal` can work here: util-linux `script` gives the CLI a terminal. */
export const hasTerminal = /util-linux/.test(spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout ?? '');

/** Ends whatever a test left running: the CLIs it started and their steps' process groups. */
/**
 * A fresh workspace for each test of the file, handed to `take`; after each test its processes
 * are ended and it is removed.
 */
export function useWorkspace(take: (workspace: Workspace) => void): void {
  let current: Workspace | undefined;
  beforeEach(() => {
    current = new Workspace();
    take(current);
  });
  afterEach(() => {
    endLiveProcesses();
    current?.cleanup();
  });
}

export function endLiveProcesses(): void {
  for (const child of live) {
    if (child.pid === undefined || child.exitCode !== null) continue;
    const groups = descendantGroups(child.pid);
    child.kill('SIGKILL');
    for (const group of groups) killGroup(group);
  }
}

/** A pid no process has, for hand-written stale locks. */
export function deadPid(): number {
  for (let pid = 4_000_000; pid > 100_000; pid -= 7919) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('no free pid found');
}

/** The drill record's default path for a run: docs/releases/rollback-drills/YYYY-MM-DD-<slug>-<run-id>.md. */
export function defaultRecordName(events: RunEvent[], slug: string): string {
  const start = events.find((e) => e.type === 'run-start');
  if (!start || start.type !== 'run-start') throw new Error('no run-start');
  return `${start.time.slice(0, 10)}-${slug}-${start.runId}.md`;
}
