// `runbook runs`: past runs in this workspace, newest first.
import { resolve } from 'node:path';
import { workspaceAt } from '../exec/find-workspace.js';
import type { RunEvent } from '../model/events.js';
import { processIO, type SessionIO } from '../exec/session-io.js';
import { listRunIds } from '../run/journal.js';
import { isHeld, readRunLocks } from '../run/run-lock.js';
import { loadRun } from './find-run.js';

export interface RunsOptions {
  json?: boolean;
  workspace?: string;
}

export interface RunRow {
  runId: string;
  runbook: string | null;
  startedAt: string | null;
  mode: 'live' | 'dry-run' | null;
  /** Of the latest attempt: its run end's status, `running` while a live engine holds its lock, `interrupted` when the engine died, `unreadable` for a journal with no start. */
  status: string;
  attempts: number;
  lastEventAt: string | null;
  recordPath: string | null;
}

/** `io` is the process unless a test gives its own workspace and stdout. */
export async function runRuns(options: RunsOptions, io: Pick<SessionIO, 'workspace' | 'stdout'> = processIO()): Promise<RunRow[]> {
  const workspace = options.workspace !== undefined ? resolve(io.workspace, options.workspace) : workspaceAt(io.workspace);
  const running = new Set(readRunLocks(workspace).filter(isHeld).map((h) => h.runId));
  const rows = listRunIds(workspace).map((runId) => rowOf(workspace, runId, running));
  // Ids sort by their start second only; the journal knows the millisecond.
  rows.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || b.runId.localeCompare(a.runId));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return rows;
  }
  if (rows.length === 0) {
    io.stdout.write(`no runs yet in this workspace (${workspace})\n`);
    return rows;
  }
  const table = [
    ['RUN', 'RUNBOOK', 'STARTED (UTC)', 'STATUS', 'RECORD'],
    ...rows.map((r) => [
      r.runId,
      r.runbook ?? '?',
      r.startedAt ? `${r.startedAt.replace('T', ' ').slice(0, 19)}Z` : '?',
      `${r.status}${r.attempts > 1 ? ` (${r.attempts} attempts)` : ''}`,
      r.recordPath ?? '—',
    ]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length))) ?? [];
  for (const row of table) io.stdout.write(`${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}\n`);
  return rows;
}

function rowOf(workspace: string, runId: string, running: ReadonlySet<string>): RunRow {
  let events: RunEvent[];
  let start: Extract<RunEvent, { type: 'run-start' }>;
  try {
    ({ events, start } = loadRun(workspace, runId));
  } catch {
    // One broken journal must not hide every other run.
    return { runId, runbook: null, startedAt: null, mode: null, status: 'unreadable', attempts: 0, lastEventAt: null, recordPath: null };
  }
  const starts = events.filter((e) => e.type === 'run-start');
  const latest = events.lastIndexOf(starts.at(-1) as RunEvent);
  const end = events.slice(latest).find((e) => e.type === 'run-end');
  const records = events.flatMap((e) => (e.type === 'run-end' && e.recordPath ? [e.recordPath] : []));
  return {
    runId,
    runbook: start.runbookPath,
    startedAt: start.time,
    mode: start.mode,
    status: end?.type === 'run-end' ? end.status : running.has(runId) ? 'running' : 'interrupted',
    attempts: starts.length,
    lastEventAt: events.at(-1)?.time ?? start.time,
    recordPath: records.at(-1) ?? null,
  };
}
