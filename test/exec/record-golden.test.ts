// Golden drill records of runs in-process: fixtures/records/runbook.md run to an incomplete end
// (nobody to confirm its statements), to a pass with an answers file, to a failure, to Ctrl-C,
// resumed with a note after a failure, with a version it was told that the run contradicts,
// and as a dry run. Each record is compared with its golden after times, durations, ids, paths,
// the host and the engine version are replaced by placeholders. Updating goldens is deliberate:
//   UPDATE_GOLDEN=1 npx vitest run test/exec/record-golden
// then review the diff like any other change.
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSessionEach, type SessionWorkspace } from './session-harness.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'records');
const update = process.env.UPDATE_GOLDEN === '1';
const TOKEN = 'tok-0123456789abcdef';
const flags = { set: [`api-token=${TOKEN}`], operator: 'alice', env: 'staging', release: 'v1.4.0', target: 'v1.3.2', participant: ['Alice Ng (drill lead)', 'Bo Chen (service owner)'] };
const answers = 'by: Alice Ng (drill lead)\nanswers:\n  A.2: confirmed\n  B.2#e1:\n    answer: confirmed\n    note: checked on the staging dashboard\n';

let ws: SessionWorkspace;
useSessionEach((workspace) => {
  ws = workspace;
  ws.write('runbook.md', readFileSync(join(fixtures, 'runbook.md'), 'utf8'));
  ws.write('kube-context.txt', 'staging-east\n');
  ws.write('answers.yaml', answers);
});

/** What changes from run to run becomes a placeholder; everything else must match exactly. */
function normalise(text: string, runId: string, workspace: string): string {
  return text
    .replaceAll(runId, '<run-id>')
    .replaceAll(existsSync(workspace) ? realpathSync(workspace) : workspace, '<workspace>')
    .replaceAll(workspace, '<workspace>')
    .replaceAll(`**Host:** ${hostname()}`, '**Host:** <host>')
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    // The gantt chart's UTC wall-clock times.
    .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\b/g, '<time>')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, '<date>')
    .replace(/\b\d+h \d{2}m \d{2}s\b|\b\d+m \d{2}s\b|\b\d+(\.\d+)?m?s\b/g, '<duration>')
    .replace(/runbook \d+\.\d+\.\d+(-[\w.]+)?/g, 'runbook <version>')
    .replace(/^time-to-rollback-ms: \d+$/m, 'time-to-rollback-ms: <ms>')
    // bash reports a command that Ctrl-C's SIGTERM ended ("Terminated") when it sees that command
    // die before it handles the signal itself: a race of the two processes, not the engine's.
    .replace('; output: Terminated.', '.')
    .replace('Output (last lines, in the order printed; `[stderr]` marks standard error):\n\n```text\n[stderr] Terminated\n```\n\n', '');
}

function compare(name: string, record: string): void {
  const golden = join(fixtures, name, 'record.md');
  if (update) {
    mkdirSync(join(fixtures, name), { recursive: true });
    writeFileSync(golden, record);
    return;
  }
  if (!existsSync(golden)) throw new Error(`No golden for ${name}: run UPDATE_GOLDEN=1 npx vitest run test/exec/record-golden, then review it.`);
  expect(record).toBe(readFileSync(golden, 'utf8'));
}

/** The record the latest run end names (a resume writes a second); a dry run keeps no journal, and writes the only one. */
function writtenRecord(): string {
  const folder = 'docs/releases/rollback-drills';
  const ids = ws.runIds();
  const end = ids.length === 0 ? undefined : ws.journal(ids[0]).filter((e) => e.type === 'run-end').at(-1);
  const path = end?.type === 'run-end' && end.recordPath !== undefined ? end.recordPath : join(folder, readdirSync(join(ws.dir, folder))[0] ?? '');
  const text = ws.read(path);
  expect(text).not.toContain(TOKEN);
  const runId = ids[0] ?? /`(\d{8}-\d{6}-[0-9a-f]+)`/.exec(text)?.[1] ?? '';
  return normalise(text, runId, ws.dir);
}

/** The go-ahead the second step waits for, and the backup it checks: every step can pass. */
function goAhead(withBackup = true): void {
  ws.write('go.txt', '');
  if (withBackup) ws.write('backup.txt', 'backup 2026-11-26 03:00\n');
}

describe('golden drill records', () => {
  it('incomplete: every step passed, nobody confirmed the statements', async () => {
    goAhead();
    const result = await ws.exec('runbook.md', flags);
    expect(result.code).toBe(3);
    compare('incomplete', writtenRecord());
  });

  it('passed: the statements confirmed by an answers file', async () => {
    goAhead();
    expect((await ws.exec('runbook.md', { ...flags, answers: 'answers.yaml', ticket: 'https://tracker.example.com/CHG-42' })).code).toBe(0);
    compare('passed', writtenRecord());
  });

  it('failed', async () => {
    goAhead(false);
    expect((await ws.exec('runbook.md', { ...flags, answers: 'answers.yaml' })).code).toBe(1);
    compare('failed', writtenRecord());
  });

  it('aborted', async () => {
    const started = ws.start('runbook.md', { ...flags, answers: 'answers.yaml' });
    await ws.waitForStepStart('A.2', started);
    started.interrupt();
    expect((await started.done).code).toBe(130);
    compare('aborted', writtenRecord());
  });

  it('resumed with a note: the failed attempt and the note stay in the issues', async () => {
    goAhead(false);
    expect((await ws.exec('runbook.md', { ...flags, answers: 'answers.yaml' })).code).toBe(1);
    ws.write('backup.txt', 'backup 2026-11-26 03:00\n');
    const resumed = await ws.resume(ws.onlyRunId(), { note: 'restored backup.txt from last night by hand', set: [`api-token=${TOKEN}`], operator: 'alice' });
    expect(resumed.code).toBe(0);
    compare('resumed', writtenRecord());
  });

  it('a version conflict: told one rollback target, the capture says another', async () => {
    goAhead();
    expect((await ws.exec('runbook.md', { ...flags, target: 'v1.1.0', answers: 'answers.yaml' })).code).toBe(0);
    compare('version-conflict', writtenRecord());
  });

  it('dry run: a planned drill that cannot pass for a real one', async () => {
    expect((await ws.exec('runbook.md', { ...flags, dryRun: true })).code).toBe(0);
    compare('dry-run', writtenRecord());
  });
});

describe('normalise', () => {
  it('replaces what varies and nothing else', () => {
    const text = '`20261126-140305-a1b2` 2026-11-26 14:03:05Z 2026-11-26T14:03:05.123Z 2026-11-26 14:03:05.123 on 2026-11-26; 412ms, 12.4s, 1m 02s, 1h 02m 03s; runbook 0.1.0; /tmp/ws/x; 3 of 4 steps; sleep 0.1; exit 130\ntime-to-rollback-ms: 343\nexit-code: 1';
    expect(normalise(text, '20261126-140305-a1b2', '/tmp/ws')).toBe(
      '`<run-id>` <time> <time> <time> on <date>; <duration>, <duration>, <duration>, <duration>; runbook <version>; <workspace>/x; 3 of 4 steps; sleep 0.1; exit 130\ntime-to-rollback-ms: <ms>\nexit-code: 1',
    );
  });
});
