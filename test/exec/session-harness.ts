// In-process runs: `runbook exec`, `resume`, `record` and `runs` called as functions, with their
// I/O given as arguments (streams that collect text, an environment, signals the test sends),
// over real shells and real temporary workspaces. Errors map to exit codes and messages as the
// entry point (src/cli/main.ts) maps them; the spawned-CLI tests keep that mapping honest.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach } from 'vitest';
import { ExitCode, formatLocation, PreflightError, UsageError } from '../../src/cli/errors.js';
import { runExec } from '../../src/cli/exec-command.js';
import { runRecord, type RecordOptions } from '../../src/cli/record-command.js';
import { runResume } from '../../src/cli/resume-command.js';
import { runRuns, type RunRow } from '../../src/cli/runs-command.js';
import type { ExecFlags, ResumeFlags } from '../../src/exec/run-settings.js';
import type { SessionIO } from '../../src/exec/session-io.js';
import { runEventSchema, type RunEvent } from '../../src/model/events.js';
import { WorkspaceFiles } from '../cli/workspace-files.js';

export { runbook, stepEnds } from '../cli/exec-helpers.js';

export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Directories put first on PATH (relative to the workspace). */
  path?: string[];
  /** The time of day the run sees (default: the real one). */
  now?: () => Date;
  /** Someone at a terminal: stdin and stderr are terminals (stdout is not, so lines stay plain); type with `Started.type`. */
  terminal?: boolean;
  /** Sees each write to stdout as it happens, with what Ctrl-C would do at that moment. */
  onStdout?: (text: string, interrupt: () => void) => void;
  /** Where the command is started (relative to the workspace, or absolute; default: the workspace). */
  from?: string;
}

/** A command under way: its output so far, Ctrl-C for it, and its outcome once done. */
export interface Started {
  done: Promise<Outcome>;
  output(): { stdout: string; stderr: string };
  /** What Ctrl-C, SIGTERM or SIGHUP would do. */
  interrupt(): void;
  /** Exit codes the session asked the process to leave with (a second Ctrl-C). */
  exits: number[];
  /** Keys typed at the terminal (`terminal: true`). */
  type(keys: string): void;
}

const original = process.cwd();

/** A fresh workspace per call; every one is removed, and the working folder restored, after each test. */
export function useSessions(): () => SessionWorkspace {
  const made: SessionWorkspace[] = [];
  afterEach(() => {
    process.chdir(original);
    for (const ws of made.splice(0)) rmSync(ws.dir, { recursive: true, force: true });
  });
  return () => {
    const ws = new SessionWorkspace();
    made.push(ws);
    return ws;
  };
}

/** A fresh workspace for each test of the file, handed to `take`. */
export function useSessionEach(take: (workspace: SessionWorkspace) => void): void {
  const workspace = useSessions();
  beforeEach(() => take(workspace()));
}

export class SessionWorkspace extends WorkspaceFiles {
  constructor() {
    super('runbook-session-');
  }

  /** `runbook exec FILE` with these flags, as if started in this workspace without a terminal. */
  exec(file: string, flags: ExecFlags = {}, options: RunOptions = {}): Promise<Outcome> {
    return this.start(file, flags, options).done;
  }

  start(file: string, flags: ExecFlags = {}, options: RunOptions = {}): Started {
    return this.command((io) => runExec(file, flags, io), options);
  }

  resume(runId: string, flags: ResumeFlags = {}, options: RunOptions = {}): Promise<Outcome> {
    return this.command((io) => runResume(runId, flags, io), options).done;
  }

  record(runId: string, options: RecordOptions = {}, run: RunOptions = {}): Promise<Outcome> {
    return this.command((io) => runRecord(runId, options, io), run).done;
  }

  async runs(run: RunOptions = {}): Promise<{ outcome: Outcome; rows: RunRow[] }> {
    let rows: RunRow[] = [];
    const outcome = await this.command(async (io) => (rows = await runRuns({ json: true }, io)), run).done;
    return { outcome, rows };
  }

  async runsText(): Promise<Outcome> {
    return this.command((io) => runRuns({}, io), {}).done;
  }

