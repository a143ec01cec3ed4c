// The run lock between real engine processes: of several started at once exactly one goes
// ahead, and the lock of one killed with SIGKILL is taken over with a warning. The other cases
// run in-process: test/exec/lock.test.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockRunbook as runbook } from './runbooks.js';
import { killHard, Workspace, useWorkspace } from './runs-harness.js';

let ws: Workspace;
useWorkspace((workspace) => (ws = workspace));

const locks = (): string[] => {
  try {
    return readdirSync(join(ws.dir, '.runbook/locks'));
  } catch {
    return [];
  }
};

describe('real engines', () => {
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
