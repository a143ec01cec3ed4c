// Everything a run takes from the process it runs in, as one argument: the three streams and
// whether each is a terminal, the environment, the workspace, a clock, signals and exiting.
// The commands pass the real process (processIO); tests pass streams and a clock of their own.
import type { Readable, Writable } from 'node:stream';

export interface SessionIO {
  stdin: Readable & { isRaw?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable & { columns?: number; rows?: number };
  stderr: Writable;
  tty: { stdin: boolean; stdout: boolean; stderr: boolean };
  env: Readonly<Record<string, string | undefined>>;
  /** Where the command was started: `.runbook/`, the record folder and relative paths are here. */
  workspace: string;
  pid: number;
  /** The time of day, for events, ids and the lock. */
  now(): Date;
  /** Milliseconds from a fixed point, for durations. */
  elapsed(): number;
  /** Calls `handler` on Ctrl-C, SIGTERM and SIGHUP until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
  /** Leaves the process at once (a second Ctrl-C). */
  exit(code: number): void;
}

const interrupts = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function processIO(): SessionIO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    tty: { stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    env: process.env,
    workspace: process.cwd(),
    pid: process.pid,
    now: () => new Date(),
    elapsed: () => performance.now(),
    onInterrupt: (handler) => {
      // A closed terminal (SIGHUP) or a supervisor's SIGTERM ends the run as cleanly as Ctrl-C does.
      for (const signal of interrupts) process.on(signal, handler);
      return () => {
        for (const signal of interrupts) process.off(signal, handler);
      };
    },
    exit: (code) => process.exit(code),
  };
}

/**
 * The process, for a command that runs a runbook. `runbook exec … | head` must not kill the
 * engine halfway through a rollback: when nobody reads stdout or stderr any more, output is
 * dropped and the run, its journal and its record go on.
 */
export function runProcessIO(): SessionIO {
  for (const stream of [process.stdout, process.stderr]) {
    // Replaces the entry point's handler, which ends read-only commands quietly on EPIPE.
    stream.removeAllListeners('error');
    stream.on('error', () => undefined);
  }
  return processIO();
}