  private command(act: (io: SessionIO) => Promise<unknown>, options: RunOptions): Started {
    // The commands read the files they are named relative to where they were started.
    const startedIn = resolve(this.dir, options.from ?? '.');
    process.chdir(startedIn);
    let stdout = '';
    let stderr = '';
    const handlers = new Set<() => void>();
    const interrupt = (): void => [...handlers].forEach((h) => h());
    const exits: number[] = [];
    const stdin = new PassThrough();
    const io: SessionIO = {
      stdin,
      stdout: collect((t) => {
        stdout += t;
        options.onStdout?.(t, interrupt);
      }),
      stderr: collect((t) => (stderr += t)),
      tty: { stdin: options.terminal === true, stdout: false, stderr: options.terminal === true },
      env: this.env(options),
      workspace: startedIn,
      pid: process.pid,
      now: options.now ?? (() => new Date()),
      elapsed: () => performance.now(),
      onInterrupt: (handler) => {
        handlers.add(handler);
        return () => handlers.delete(handler);
      },
      exit: (code) => void exits.push(code),
    };
    const done = act(io).then(
      () => 0,
      (error: unknown) => {
        if (error instanceof ExitCode) return error.code;
        if (error instanceof UsageError) stderr += `runbook: ${formatLocation(error.file, error.position)}${error.message}\n`;
        else if (error instanceof PreflightError) stderr += `runbook: nothing was run:\n${error.problems.map((p) => `  - ${p}`).join('\n')}\n`;
        else throw error;
        return 2;
      },
    ).then((code) => ({ code, stdout, stderr }));
    return { done, output: () => ({ stdout, stderr }), interrupt, exits, type: (keys) => void stdin.write(keys) };
  }

  /** The test's environment, CI=1 as in the spawned tests, without the machine's RUNBOOK_* settings. */
  private env(options: RunOptions): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (!name.startsWith('RUNBOOK_') && !['GITHUB_STEP_SUMMARY', 'FORCE_COLOR', 'NO_COLOR'].includes(name)) env[name] = value;
    }
    Object.assign(env, { CI: '1' }, options.env);
    if (options.path) env.PATH = [...options.path.map((p) => resolve(this.dir, p)), env.PATH].join(':');
    return env;
  }

  /** A run's events (the only run's without an id); every line must parse. */
  journal(runId = this.onlyRunId()): RunEvent[] {
    return this.journalText(runId).split('\n').filter((line) => line.trim() !== '').map((line) => runEventSchema.parse(JSON.parse(line)));
  }

  /** Every run's journal, oldest first. */
  journals(): RunEvent[][] {
    return this.runIds().map((id) => this.journal(id));
  }

  /** Every file the runs wrote under .runbook/ and docs/, with its text. */
  artefacts(): { path: string; text: string }[] {
    const found: { path: string; text: string }[] = [];
    for (const top of ['.runbook', 'docs']) {
      const base = join(this.dir, top);
      if (!existsSync(base)) continue;
      for (const name of readdirSync(base, { recursive: true, encoding: 'utf8' })) {
        const path = join(base, name);
        try {
          found.push({ path, text: readFileSync(path, 'utf8') });
        } catch {
          // A folder.
        }
      }
    }
    return found;
  }

  locks(): string[] {
    const dir = join(this.dir, '.runbook', 'locks');
    return existsSync(dir) ? readdirSync(dir) : [];
  }

  /** Waits until a run started a step; returns that run's id. */
  async waitForStepStart(stepId: string, started?: Started): Promise<string> {
    let runId: string | undefined;
    let ended = false;
    void started?.done.finally(() => (ended = true));
    await waitFor(() => {
      runId = this.runIds().reverse().find((id) => this.journalText(id).split('\n').some((line) => line.includes('"type":"step-start"') && line.includes(`"stepId":${JSON.stringify(stepId)}`)));
      if (runId === undefined && ended) throw new Error(`the run ended before step ${stepId} started`);
      return runId !== undefined;
    }, `step ${stepId} to start`);
    return runId as string;
  }
}

/** Polls until `check` holds; the deadline is generous, since a slow machine is not a failure. */
export async function waitFor(check: () => boolean, what: string, deadlineMs = 60_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function collect(write: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      write(chunk.toString());
      callback();
    },
  });
}
