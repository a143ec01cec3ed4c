// Runs one command in its own process group and watches its output. The group is what gets ended
// on timeout, Ctrl-C, or when the shell exits leaving background children behind.
import { closeSync, openSync, writeSync } from 'node:fs';
import { execa } from 'execa';
import { StreamWatch } from '../expect/stream-watch.js';
import type { Matcher } from '../model/runbook.js';
import { LineSplitter } from './line-splitter.js';
import type { Mask } from './mask-secrets.js';

export interface SpawnRequest {
  /** The command to run, placeholders already resolved. */
  command: string;
  shell: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs?: number;
  /** Ends the process group when aborted (Ctrl-C, another step's failure with --fail-fast…). */
  signal?: AbortSignal;
  matchers: readonly Matcher[];
  mask: Mask;
  logFile?: string;
  /** Called with each masked line of output as it arrives. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** Grace period between TERM and KILL. */
  killGraceMs?: number;
}

export interface SpawnResult {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  durationMs: number;
  startedAt: string;
  stdout: StreamWatch;
  stderr: StreamWatch;
  /** Set when the shell itself could not be started. */
  spawnError?: string;
}

/** `bash -o pipefail -c`, and errexit for multi-line blocks so a failing line stops the block. */
export function shellArgs(shell: string, command: string): [string, string[]] {
  const multiLine = command.includes('\n');
  if (/^(bash|zsh|ksh)$/.test(shell)) return [shell, ['-o', 'pipefail', ...(multiLine ? ['-e'] : []), '-c', command]];
  if (shell === 'sh' || shell === 'dash') return [shell, [...(multiLine ? ['-e'] : []), '-c', command]];
  const [file, ...args] = shell.split(/\s+/);
  return [file ?? 'bash', [...args, '-c', command]];
}

export async function spawnShell(request: SpawnRequest): Promise<SpawnResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const stdout = new StreamWatch({ stream: 'stdout', matchers: request.matchers });
  const stderr = new StreamWatch({ stream: 'stderr', matchers: request.matchers });
  const log = request.logFile ? openSync(request.logFile, 'a') : undefined;
  const writeLine = (stream: 'stdout' | 'stderr') => (line: string, complete: boolean) => {
    const masked = request.mask(line);
    if (log !== undefined) writeSync(log, complete ? `${masked}\n` : masked);
    request.onLine?.(stream, masked);
  };
  const lines = { stdout: new LineSplitter(writeLine('stdout')), stderr: new LineSplitter(writeLine('stderr')) };
  const [file, args] = shellArgs(request.shell, request.command);
  const grace = request.killGraceMs ?? 3000;
  let timedOut = false;
  let aborted = false;
  let killTimer: NodeJS.Timeout | undefined;

  const subprocess = execa(file, args, {
    cwd: request.cwd,
    env: request.env,
    extendEnv: false,
    detached: true,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });
  const pid = subprocess.pid;
  const killGroup = (signal: NodeJS.Signals): void => {
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const endGroup = (): void => {
    killGroup('SIGTERM');
    killTimer ??= setTimeout(() => killGroup('SIGKILL'), grace);
  };
  liveGroups.add(killGroup);

  subprocess.stdout?.on('data', (chunk: Buffer) => {
    stdout.write(chunk);
    lines.stdout.write(chunk);
  });
  subprocess.stderr?.on('data', (chunk: Buffer) => {
    stderr.write(chunk);
    lines.stderr.write(chunk);
  });
  // When the shell exits, whatever it left running in the background goes too: otherwise it
  // would hold the output pipes open and outlive its step.
  subprocess.on('exit', () => endGroup());
  const timer = request.timeoutMs !== undefined ? setTimeout(() => {
    timedOut = true;
    endGroup();
  }, request.timeoutMs) : undefined;
  const onAbort = (): void => {
    aborted = true;
    endGroup();
  };
  if (request.signal?.aborted) onAbort();
  request.signal?.addEventListener('abort', onAbort, { once: true });

  const result = await subprocess;
  if (timer) clearTimeout(timer);
  if (killTimer) clearTimeout(killTimer);
  request.signal?.removeEventListener('abort', onAbort);
  liveGroups.delete(killGroup);
  lines.stdout.end();
  lines.stderr.end();
  stdout.end();
  stderr.end();
  if (log !== undefined) closeSync(log);
  const spawnFailed = result.failed && result.exitCode === undefined && result.signal === undefined;
  return {
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    timedOut,
    aborted,
    durationMs: Math.round(performance.now() - started),
    startedAt,
    stdout,
    stderr,
    ...(spawnFailed && { spawnError: result.shortMessage ?? result.message }),
  };
}

/** Every process group still running, so a second Ctrl-C can end them all at once. */
const liveGroups = new Set<(signal: NodeJS.Signals) => void>();

export function killAllGroups(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const kill of liveGroups) kill(signal);
}
