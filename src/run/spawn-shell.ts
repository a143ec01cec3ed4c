// Runs one command in a session of its own (execa's `detached` makes the shell a session leader,
// setsid(2)) and watches its output. On timeout, Ctrl-C, or when the shell exits leaving
// background children behind, every process of that session is ended, whatever process group it
// is in, and so are the processes that left it (process-tree.ts).
import { execa } from 'execa';
import { StreamWatch } from '../expect/stream-watch.js';
import type { Matcher } from '../model/runbook.js';
import { BlockSplitter } from './block-splitter.js';
import type { Mask } from './mask-secrets.js';
import { LogFile } from './log-file.js';
import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { isReportComplete } from './shell-session.js';
import { isDirectory } from '../fs/is-directory.js';
import type { ProcessRef } from '../model/events.js';
import { ProcessWatch } from './process-tree.js';

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
  /** A write to the log file failed (ENOSPC, EIO); the log takes no more. */
  onWriteError?: (error: Error) => void;
  /** Called with the shell's session once it starts, and with each process found to have left it. */
  onProcesses?: (found: ProcessRef[]) => void;
  /**
   * Bash only: the run's session. The shell sources `prelude` (BASH_ENV), evaluates `restore`
   * (sent on fd 3) before the command, and reports its session on fd 3 when it exits.
   */
  session?: { prelude: string; restore: string };
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
  /** What the shell reported of its session when it exited, when it did so completely (see shell-session.ts). */
  sessionReport?: string;
}

/** A session report larger than this is not kept: such variables are not a terminal's session. */
const MAX_SESSION_REPORT = 16 * 1024 * 1024;

/** `bash -o pipefail -c`, and errexit for multi-line blocks so a failing line stops the block. */
export function shellArgs(shell: string, command: string): [string, string[]] {
  const multiLine = command.includes('\n');
  if (/^(bash|zsh|ksh)$/.test(shell)) return [shell, ['-o', 'pipefail', ...(multiLine ? ['-e'] : []), '-c', command]];
  if (shell === 'sh' || shell === 'dash') return [shell, [...(multiLine ? ['-e'] : []), '-c', command]];
  const [file, ...args] = shell.split(/\s+/);
  return [file ?? 'bash', [...args, '-c', command]];
}

/**
 * The longest command a shell can be given: it goes as one argument (`-c COMMAND`), and Linux
 * takes at most 32 pages (128 KiB, its NUL included) for any one argument or environment entry.
 */
export const MAX_COMMAND_BYTES = 128 * 1024 - 1;

/** A line longer than this is shown cut; the log file keeps all of it. */
export const SHOWN_LINE = 4096;

export async function spawnShell(request: SpawnRequest): Promise<SpawnResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const stdout = new StreamWatch({ stream: 'stdout', matchers: request.matchers, mask: request.mask });
  const stderr = new StreamWatch({ stream: 'stderr', matchers: request.matchers, mask: request.mask });
  const [file, args] = shellArgs(request.shell, request.command);
  const notStarted = (reason: string): SpawnResult => {
    stdout.end();
    stderr.end();
    return { exitCode: null, signal: null, timedOut: false, aborted: false, durationMs: 0, startedAt, stdout, stderr, spawnError: reason };
  };
  // execa's own message for a missing cwd blames the shell; say what is really wrong.
  if (!isDirectory(request.cwd)) return notStarted(`cannot start the command: the working directory ${request.cwd} does not exist`);

  const log = request.logFile ? new LogFile(request.logFile, (error) => request.onWriteError?.(error)) : undefined;
  // Output is masked and logged a block at a time; lines are cut out for display only while
  // someone is still shown them (`maxLines`), so a gigabyte step stays cheap.
  const maxLines = request.maxLines ?? Number.POSITIVE_INFINITY;
  let shownLines = 0;
  const writeBlock = (stream: 'stdout' | 'stderr') => {
    // A line longer than the splitter's piece size arrives in pieces: show it once, cut.
    let midLine = false;
    // The end of a piece that may be the start of a secret, masked with the piece that follows.
    let held = '';
    return (block: string, complete: boolean) => {
      const text = held + block;
      const cut = complete ? text.length : request.mask.safeEnd?.(text) ?? text.length;
      held = text.slice(cut);
      const masked = request.mask(text.slice(0, cut));
      if (masked === '') return;
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
    env: request.session ? sessionEnv(request.env, request.session.prelude) : request.env,
    extendEnv: false,
    detached: true,
    stdio: request.session ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
    buffer: false,
    reject: false,
    stripFinalNewline: false,
  });
  const pid = subprocess.pid;
  const watch = pid !== undefined ? new ProcessWatch(pid) : undefined;
  if (watch) request.onProcesses?.([watch.leader]);
  const report = (found: ProcessRef[]): void => {
    if (found.length > 0) request.onProcesses?.(found);
  };
  // How many of the command's processes were living when last signalled: none, nothing to wait for.
  let living = 0;
  const endAll = (signal: NodeJS.Signals): void => {
    if (!watch) return;
    const ended = watch.signal(signal);
    living = ended.living;
    report(ended.escaped);
  };
  const endGroup = (): void => {
    termSentAt ??= performance.now();
    endAll('SIGTERM');
    killTimer ??= setTimeout(() => endAll('SIGKILL'), grace);
  };
  liveGroups.add(endAll);
  const session = request.session && subprocess.stdio[3] ? exchangeSession(subprocess.stdio[3] as Duplex, request.session.restore, () => watch && report(watch.scan())) : undefined;
  // A process that leaves the session (`setsid … &`) is only ours while we can see its parent.
  const poll = setInterval(() => watch && report(watch.scan()), SCAN_MS);
  poll.unref();

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
  clearInterval(poll);
  if (timer) clearTimeout(timer);
  request.signal?.removeEventListener('abort', onAbort);
  // The pipes can close while a child that ignores TERM (and sent its output elsewhere) lives
  // on: it gets what is left of the grace period, then KILL.
  if (watch && termSentAt !== undefined && living > 0 && !(await allGone(watch, termSentAt + grace))) {
    endAll('SIGKILL');
    await allGone(watch, performance.now() + 2000);
  }
  if (killTimer) clearTimeout(killTimer);
  liveGroups.delete(endAll);
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
    ...(session?.complete() && { sessionReport: session.text() }),
  };
}

