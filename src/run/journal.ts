// The run journal: one JSON object per event, written with a plain write(2) as it happens, so
// the kernel has it even if the engine is killed with SIGKILL a moment later. Output lines are
// left to the per-step log files; the journal says where they are.
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runEventSchema, type RunEvent } from '../model/events.js';
import type { Subscriber } from './event-bus.js';
import { makeDirectory } from '../fs/make-directory.js';

export const RUNS_DIR = join('.runbook', 'runs');

export function runDir(workspace: string, runId: string): string {
  return join(workspace, RUNS_DIR, runId);
}

export interface Journal {
  subscriber: Subscriber;
  close(): void;
  path: string;
}

/**
 * `onError` hears of the first write that fails (a full disk, an I/O error); the journal takes
 * no more events after it, so no half line is followed by more.
 */
export function openJournal(dir: string, onError: (error: Error) => void = (error) => {
  throw error;
}): Journal {
  makeDirectory(join(dir, 'logs'));
  const path = join(dir, 'journal.jsonl');
  const fd = openSync(path, 'a+');
  // A resumed run appends to a journal whose engine may have died mid-line: start on a new one,
  // or the first event of this attempt would be glued to the broken line and lost with it.
  if (endsMidLine(fd)) writeAll(fd, '\n');
  let open = true;
  let failed = false;
  return {
    path,
    subscriber: (event) => {
      if (!open || failed || event.type === 'step-output') return;
      try {
        writeAll(fd, `${JSON.stringify(event)}\n`);
      } catch (error) {
        failed = true;
        onError(error as Error);
      }
    },
    close: () => {
      if (!open) return;
      open = false;
      try {
        closeSync(fd);
      } catch (error) {
        if (!failed) onError(error as Error);
      }
    },
  };
}

/** One event, one write(2) as a rule; a short write (a full disk, a signal) is finished, not lost. */
function writeAll(fd: number, text: string): void {
  const buffer = Buffer.from(text);
  for (let offset = 0; offset < buffer.length; ) offset += writeSync(fd, buffer, offset, buffer.length - offset);
}

function endsMidLine(fd: number): boolean {
  const { size } = fstatSync(fd);
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

export interface ReadJournal {
  events: RunEvent[];
  /** Lines that did not parse: the last one is expected when the engine died mid-write. */
  skipped: number;
}

export function readJournal(path: string): ReadJournal {
  const events: RunEvent[] = [];
  let skipped = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = runEventSchema.safeParse(JSON.parse(line));
      if (parsed.success) events.push(parsed.data);
      else skipped += 1;
    } catch {
      skipped += 1;
    }
  }
  return { events, skipped };
}

/** Run ids in the workspace, newest first (ids start with their UTC start time). */
export function listRunIds(workspace: string): string[] {
  const dir = join(workspace, RUNS_DIR);
  try {
    return readdirSync(dir)
      .filter((name) => {
        try {
          return statSync(join(dir, name, 'journal.jsonl')).isFile();
        } catch {
          return false;
        }
      })
      .sort()
      .reverse();
  } catch {
    return [];
  }
}
