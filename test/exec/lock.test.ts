// The run lock, with runs in-process: a second run of a runbook in progress is refused and told
// who holds it; a lock whose holder is gone is taken over with a warning. (Real engines racing
// for it, and one killed with SIGKILL: test/cli/lock.test.ts.)
import { linkSync, symlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockKey } from '../../src/run/run-lock.js';
import { deadPid } from '../cli/runs-harness.js';
import { lockRunbook as runbook } from '../cli/runbooks.js';
import { useSessionEach, type SessionWorkspace } from './session-harness.js';

let ws: SessionWorkspace;
useSessionEach((workspace) => (ws = workspace));

describe('while a run is in progress', () => {
  it('a second exec of the runbook exits 2 naming the holder: pid, user, start time, run id', async () => {
    ws.write('rb.md', runbook);
    const first = ws.start('rb.md', { operator: 'alice' });
    const runId = await ws.waitForStepStart('2', first);
    const start = ws.journal(runId)[0];

    const second = await ws.exec('rb.md', { operator: 'bob' });
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^runbook: rb\\.md: another run of this runbook is in progress: run ${runId} by alice \\(pid ${process.pid} on ${hostname()}\\), started (\\S+)\\n$`));
    const startedAt = /started (\S+)\n$/.exec(second.stderr)?.[1] as string;
    expect(Math.abs(Date.parse(startedAt) - Date.parse(start?.time as string))).toBeLessThan(60_000);
    expect(ws.read('count.txt')).toBe('run\n');
    expect(ws.runIds()).toEqual([runId]);

    // Another name for the same file is the same runbook.
    symlinkSync(join(ws.dir, 'rb.md'), join(ws.dir, 'same.md'));
    expect((await ws.exec('./same.md')).code).toBe(2);
    // And a hard link: the same file (device and inode) under a second name.
    linkSync(join(ws.dir, 'rb.md'), join(ws.dir, 'linked.md'));
    const linked = await ws.exec('linked.md');
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain(`another run of this runbook is in progress: run ${runId}`);
    // So is resuming the run that is still going.
    const resume = await ws.resume(runId);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('another run of this runbook is in progress');

    ws.write('release.txt', '');
    expect((await first.done).code).toBe(0);
    expect(ws.locks()).toEqual([]);
    expect((await ws.exec('rb.md')).code).toBe(0);
    expect(ws.read('count.txt')).toBe('run\nrun\n');
  });

  it('does not stop a run of another runbook, nor a dry run of the same one', async () => {
    ws.write('rb.md', runbook);
    ws.write('other.md', '# Other\n\n### 1. Hello\n\n- **Command:** `echo hello`\n');
    const first = ws.start('rb.md');
    await ws.waitForStepStart('2', first);
    expect((await ws.exec('other.md')).code).toBe(0);
    expect((await ws.exec('rb.md', { dryRun: true, record: '-' })).code).toBe(0);
    ws.write('release.txt', '');
    expect((await first.done).code).toBe(0);
  });

  it('is released when the run fails', async () => {
    ws.write('rb.md', runbook.replace('exit 0; sleep', 'exit 1; sleep'));
    ws.write('release.txt', '');
    expect((await ws.exec('rb.md')).code).toBe(1);
    expect(ws.locks()).toEqual([]);
  });

  it('is released when the run is interrupted', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start('rb.md');
    await ws.waitForStepStart('2', started);
    started.interrupt();
    expect((await started.done).code).toBe(130);
    expect(ws.locks()).toEqual([]);
  });
});

describe('a lock left by a dead process', () => {
  it('written by hand with a pid no process has: taken over with a warning', async () => {
    const file = ws.write('rb.md', runbook);
    ws.write('release.txt', '');
    const pid = deadPid();
    const key = lockKey(file);
    ws.write(`.runbook/locks/${key}.lock`, JSON.stringify({ pid, user: 'bob', host: hostname(), startedAt: '2026-11-26T14:00:00.000Z', runId: 'an-old-run', runbook: 'rb.md' }));
    const result = await ws.exec('rb.md');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`runbook: warning: took over the lock of run an-old-run (pid ${pid}, no longer running)\n`);
    expect(ws.locks()).toEqual([]);
  });

});
