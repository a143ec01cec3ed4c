// Shared by the spawned-CLI tests of `runbook exec`: a private copy of the built CLI, temporary
// workspaces, the CLI run as a real process, and readers for what a run leaves behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { runEventSchema, type RunEvent } from '../../src/model/events.js';
import { runCliInProcess } from './run-cli-in-process.js';

const root = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Output with colour codes removed (CI=1 makes picocolors colour even a pipe). */
  stdout: string;
  stderr: string;
}

export interface Workspace {
  dir: string;
  /** Writes a file (a runbook, a fake tool) into the workspace; returns its path. */
  write(name: string, text: string, options?: { executable?: boolean }): string;
  /** Runs `runbook exec ARGS` with the workspace as cwd. */
  exec(args: string[], options?: RunOptions): Promise<CliResult>;
  /** The same command line in this process (run-cli-in-process.ts): for cases about what a run decides and writes, not about its process. */
  execInProcess(args: string[], options?: RunOptions): Promise<CliResult>;
  /** Starts `runbook exec ARGS` and hands back the process, for signals and memory readings. */
  start(args: string[], options?: RunOptions): Running;
  /** Every run's journal, oldest first. */
  journals(): RunEvent[][];
  /** The only run's journal. */
  journal(): RunEvent[];
  /** Every file the runs wrote under .runbook/ and the record folder, with its text. */
  artefacts(): { path: string; text: string }[];
  exists(name: string): boolean;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Directories put first on PATH (relative to the workspace). */
  path?: string[];
}

export interface Running {
  child: ChildProcess;
  /** Resolves once the process has exited and its output is complete. */
  done: Promise<CliResult>;
  /** Output so far, colour removed. */
  output(): { stdout: string; stderr: string };
}

/**
 * Gives each test file its own copy of the built CLI, so a build started by another test run in
 * the same checkout (it empties dist/ first) cannot pull files from under a running test.
 */
export function useCli(): { cli: () => string; workspace: () => Workspace } {
  let install = '';
  const dirs: string[] = [];
  beforeAll(async () => {
    install = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
    for (let tries = 0; !copyBuild(install); tries += 1) {
      if (tries > 60) throw new Error('no complete build in dist/: run `npm run build`');
      await new Promise((r) => setTimeout(r, 500));
    }
  });
  afterAll(() => {
    for (const dir of [install, ...dirs]) rmSync(dir, { recursive: true, force: true });
  });
  return {
    cli: () => join(install, 'bin', 'runbook.js'),
    workspace: () => {
      const dir = mkdtempSync(join(tmpdir(), 'runbook-exec-'));
      dirs.push(dir);
      return makeWorkspace(dir, () => join(install, 'bin', 'runbook.js'));
    },
  };
}

/** Copies the CLI; false when dist/ is missing or half-written (a build is under way). */
function copyBuild(install: string): boolean {
  try {
    rmSync(install, { recursive: true, force: true });
    for (const part of ['package.json', 'bin', 'dist', 'templates']) cpSync(join(root, part), join(install, part), { recursive: true });
    // The build replaces dist/cli.cjs by rename: if it is there, it is whole.
    return existsSync(join(install, 'dist', 'cli.cjs'));
  } catch {
    return false;
  }
}

