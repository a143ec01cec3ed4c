// `runbook runs` as a user sees it: every run in the workspace, newest first, with its runbook,
// start, status and record, as text and as JSON, runs killed with a real kill -9 among them.
// (No runs yet, a broken journal: test/exec/runs.test.ts.)
import { describe, expect, it } from 'vitest';
import { killHard, Workspace, useWorkspace } from './runs-harness.js';

const passing = '# Pass\n\n### 1. Hello\n\n- **Command:** `echo hello`\n';
const failing = '# Fail\n\n### 1. Check\n\n- **Command:** `cat missing.txt`\n';
const waiting = '# Wait\n\n### 1. Hello\n\n- **Command:** `echo hello`\n\n### 2. Wait\n\n- **Command:** `for i in $(seq 3000); do test -f release.txt && exit 0; sleep 0.1; done; exit 1`\n';

interface Row {
  runId: string;
  runbook: string | null;
  startedAt: string | null;
  mode: string | null;
  status: string;
  attempts: number;
  lastEventAt: string | null;
  recordPath: string | null;
}

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

const runs = async (): Promise<Row[]> => {
  const result = await ws.runInProcess(['runs', '--json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Row[];
};

describe('runbook runs', () => {
  it('lists runs newest first: id, runbook, start, status, record path; --json too', async () => {
    ws.write('pass.md', passing);
    ws.write('fail.md', failing);
    ws.write('wait.md', waiting);
    await ws.runInProcess(['exec', 'pass.md']);
    await ws.runInProcess(['exec', 'fail.md', '--no-record']);
    const killed = ws.start(['exec', 'wait.md']);
    await ws.waitForStepStart('2', killed);
    await killHard(killed);

    const rows = await runs();
    expect(rows.map((r) => [r.runbook, r.status, r.attempts, r.mode])).toEqual([
      ['wait.md', 'interrupted', 1, 'live'],
      ['fail.md', 'failed', 1, 'live'],
      ['pass.md', 'passed', 1, 'live'],
    ]);
    const starts = rows.map((r) => Date.parse(r.startedAt as string));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    const [wait, fail, pass] = rows as [Row, Row, Row];
    expect(pass.recordPath).toBe(`docs/releases/rollback-drills/${ws.records()[0]}`);
    expect(fail.recordPath).toBeNull();
    expect(wait.recordPath).toBeNull();
    for (const row of rows) expect(ws.journal(row.runId)[0]).toMatchObject({ type: 'run-start', time: row.startedAt });

    const text = await ws.runInProcess(['runs']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+RUNBOOK\s+STARTED \(UTC\)\s+STATUS\s+RECORD$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      [wait.runId, 'wait.md', `${wait.startedAt?.replace('T', ' ').slice(0, 19)}Z`, 'interrupted', '—'],
      [fail.runId, 'fail.md', `${fail.startedAt?.replace('T', ' ').slice(0, 19)}Z`, 'failed', '—'],
      [pass.runId, 'pass.md', `${pass.startedAt?.replace('T', ' ').slice(0, 19)}Z`, 'passed', pass.recordPath],
    ]);
  });

  it('shows a run in progress as running, and the latest attempt of a resumed run', async () => {
    ws.write('wait.md', waiting);
    const started = ws.start(['exec', 'wait.md']);
    const runId = await ws.waitForStepStart('2', started);
    expect((await runs())[0]).toMatchObject({ runId, status: 'running', attempts: 1 });
    await killHard(started);
    expect((await runs())[0]).toMatchObject({ runId, status: 'interrupted' });

    ws.write('release.txt', '');
    expect((await ws.runInProcess(['resume', runId])).code).toBe(0);
    const [row] = await runs();
    expect(row).toMatchObject({ runId, status: 'passed', attempts: 2, recordPath: `docs/releases/rollback-drills/${ws.records()[0]}` });
    expect((await ws.runInProcess(['runs'])).stdout).toContain('passed (2 attempts)');
  });

});
