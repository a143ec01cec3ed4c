// Runs one command in its own process group and watches its output. The group is what gets ended
// on timeout, Ctrl-C, or when the shell exits leaving background children behind.
import { readFileSync, readdirSync } from 'node:fs';
import { execa } from 'execa';
import { StreamWatch } from '../expect/stream-watch.js';
import type { Matcher } from '../model/runbook.js';
import { BlockSplitter } from './block-splitter.js';
import type { Mask } from './mask-secrets.js';
import { LogFile } from './log-file.js';
import { StringDecoder } from 'node:string_decoder';
import { isDirectory } from '../fs/is-directory.js';

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
  /** Called with each masked line of output as it arrives, cut to `SHOWN_LINE` characters. */
  onLine?: (stream: 'stdout' | 'stderr', line: string) => void;
  /** How many lines `onLine` is called with at most; the rest only reach the log. */
  maxLines?: number;
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

/** A line longer than this is shown cut; the log file keeps all of it. */
export const SHOWN_LINE = 4096;

export async function spawnShell(request: SpawnRequest): Promise<SpawnResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const stdout = new StreamWatch({ stream: 'stdout', matchers: request.matchers });
  const stderr = new StreamWatch({ stream: 'stderr', matchers: request.matchers });
  const [file, args] = shellArgs(request.shell, request.command);
  const notStarted = (reason: string): SpawnResult => {
    stdout.end();
    stderr.end();
    return { exitCode: null, signal: null, timedOut: false, aborted: false, durationMs: 0, startedAt, stdout, stderr, spawnError: reason };
  };
  // execa's own message for a missing cwd blames the shell; say what is really wrong.
  if (!isDirectory(request.cwd)) return notStarted(`cannot start the command: the working directory ${request.cwd} does not exist`);

  const log = request.logFile ? new LogFile(request.logFile) : undefined;
  // Output is masked and logged a block at a time; lines are cut out for display only while
  // someone is still shown them (`maxLines`), so a gigabyte step stays cheap.
  const maxLines = request.maxLines ?? Number.POSITIVE_INFINITY;
  let shownLines = 0;
  const writeBlock = (stream: 'stdout' | 'stderr') => {
    // A line longer than the splitter's piece size arrives in pieces: show it once, cut.
    let midLine = false;
    return (block: string, complete: boolean) => {
      const masked = request.mask(block);
      log?.write(masked);
      if (request.onLine === undefined) return;
      if (!complete) {
        if (!midLine && shownLines < maxLines) {
          shownLines += 1;
          request.onLine(stream, `${masked.slice(0, SHOWN_LINE)}… [line cut; all of it is in the log file]`);
        }
        midLine = true;
        return;
      }
      let from = 0;
      for (let newline = masked.indexOf('\n'); newline !== -1 && shownLines < maxLines; newline = masked.indexOf('\n', from)) {
        const line = masked.slice(from, newline).replace(/\r$/, '');
        from = newline + 1;
        if (midLine) {
          // The end of a line already shown, cut.
          midLine = false;
          continue;
        }
        shownLines += 1;
        request.onLine(stream, line.length > SHOWN_LINE ? `${line.slice(0, SHOWN_LINE)}… [line cut; all of it is in the log file]` : line);
      }
      midLine = false;
    };
  };
  const lines = { stdout: new BlockSplitter(writeBlock('stdout')), stderr: new BlockSplitter(writeBlock('stderr')) };
  const grace = request.killGraceMs ?? 3000;
  let timedOut = false;
  let aborted = false;
  let killTimer: NodeJS.Timeout | undefined;
  let termSentAt: number | undefined;

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
    termSentAt ??= performance.now();
    killGroup('SIGTERM');
    killTimer ??= setTimeout(() => killGroup('SIGKILL'), grace);
  };
  liveGroups.add(killGroup);

  // Each chunk is decoded once, for the matchers and for masking and the log alike.
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  subprocess.stdout?.on('data', (chunk: Buffer) => {
    const text = decoders.stdout.write(chunk);
    stdout.writeDecoded(chunk, text);
    lines.stdout.write(text);
  });
  subprocess.stderr?.on('data', (chunk: Buffer) => {
    const text = decoders.stderr.write(chunk);
    stderr.writeDecoded(chunk, text);
    lines.stderr.write(text);
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
  request.signal?.removeEventListener('abort', onAbort);
  // The pipes can close while a child that ignores TERM (and sent its output elsewhere) lives
  // on in the group: it gets what is left of the grace period, then KILL.
  if (pid !== undefined && termSentAt !== undefined && !(await groupGone(pid, termSentAt + grace))) {
    killGroup('SIGKILL');
    await groupGone(pid, performance.now() + 2000);
  }
  if (killTimer) clearTimeout(killTimer);
  liveGroups.delete(killGroup);
  const rest = { stdout: decoders.stdout.end(), stderr: decoders.stderr.end() };
  if (rest.stdout !== '') lines.stdout.write(rest.stdout);
  if (rest.stderr !== '') lines.stderr.write(rest.stderr);
  lines.stdout.end();
  lines.stderr.end();
  stdout.end(rest.stdout);
  stderr.end(rest.stderr);
  log?.close();
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
    ...(spawnFailed && { spawnError: startFailure(file, result) }),
  };
}

/** Waits until no process is left in the group; false if some still are at `deadline`. */
async function groupGone(pgid: number, deadline: number): Promise<boolean> {
  while (groupAlive(pgid)) {
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  return livingMembers(pgid) !== 0;
}

/**
 * Members of the group that are not zombies, or undefined where /proc cannot tell. A killed
 * background child stays a zombie until init reaps it, which some inits do slowly.
 */
function livingMembers(pgid: number): number | undefined {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return undefined;
  }
  let living = 0;
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last `)`.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') living += 1;
    } catch {
      // Gone while we looked.
    }
  }
  return living;
}


function startFailure(file: string, result: { code?: string; shortMessage?: string; message?: string }): string {
  if (result.code === 'ENOENT') return `cannot start the command: the shell \`${file}\` was not found`;
  if (result.code === 'EACCES') return `cannot start the command: the shell \`${file}\` is not executable`;
  return `cannot start the command: ${(result.shortMessage ?? result.message ?? 'unknown error').split('\n')[0]}`;
}

/** Every process group still running, so a second Ctrl-C can end them all at once. */
const liveGroups = new Set<(signal: NodeJS.Signals) => void>();

export function killAllGroups(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const kill of liveGroups) kill(signal);
}