function makeWorkspace(dir: string, cli: () => string): Workspace {
  const environment = (options: RunOptions): Record<string, string | undefined> => {
    const env: Record<string, string | undefined> = { ...process.env, CI: '1', ...options.env };
    // The machine's own settings must not leak into what the tests see.
    for (const name of Object.keys(env)) if (name.startsWith('RUNBOOK_') && !(options.env && name in options.env)) env[name] = undefined;
    env.GITHUB_STEP_SUMMARY = undefined;
    if (options.path) env.PATH = [...options.path.map((p) => resolve(dir, p)), env.PATH].join(':');
    return env;
  };
  const start = (args: string[], options: RunOptions = {}): Running => {
    const env = Object.fromEntries(Object.entries(environment(options)).filter(([, value]) => value !== undefined));
    const child = spawn(process.execPath, [cli(), 'exec', ...args], { cwd: dir, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const done = new Promise<CliResult>((resolveDone, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolveDone({ code, signal, stdout: stripAnsi(stdout), stderr: stripAnsi(stderr) }));
    });
    return { child, done, output: () => ({ stdout: stripAnsi(stdout), stderr: stripAnsi(stderr) }) };
  };
  const journals = (): RunEvent[][] => {
    const runs = join(dir, '.runbook', 'runs');
    if (!existsSync(runs)) return [];
    // A run's folder is made a moment before its journal: a test polling the journals while the
    // engine starts sees the folder alone.
    return readdirSync(runs).sort().filter((id) => existsSync(join(runs, id, 'journal.jsonl'))).map((id) => readJournal(join(runs, id, 'journal.jsonl')));
  };
  return {
    dir,
    write(name, text, options = {}) {
      const path = join(dir, name);
      mkdirSync(resolve(path, '..'), { recursive: true });
      writeFileSync(path, text);
      if (options.executable) chmodSync(path, 0o755);
      return path;
    },
    exec: (args, options) => start(args, options).done,
    async execInProcess(args, options = {}) {
      const result = await runCliInProcess(['exec', ...args], { cwd: dir, env: { NO_COLOR: undefined, ...environment(options) } });
      return { code: result.code, signal: null, stdout: stripAnsi(result.stdout), stderr: stripAnsi(result.stderr) };
    },
    start,
    journals,
    journal() {
      const all = journals();
      if (all.length !== 1) throw new Error(`expected one run, found ${all.length}`);
      return all[0] as RunEvent[];
    },
    artefacts() {
      const found: { path: string; text: string }[] = [];
      for (const top of ['.runbook', 'docs']) {
        const base = join(dir, top);
        if (!existsSync(base)) continue;
        for (const name of readdirSync(base, { recursive: true }) as string[]) {
          const path = join(base, name);
          try {
            found.push({ path, text: readFileSync(path, 'utf8') });
          } catch {
            // A folder.
          }
        }
      }
      return found;
    },
    exists: (name) => existsSync(join(dir, name)),
  };
}

export function readJournal(file: string): RunEvent[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => runEventSchema.parse(JSON.parse(line)));
}

/** Lines of `--json` output, each parsed; throws on any line that is not JSON. */
export function parseNdjson(stdout: string): RunEvent[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => runEventSchema.parse(JSON.parse(line)));
}

export function stepEnds(events: RunEvent[]): Record<string, string> {
  const ends: Record<string, string> = {};
  for (const e of events) if (e.type === 'step-end') ends[e.stepId] = e.status;
  return ends;
}

/** Processes whose command line contains `marker` (other than pgrep itself). */
export function processesMatching(marker: string): string[] {
  const found = spawnSync('pgrep', ['-af', marker], { encoding: 'utf8' });
  return found.stdout.split('\n').filter((line) => line.trim() !== '' && !line.includes('pgrep'));
}

/** Kills what a failed test may have left, so one failure does not leak into the next. */
export function killMatching(marker: string): void {
  spawnSync('pkill', ['-KILL', '-f', marker]);
}

/** Hands out markers for this file's tests; what a failed test left running under one is killed after it. */
export function useMarkers(): (name: string) => string {
  const markers: string[] = [];
  afterEach(() => {
    for (const m of markers.splice(0)) killMatching(m);
  });
  return (name) => {
    const m = uniqueMarker(name);
    markers.push(m);
    return m;
  };
}

/** A shell snippet running `sleep 1000` under the name `name`, so pgrep can find exactly it. */
export const sleeper = (name: string): string => `bash -c 'exec -a ${name} sleep 1000'`;

/** A marker unique to this test run, to put in a long-running process's argv. */
export function uniqueMarker(name: string): string {
  return `runbook-test-${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Waits until `check` holds, polling; fails after `ms` (generous: this is not a timing test). */
export async function waitFor(check: () => boolean, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** A runbook of `## N. Title` steps, each with the given bullet lines. */
export function runbook(title: string, steps: [string, ...string[]][], frontmatter = ''): string {
  const body = steps.map(([heading, ...lines], i) => `## ${i + 1}. ${heading}\n\n${lines.join('\n')}\n`).join('\n');
  return `${frontmatter ? `---\n${frontmatter.trim()}\n---\n\n` : ''}# ${title}\n\n${body}`;
}
