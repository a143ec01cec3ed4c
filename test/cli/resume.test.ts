// `runbook resume RUN` as a user runs it: after a real kill -9 of the engine, the interrupted
// step and the rest run and the record covers both attempts; bad input is exit 2 with one line.
// The engine that is killed is a real process; the resume after it runs the command line
// in-process. Resuming after a failure, in its many cases, runs in-process: test/exec/resume.test.ts.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesMatching, sleeper, useMarkers, waitFor } from './exec-helpers.js';
import { killHard, Workspace, useWorkspace } from './runs-harness.js';
import { resumeRunbook as runbook } from './runbooks.js';

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));
const marker = useMarkers();

const recordOf = (name: string): string => readFileSync(join(ws.dir, 'docs/releases/rollback-drills', name), 'utf8');

describe('resume: bad input', () => {
  it('bad input: an unknown run, a run that already passed', async () => {
    expect(await ws.run(['resume', 'nope'])).toMatchObject({ code: 2, stderr: 'runbook: no run `nope` in .runbook/runs (see `runbook runs`)\n' });
    ws.write('rb.md', runbook);
    ws.write('backup.txt', 'ok\n');
    await ws.runInProcess(['exec', 'rb.md']);
    const result = await ws.runInProcess(['resume', ws.onlyRunId()]);
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

    const resumed = await ws.runInProcess(['resume', runId]);
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
    expect((await ws.runInProcess(['resume', runId])).code).toBe(0);
    const lines = ws.journalText(runId).trimEnd().split('\n');
    expect(lines.filter((l) => !l.endsWith('}'))).toEqual(['{"time":"2026-11-26T14:00:00.000Z","type":"command-e']);
    expect(ws.journal(runId).filter((e) => e.type === 'run-start')).toHaveLength(2);
    expect(ws.read('rolled-back.txt')).toBe('rolling back from v1.4.0\n');
  });
});

describe('resume after kill -9, with the step still running', () => {
  it('stops naming the pids, and with --kill-orphans ends them first and resumes', async () => {
    const name = marker('orphan');
    ws.write('rb.md', runbook.replace('`cat backup.txt`', `\`test -f backup.txt || ${sleeper(name)}\``));
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    await waitFor(() => processesMatching(name).length > 0, 'the step to start its sleeper');
    // Only the engine dies: its step goes on without it.
    started.child.kill('SIGKILL');
    await started.done;
    const pids = processesMatching(name).map((line) => Number(line.split(' ')[0]));
    expect(pids.length).toBeGreaterThan(0);

    const refused = await ws.runInProcess(['resume', runId]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(new RegExp(`^runbook: run ${runId} is still running what its engine left behind \\(step 2: pids? (\\d+ \\(\\w+\\)(, )?)+\\); stop (it|them) first, or pass --kill-orphans to end (it|them) and resume\n$`));
    for (const pid of pids) expect(refused.stderr).toContain(String(pid));
    expect(ws.journal(runId).filter((e) => e.type === 'run-start')).toHaveLength(1);
    expect(processesMatching(name)).toHaveLength(pids.length);

    ws.write('backup.txt', 'ok\n');
    const resumed = await ws.runInProcess(['resume', runId, '--kill-orphans'], { RUNBOOK_KILL_GRACE_MS: '500' });
    expect(resumed.stderr).toContain(`runbook: ended what run ${runId} left running (step 2: pid`);
    expect(resumed.code).toBe(0);
    expect(processesMatching(name)).toEqual([]);
    expect(ws.read('rolled-back.txt')).toBe('rolling back from v1.4.0\n');
  });
});
