// Finds a run's journal by id (or a unique prefix of it) in the current workspace.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../model/events.js';
import { listRunIds, readJournal, runDir } from '../run/journal.js';
import { UsageError } from './errors.js';

export interface FoundRun {
  runId: string;
  dir: string;
  events: RunEvent[];
  /** The first attempt's start: the run's id, date and first runbook. */
  start: RunStart;
  /** The last attempt's start (the same as `start` until a resume). */
  latest: RunStart;
}

type RunStart = Extract<RunEvent, { type: 'run-start' }>;

export function findRun(workspace: string, id: string): FoundRun {
  const ids = listRunIds(workspace);
  const matches = ids.includes(id) ? [id] : ids.filter((candidate) => candidate.startsWith(id));
  if (matches.length === 0) throw new UsageError(`no run \`${id}\` in ${join('.runbook', 'runs')} (see \`runbook runs\`)`);
  if (matches.length > 1) throw new UsageError(`run id \`${id}\` is ambiguous: ${matches.slice(0, 5).join(', ')}`);
  return loadRun(workspace, matches[0] as string);
}

/** A run by its exact id. */
export function loadRun(workspace: string, runId: string): FoundRun {
  const dir = runDir(workspace, runId);
  const journalPath = join(dir, 'journal.jsonl');
  if (!existsSync(journalPath)) throw new UsageError(`run \`${runId}\` has no journal`);
  const { events } = readJournal(journalPath);
  const starts = events.filter((e): e is RunStart => e.type === 'run-start');
  const [start, latest] = [starts[0], starts.at(-1)];
  if (!start || !latest) throw new UsageError(`the journal of run \`${runId}\` has no run-start event`, journalPath);
  return { runId, dir, events, start, latest };
}
