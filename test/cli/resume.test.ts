// `runbook resume RUN` as a user runs it: after a real kill -9 of the engine, the interrupted
// step and the rest run and the record covers both attempts; bad input is exit 2 with one line.
// Resuming after a failure, in its many cases, runs in-process: test/exec/resume.test.ts.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { killHard, Workspace, useWorkspace } from './runs-harness.js';
import { resumeRunbook as runbook } from './runbooks.js';

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

const recordOf = (name: string): string => readFileSync(join(ws.dir, 'docs/releases/rollback-drills', name), 'utf8');

describe('resume: bad input', () => {
  it('bad input: an unknown run, a run that already passed', async () => {
    expect(await ws.run(['resume', 'nope'])).toMatchObject({ code: 2, stderr: 'runbook: no run `nope` in .runbook/runs (see `runbook runs`)\n' });
    ws.write('rb.md', runbook);
    ws.write('backup.txt', 'ok\n');
    await ws.run(['exec', 'rb.md']);
    const result = await ws.run(['resume', ws.onlyRunId()]);
    expect(result).toMatchObject({ code: 2, stderr: `runbook: run ${ws.onlyRunId()} already passed: there is nothing to resume\n` });
    expect(ws.read('step1-count.txt')).toBe('run\n');
  });
});

describe('resume after kill -9', () => {
  it('takes over the dead run, re-runs the interrupted step and finishes', async () => {
    ws.write('rb.md', runbook.replace('`cat backup.txt`', '`test -f backup.txt || sleep 30`'));
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    await killHard(started);
    ws.write('backup.txt', 'ok\n');

    const resumed = await ws.run(['resume', runId]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`runbook: warning: took over the lock of run ${runId}`);
    expect(ws.read('step1-count.txt')).toBe('run\n');
    expect(ws.read('rolled-back.txt')).toBe('rolling back from v1.4.0\n');

    const [record] = ws.records().map(recordOf);
    expect(record).toContain('- **Result:** **PASSED**');
    expect(record).toMatch(/\| 1 \| live \| .* \| — \(last event [^)]+\) \| interrupted \|/);
    expect(record).toMatch(/- \*\*Tries:\*\* attempt 1: interrupted, [^;]+; attempt 2: passed \(exit 0\), /);
  });

  it('a journal cut off mid-line by the kill: the resumed attempt starts on a line of its own', async () => {
    ws.write('rb.md', runbook.replace('`cat backup.txt`', '`test -f backup.txt || sleep 30`'));
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    await killHard(started);
    appendFileSync(join(ws.dir, '.runbook/runs', runId, 'journal.jsonl'), '{"time":"2026-11-26T14:00:00.000Z","type":"command-e');
    ws.write('backup.txt', 'ok\n');
    expect((await ws.run(['resume', runId])).code).toBe(0);
    const lines = ws.journalText(runId).trimEnd().split('\n');
    expect(lines.filter((l) => !l.endsWith('}'))).toEqual(['{"time":"2026-11-26T14:00:00.000Z","type":"command-e']);
    expect(ws.journal(runId).filter((e) => e.type === 'run-start')).toHaveLength(2);
    expect(ws.read('rolled-back.txt')).toBe('rolling back from v1.4.0\n');
  });
});
