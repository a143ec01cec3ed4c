// `runbook record RUN` for a run whose engine was killed with a real `kill -9` in the middle of a
// step, and bad input as a user sees it. The other cases run in-process:
// test/exec/record-command.test.ts.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restartRunbook as runbook } from './runbooks.js';
import { killHard, Workspace, useWorkspace } from './runs-harness.js';

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

describe('runbook record RUN', () => {
  it('after a real kill -9 mid-step: that step interrupted, the run interrupted, the rest not run', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    const killed = await killHard(started);
    expect(killed.signal).toBe('SIGKILL');
    expect(ws.journal(runId).some((e) => e.type === 'run-end')).toBe(false);
    expect(ws.records()).toEqual([]);

    const result = await ws.runInProcess(['record', runId, '--record', '-']);
    expect(result.code).toBe(0);
    const record = result.stdout;
    expect(record).toContain('- **Result:** **INTERRUPTED** — Interrupted during step 2 (Drain): the engine stopped and no run end was recorded; 1 of 3 steps passed.');
    expect(record).toMatch(/\| \*\*1\*\* Note the version \| .* \| passed \|/);
    expect(record).toMatch(/\| \*\*2\*\* Drain \| .* \| interrupted \|/);
    expect(record).toMatch(/\| \*\*3\*\* Restart \| .* \| not run \|/);
    expect(record).toContain('Command (running when the step was interrupted):\n\n```sh\nsleep 30\n```');
    expect(record).toContain('| Exit code of `runbook` | _not recorded_ |');
    expect(record).toContain(`\`runbook resume ${runId}\``);
  });


  it('reads a journal whose last line was cut off mid-write', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    await killHard(started);
    appendFileSync(join(ws.dir, '.runbook/runs', runId, 'journal.jsonl'), '{"time":"2026-11-26T14:00:00.000Z","type":"step-e');
    const result = await ws.runInProcess(['record', runId, '--record', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\| \*\*2\*\* Drain \| .* \| interrupted \|/);
  });


  it('bad input: an unknown run, a template with an unknown field', async () => {
    expect(await ws.runInProcess(['record', 'nope'])).toMatchObject({ code: 2, stderr: 'runbook: no run `nope` in .runbook/runs (see `runbook runs`)\n' });
    ws.write('rb.md', runbook.replace('`sleep 30`', '`echo drained`'));
    await ws.runInProcess(['exec', 'rb.md', '--no-record']);
    ws.write('t.md', '{{#each steps}}{{titel}}{{/each}}\n');
    const result = await ws.runInProcess(['record', ws.onlyRunId(), '--template', 't.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('runbook: t.md:1:18: Unknown field "titel" at line 1, column 18; did you mean "title"?\n');
    expect(ws.records()).toEqual([]);
  });
});
