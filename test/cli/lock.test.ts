// The run lock between real processes: a second run of a runbook in progress is refused and
// told who holds it; a lock whose process died is taken over with a warning.
import { createHash } from 'node:crypto';
import { readdirSync, realpathSync, symlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deadPid, killHard, Workspace, useWorkspace } from './runs-harness.js';

// Step 2 holds the run open until the test creates release.txt: no guessing how long is enough.
const runbook = `# Hold The Lock

### 1. Count

- **Command:** \`echo run >> count.txt\`

### 2. Wait for the go-ahead

- **Command:** \`for i in $(seq 3000); do test -f release.txt && exit 0; sleep 0.1; done; exit 1\`
`;

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

const locks = (): string[] => {
  try {
    return readdirSync(join(ws.dir, '.runbook/locks'));
  } catch {
    return [];
  }
};

describe('while a run is in progress', () => {
  it('a second exec of the runbook exits 2 naming the holder: pid, user, start time, run id', async () => {
    ws.write('rb.md', runbook);
    const first = ws.start(['exec', 'rb.md', '--operator', 'alice']);
    const runId = await ws.waitForStepStart('2', first);
    const start = ws.journal(runId)[0];

    const second = await ws.run(['exec', 'rb.md', '--operator', 'bob']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`^runbook: rb\\.md: another run of this runbook is in progress: run ${runId} by alice \\(pid ${first.child.pid} on ${hostname()}\\), started (\\S+)\\n$`));
    const startedAt = /started (\S+)\n$/.exec(second.stderr)?.[1] as string;
    expect(Math.abs(Date.parse(startedAt) - Date.parse(start?.time as string))).toBeLessThan(60_000);
    expect(ws.read('count.txt')).toBe('run\n');
    expect(ws.runIds()).toEqual([runId]);

    // Another name for the same file is the same runbook.
    symlinkSync(join(ws.dir, 'rb.md'), join(ws.dir, 'same.md'));
    expect((await ws.run(['exec', './same.md'])).code).toBe(2);
    // So is resuming the run that is still going.
    const resume = await ws.run(['resume', runId]);
    expect(resume.code).toBe(2);
    expect(resume.stderr).toContain('another run of this runbook is in progress');

    ws.write('release.txt', '');
    expect((await first.done).code).toBe(0);
    expect(locks()).toEqual([]);
    expect((await ws.run(['exec', 'rb.md'])).code).toBe(0);
    expect(ws.read('count.txt')).toBe('run\nrun\n');
  });

  it('does not stop a run of another runbook, nor a dry run of the same one', async () => {
    ws.write('rb.md', runbook);
    ws.write('other.md', '# Other\n\n### 1. Hello\n\n- **Command:** `echo hello`\n');
    const first = ws.start(['exec', 'rb.md']);
    await ws.waitForStepStart('2', first);
    expect((await ws.run(['exec', 'other.md'])).code).toBe(0);
    expect((await ws.run(['exec', 'rb.md', '--dry-run', '--record', '-'])).code).toBe(0);
    ws.write('release.txt', '');
    expect((await first.done).code).toBe(0);
  });

  it('lets exactly one of several runs started at once go ahead', async () => {
    ws.write('rb.md', runbook);
    const runs = Array.from({ length: 4 }, () => ws.start(['exec', 'rb.md']));
    // Every run but the lock holder ends at once with exit 2; then the holder may finish.
    let ended = 0;
    const results = await Promise.all(runs.map(async (r) => {
      const result = await r.done;
      ended += 1;
      if (ended === runs.length - 1) ws.write('release.txt', '');
      return result;
    }));
    expect(results.map((r) => r.code).sort()).toEqual([0, 2, 2, 2]);
    expect(ws.read('count.txt')).toBe('run\n');
    expect(ws.runIds()).toHaveLength(1);
  });

  it('is released when the run fails', async () => {
    ws.write('rb.md', runbook.replace('exit 0; sleep', 'exit 1; sleep'));
    ws.write('release.txt', '');
    expect((await ws.run(['exec', 'rb.md'])).code).toBe(1);
    expect(locks()).toEqual([]);
  });

  it('is released when the run is interrupted', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start(['exec', 'rb.md']);
    await ws.waitForStepStart('2', started);
    started.child.kill('SIGINT');
    expect((await started.done).code).toBe(130);
    expect(locks()).toEqual([]);
  });
});

describe('a lock left by a dead process', () => {
  it('written by hand with a pid no process has: taken over with a warning', async () => {
    const file = ws.write('rb.md', runbook);
    ws.write('release.txt', '');
    const pid = deadPid();
    const key = createHash('sha256').update(realpathSync(file)).digest('hex').slice(0, 16);
    ws.write(`.runbook/locks/${key}.lock`, JSON.stringify({ pid, user: 'bob', host: hostname(), startedAt: '2026-11-26T14:00:00.000Z', runId: 'an-old-run', runbook: 'rb.md' }));
    const result = await ws.run(['exec', 'rb.md']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`runbook: warning: took over the lock of run an-old-run (pid ${pid}, no longer running)\n`);
    expect(locks()).toEqual([]);
  });

  it('left by a run killed with SIGKILL: the next run takes it over with a warning', async () => {
    ws.write('rb.md', runbook);
    const started = ws.start(['exec', 'rb.md']);
    const runId = await ws.waitForStepStart('2', started);
    await killHard(started);
    expect(locks()).toHaveLength(1);
    ws.write('release.txt', '');
    const result = await ws.run(['exec', 'rb.md']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`runbook: warning: took over the lock of run ${runId} (pid ${started.child.pid}, no longer running)\n`);
    expect(locks()).toEqual([]);
  });
});
