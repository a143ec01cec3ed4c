// `runbook record RUN` in-process: the drill record rendered again from the journal alone, where
// it goes, and a warning for a run still in progress. (After a real kill -9 of the engine, and bad
// input as a user sees it: test/cli/record-command.test.ts.)
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRecordName } from '../cli/runs-harness.js';
import { restartRunbook as runbook } from '../cli/runbooks.js';
import { useSessionEach, type SessionWorkspace } from './session-harness.js';

let ws: SessionWorkspace;
useSessionEach((workspace) => (ws = workspace));

describe('runbook record RUN', () => {
  it('renders from the journal alone exactly the record the run wrote', async () => {
    ws.write('rb.md', runbook.replace('`sleep 30`', '`echo drained`'));
    expect((await ws.exec('rb.md', { operator: 'alice', env: 'staging' })).code).toBe(0);
    const runId = ws.onlyRunId();
    const written = ws.read(join('docs/releases/rollback-drills', defaultRecordName(ws.journal(runId), 'rb')));
    // Nothing but the journal is left: no runbook, no logs, no record.
    rmSync(join(ws.dir, 'rb.md'));
    rmSync(join(ws.dir, '.runbook/runs', runId, 'logs'), { recursive: true });
    rmSync(join(ws.dir, 'docs'), { recursive: true });
    const again = await ws.record(runId, { record: '-' });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(written);
  });


  it('writes to the default folder, --record-dir or --record FILE, and says where', async () => {
    ws.write('rb.md', runbook.replace('`sleep 30`', '`echo drained`'));
    await ws.exec('rb.md', { record: false });
    const runId = ws.onlyRunId();
    const name = defaultRecordName(ws.journal(runId), 'rb');
    expect(await ws.record(runId)).toMatchObject({ code: 0, stdout: `drill record: docs/releases/rollback-drills/${name}\n` });
    expect(await ws.record(runId.slice(0, -2), { recordDir: 'out' })).toMatchObject({ code: 0, stdout: `drill record: out/${name}\n` });
    expect(await ws.record(runId, { record: 'r.md' })).toMatchObject({ code: 0, stdout: 'drill record: r.md\n' });
    expect(ws.read('r.md')).toContain(`- **Drill id:** \`${runId}\``);
  });


  it('honours the runbook frontmatter record folder and file name when the runbook is still there', async () => {
    ws.write('rb.md', `---\nrecord:\n  dir: ops/drills\n  filename: "{runId}.md"\n---\n${runbook.replace('`sleep 30`', '`echo drained`')}`);
    await ws.exec('rb.md', { record: false });
    const runId = ws.onlyRunId();
    expect(await ws.record(runId)).toMatchObject({ code: 0, stdout: `drill record: ops/drills/${runId}.md\n` });
  });


  it('warns that a run still in progress is rendered as it is so far', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start('rb.md');
    const runId = await ws.waitForStepStart('2', started);
    const result = await ws.record(runId, { record: '-' });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`runbook: warning: run ${runId} is still in progress; its record shows it as interrupted where it is now\n`);
    expect(result.stdout).toMatch(/\| \*\*2\*\* Drain \| .* \| interrupted \|/);
    started.interrupt();
    expect((await started.done).code).toBe(130);
  });

});