/** The shell's environment with the prelude as BASH_ENV; an operator's own BASH_ENV is sourced by the prelude. */
function sessionEnv(env: Record<string, string>, prelude: string): Record<string, string> {
  const { BASH_ENV: own, ...rest } = env;
  return { ...rest, BASH_ENV: prelude, ...(own !== undefined && { __RUNBOOK_BASH_ENV: own }) };
}

/**
 * Sends the session to restore, then reads the shell's report; once it is complete, `beforeExit`
 * runs (while the shell still lives) and the shell is let go.
 */
function exchangeSession(channel: Duplex, restore: string, beforeExit: () => void): { complete: () => boolean; text: () => string } {
  const chunks: string[] = [];
  let length = 0;
  let complete = false;
  let tooLarge = false;
  let tail = '';
  const decoder = new StringDecoder('utf8');
  // The shell may be gone before it read or answered: a closed channel is no error of the run.
  channel.on('error', () => undefined);
  channel.write(`${restore}\0`);
  channel.on('data', (chunk: Buffer) => {
    if (complete || tooLarge) return;
    const text = decoder.write(chunk);
    length += text.length;
    if (length > MAX_SESSION_REPORT) {
      tooLarge = true;
      chunks.length = 0;
    } else chunks.push(text);
    // The whole report is parsed only when it may have ended: at the end mark `\0e\0`.
    tail = `${tail}${text}`.slice(-3);
    if (!tooLarge && (tail === '\0e\0' || (length === 2 && tail === 'e\0')) && isReportComplete(chunks.join(''))) {
      complete = true;
      beforeExit();
      channel.write('k');
    }
  });
  return { complete: () => complete, text: () => chunks.join('') };
}

/** How often a running command's descendants are looked at, for those that leave its session. */
const SCAN_MS = 200;

/** Waits until none of the command's processes is left, ending newcomers too; false if some still are at `deadline`. */
async function allGone(watch: ProcessWatch, deadline: number): Promise<boolean> {
  for (;;) {
    const living = watch.living();
    // Without /proc only the shell's group can be asked about.
    const left = living === undefined ? groupAlive(watch.leader.pid) : living.length > 0;
    if (!left) return true;
    if (performance.now() >= deadline) return false;
    watch.signal('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function startFailure(file: string, result: { code?: string; shortMessage?: string; message?: string }): string {
  if (result.code === 'ENOENT') return `cannot start the command: the shell \`${file}\` was not found`;
  if (result.code === 'EACCES') return `cannot start the command: the shell \`${file}\` is not executable`;
  // Commands and given values are checked before the run (MAX_COMMAND_BYTES); the caller's own
  // environment, and many captures together, are not.
  if (result.code === 'E2BIG') return 'cannot start the command: it and its environment (the values it is given) are larger than the system starts a program with (E2BIG); a value or command over 128 KiB does not fit';
  return `cannot start the command: ${(result.shortMessage ?? result.message ?? 'unknown error').split('\n')[0]}`;
}

/** Every command still running, so a second Ctrl-C can end all their processes at once. */
const liveGroups = new Set<(signal: NodeJS.Signals) => void>();

export function killAllGroups(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const kill of liveGroups) kill(signal);
}
