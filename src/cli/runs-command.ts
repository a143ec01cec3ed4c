// `runbook runs`: past runs in this workspace, newest first.
import { listRunIds } from '../run/journal.js';
import { findRun } from './find-run.js';

export interface RunsOptions {
  json?: boolean;
}

export async function runRuns(options: RunsOptions) {
  const workspace = process.cwd();
  const rows = listRunIds(workspace).map((runId) => {
    const { events, start } = findRun(workspace, runId);
    const end = [...events].reverse().find((e) => e.type === 'run-end');
    const last = events.at(-1);
    const status = end?.type === 'run-end' ? end.status : 'interrupted';
    return {
      runId,
      runbook: start.runbookPath,
      startedAt: start.time,
      mode: start.mode,
      status,
      attempts: events.filter((e) => e.type === 'run-start').length,
      lastEventAt: last?.time ?? start.time,
      recordPath: end?.type === 'run-end' ? end.recordPath ?? null : null,
    };
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return rows;
  }
  if (rows.length === 0) {
    process.stdout.write('no runs yet in this workspace\n');
    return rows;
  }
  const width = Math.max(...rows.map((r) => r.runId.length));
  for (const r of rows) {
    process.stdout.write(`${r.runId.padEnd(width)}  ${r.startedAt.replace('T', ' ').slice(0, 19)}Z  ${r.status.padEnd(11)}  ${r.runbook}${r.attempts > 1 ? `  (${r.attempts} attempts)` : ''}${r.recordPath ? `  → ${r.recordPath}` : ''}\n`);
  }
  return rows;
}
