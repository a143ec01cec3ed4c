// The processes of a command, through /proc: which pids can be ours at all (born after the shell,
// the pid counter perhaps gone round once), and a watch that finds a process that left the
// session while its parent lives, and ends it with the rest.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bornSince, ProcessWatch, readProcess } from '../../src/run/process-tree.js';
import { waitFor } from '../cli/exec-helpers.js';

describe('bornSince', () => {
  it('takes the pids between the shell and the last one handed out, across one wrap of the counter', () => {
    // Handed out 100 … 200 since the shell (100): 150 may be ours, 99 and 201 not.
    expect([99, 100, 150, 200, 201].map((pid) => bornSince(pid, 100, 200, false))).toEqual([false, true, true, true, false]);
    // Gone round: 30000 … pid_max, then 300 … 50.
    expect([29999, 30000, 32767, 50, 51].map((pid) => bornSince(pid, 30000, 50, true))).toEqual([false, true, true, true, false]);
  });
});

describe('ProcessWatch', () => {
  it('finds a process that left the session while its parent lives, and signals it with the rest', async () => {
    const shell = spawn('bash', ['-c', 'setsid sleep 300 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    shell.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const watch = new ProcessWatch(shell.pid as number);
    await waitFor(() => out.includes('\n') && readProcess(Number(out))?.session === Number(out), 'the sleeper to make its own session');
    const escaped = Number(out);
    expect(watch.scan()).toEqual([{ pid: escaped, startTime: readProcess(escaped)?.startTime, session: true }]);
    // Seen once, reported once.
    expect(watch.scan()).toEqual([]);
    const gone = new Promise((resolve) => shell.on('exit', resolve));
    expect(watch.signal('SIGKILL').living).toBe(2);
    await gone;
    await waitFor(() => (watch.living() ?? []).length === 0, 'both to be gone');
  });
});
