// `runbook record RUN`: the drill record rendered again from the journal alone, also for a run
// whose engine was killed with a real `kill -9` in the middle of a step.
import { appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRecordName, killHard, Workspace, useWorkspace } from './runs-harness.js';

const runbook = `# Restart Web

### 1. Note the version

- **Command:** \`echo v1.4.0\`
- **Capture:** current-version

### 2. Drain

- **Command:** \`sleep 30\`

### 3. Restart

- **Command:** \`echo restarted\`
`;

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

describe('runbook record RUN', () => {
  it('renders from the journal alone exactly the record the run wrote', async () => {
    ws.write('rb.md', runbook.replace('`sleep 30`', '`echo drained`'));
    expect((await ws.run(['exec', 'rb.md', '--operator', 'alice', '--env', 'staging'])).code).toBe(0);
    const runId = ws.onlyRunId();
    const written = ws.read(join('docs/releases/rollback-drills', defaultRecordName(ws.journal(runId), 'rb')));
    // Nothing but the journal is left: no runbook, no logs, no record.
    rmSync(join(ws.dir, 'rb.md'));
    rmSync(join(ws.dir, '.runbook/runs', runId, 'logs'), { recursive: true });
    rmSync(join(ws.dir, 'docs'), { recursive: true });
    const again = await ws.run(['record', runId, '--record', '-']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(written);
  });

  it('writes to the default folder, --record-dir or --record FILE, and says where', async () => {
    ws.write('rb.md', runbook.replace('`sleep 30`', '`echo drained`'));
    await ws.run(['exec', 'rb.md', '--no-record']);
    const runId = ws.onlyRunId();
    const name = defaultRecordName(ws.journal(runId), 'rb');
    expect(await ws.run(['record', runId])).toMatchObject({ code: 0, stdout: `drill record: docs/releases/rollback-drills/${name}\n` });
    expect(await ws.run(['record', runId.slice(0, -2), '--record-dir', 'out'])).toMatchObject({ code: 0, stdout: `drill record: out/${name}\n` });
    expect(await ws.run(['record', runId, '--record', 'r.md'])).toMatchObject({ code: 0, stdout: 'drill record: r.md\n' });
    expect(ws.read('r.md')).toContain(`- **Drill id:** \`${runId}\``);
  });

  it('honours the runbook frontmatter record folder and file name when the runbook is still there', async () => {
    ws.write('rb.md', `---\nrecord:\n  dir: ops/drills\n  filename: "{runId}.md"\n---\n${runbook.replace('`sleep 30`', '`echo drained`')}`);
    await ws.run(['exec', 'rb.md', '--no-record']);
    const runId = ws.onlyRunId();
    expect(await ws.run(['record', runId])).toMatchObject({ code: 0, stdout: `drill record: ops/drills/${runId}.md\n` });
  });

  it('after a real kill -9 mid-step: that step interrupted, the run interrupted, the rest not run', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    const killed = await killHard(started);
    expect(killed.signal).toBe('SIGKILL');
    expect(ws.journal(runId).some((e) => e.type === 'run-end')).toBe(false);
    expect(ws.records()).toEqual([]);

    const result = await ws.run(['record', runId, '--record', '-']);
    expect(result.code).toBe(0);
    const record = result.stdout;
    expect(record).toContain('- **Result:** **INTERRUPTED** — Interrupted during step 2 (Drain): the engine stopped and no run end was recorded; 1 of 3 steps passed.');
    expect(record).toMatch(/\| \*\*1\*\* Note the version \| .* \| passed \|/);
    expect(record).toMatch(/\| \*\*2\*\* Drain \| .* \| interrupted \|/);
    expect(record).toMatch(/\| \*\*3\*\* Restart \| .* \| not run \|/);
    expect(record).toContain('Command (running when the step was interrupted):\n\n```sh\nsleep 30\n```');
    expect(record).toContain('| Exit code | _not recorded_ |');
    expect(record).toContain(`\`runbook resume ${runId}\``);
  });

  it('warns that a run still in progress is rendered as it is so far', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    const result = await ws.run(['record', runId, '--record', '-']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`runbook: warning: run ${runId} is still in progress; its record shows it as interrupted where it is now\n`);
    expect(result.stdout).toMatch(/\| \*\*2\*\* Drain \| .* \| interrupted \|/);
    started.child.kill('SIGINT');
    expect((await started.done).code).toBe(130);
  });

  it('reads a journal whose last line was cut off mid-write', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    await killHard(started);
    appendFileSync(join(ws.dir, '.runbook/runs', runId, 'journal.jsonl'), '{"time":"2026-11-26T14:00:00.000Z","type":"step-e');
    const result = await ws.run(['record', runId, '--record', '-']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\| \*\*2\*\* Drain \| .* \| interrupted \|/);
  });

  it('bad input: an unknown run, a template with an unknown field', async () => {
    expect(await ws.run(['record', 'nope'])).toMatchObject({ code: 2, stderr: 'runbook: no run `nope` in .runbook/runs (see `runbook runs`)\n' });
    ws.write('rb.md', runbook.replace('`sleep 30`', '`echo drained`'));
    await ws.run(['exec', 'rb.md', '--no-record']);
    ws.write('t.md', '{{#each steps}}{{titel}}{{/each}}\n');
    const result = await ws.run(['record', ws.onlyRunId(), '--template', 't.md']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('runbook: t.md:1:18: Unknown field "titel" at line 1, column 18; did you mean "title"?\n');
    expect(ws.records()).toEqual([]);
  });
});
