// When the disk fills up under a run (ENOSPC), in-process on a real 1 MiB tmpfs mounted over the
// workspace's .runbook/ (where the logs and the journal are): the run stops cleanly, the step that
// printed is ended, the lock is freed, exit 1 with one clear message, and the record (in docs/, on
// another file system) is written and says why. Mounting needs root; elsewhere the test is skipped
// with a message. A signal while the record is written: test/cli/exec-failures.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { processesMatching, useMarkers } from '../cli/exec-helpers.js';
import { runbook, useSessions } from './session-harness.js';

const workspace = useSessions();
const marker = useMarkers();

/** Whether this machine lets the test mount a tmpfs (root, with mount(8)). */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = join(process.env.TMPDIR ?? '/tmp', `runbook-mount-probe-${process.pid}`);
  mkdirSync(probe, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (mounted) spawnSync('umount', [probe]);
  return mounted;
}

const mountable = canMount();
const skipped = mountable ? '' : ' (skipped: mounting a tmpfs needs root and mount(8))';
const mounts: string[] = [];
afterEach(() => {
  for (const dir of mounts.splice(0)) spawnSync('umount', ['-l', dir]);
});

describe('a full disk', () => {
  it.skipIf(!mountable)(`stops the run cleanly when a step's log cannot be written${skipped}`, async () => {
    const ws = workspace();
    const name = marker('enospc');
    const runDir = join(ws.dir, '.runbook');
    mkdirSync(runDir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', runDir]);
    mounts.push(runDir);
    ws.write('full.md', runbook('Full disk', [
      // Prints without end: only the run stopping it ends it.
      ['Prints', `- **Command:** \`exec -a ${name} bash -c 'while :; do printf "%01000d\\\\n" 0; done'\``],
      ['After', '- **Command:** `touch after.txt`'],
    ]));
    const result = await ws.exec('full.md');
    expect(result.code).toBe(1);
    const messages = result.stderr.split('\n').filter((line) => line.startsWith('runbook: '));
    expect(messages[0]).toBe("runbook: the run's log of step 1 could not be written (ENOSPC: no space left on device); ending the run");
    expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
    expect(processesMatching(name)).toEqual([]);
    expect(ws.exists('after.txt')).toBe(false);
    expect(ws.locks()).toEqual([]);
    const [record] = ws.records().map((r) => ws.read(join('docs/releases/rollback-drills', r)));
    expect(record).toContain('ended: the run\'s log of step 1 could not be written (ENOSPC: no space left on device)');
    // What the journal could still take parses, and its end, if it has one, says why.
    const end = ws.journalText(ws.onlyRunId()).split('\n').filter((l) => l.includes('"type":"run-end"'));
    for (const line of end) expect(JSON.parse(line)).toMatchObject({ status: 'failed', exitCode: 1, reason: "the run's log of step 1 could not be written (ENOSPC: no space left on device)" });
  });
});
