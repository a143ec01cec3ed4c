// spawnShell with real processes: the shell and its options, the process group ended on exit,
// timeout and abort, start failures, the log file and the bounded live output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMask } from '../../src/run/mask-secrets.js';
import { killAllGroups, shellArgs, spawnShell, SHOWN_LINE, type SpawnRequest } from '../../src/run/spawn-shell.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-spawn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const markers: string[] = [];
afterEach(() => {
  for (const m of markers.splice(0)) spawnSync('pkill', ['-KILL', '-f', m]);
});
function marker(name: string): string {
  const m = `runbook-spawn-test-${name}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  markers.push(m);
  return m;
}
function alive(m: string): boolean {
  return spawnSync('pgrep', ['-f', m]).status === 0;
}

function run(command: string, extra: Partial<SpawnRequest> = {}) {
  return spawnShell({ command, shell: 'bash', cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, matchers: [], mask: (t) => t, ...extra });
}

describe('shellArgs', () => {
  it('runs bash with pipefail, and errexit only for multi-line blocks', () => {
    expect(shellArgs('bash', 'a | b')).toEqual(['bash', ['-o', 'pipefail', '-c', 'a | b']]);
    expect(shellArgs('bash', 'a\nb')).toEqual(['bash', ['-o', 'pipefail', '-e', '-c', 'a\nb']]);
    expect(shellArgs('sh', 'a')).toEqual(['sh', ['-c', 'a']]);
    expect(shellArgs('python3 -u', 'print(1)')).toEqual(['python3', ['-u', '-c', 'print(1)']]);
  });
});

describe('spawnShell', () => {
  it('reports the exit code, both streams and their sizes', async () => {
    const result = await run('echo out; echo err >&2; exit 3');
    expect(result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, aborted: false });
    expect(result.stdout.text()).toBe('out\n');
    expect(result.stderr.text()).toBe('err\n');
    expect(result.stdout.bytes).toBe(4);
  });

  it('fails a pipeline whose first command fails (pipefail)', async () => {
    expect((await run('false | cat')).exitCode).toBe(1);
  });

  it('stops a multi-line block at its first failing line', async () => {
    const result = await run('echo one\nfalse\necho two');
    expect(result.exitCode).toBe(1);
    expect(result.stdout.text()).toBe('one\n');
  });

  it('gives the command no stdin, so a command reading it does not hang', async () => {
    const result = await run('cat; echo done');
    expect(result.stdout.text()).toBe('done\n');
  });

  it('ends a background child when the shell exits', async () => {
    const m = marker('bg');
    const result = await run(`bash -c 'exec -a ${m} sleep 1000' & echo started`);
    expect(result.exitCode).toBe(0);
    expect(alive(m)).toBe(false);
  });

  it('kills a background child that ignores TERM and no longer holds the output', async () => {
    const m = marker('stubborn');
    // The shell waits until the child ignores TERM, so the test is about that child.
    const result = await run(`rm -f ready; (trap '' TERM; touch ready; exec -a ${m} sleep 1000) >/dev/null 2>&1 & until [ -e ready ]; do sleep 0.05; done`, { killGraceMs: 200 });
    expect(result.exitCode).toBe(0);
    expect(alive(m)).toBe(false);
  });

  it('ends the whole group on timeout', async () => {
    const m = marker('timeout');
    const result = await run(`bash -c 'exec -a ${m} sleep 1000' & wait`, { timeoutMs: 300 });
    // Which process of the group the signal reaches first is a race: the shell dies of SIGTERM,
    // or its child does first and `wait` returns 0 to a shell that then exits. Either way the
    // command timed out and nothing of it is left.
    expect(result.timedOut).toBe(true);
    expect(result.signal === 'SIGTERM' || result.exitCode === 0).toBe(true);
    expect(alive(m)).toBe(false);
  });

  it('kills a command that ignores TERM once the grace period is over', async () => {
    const controller = new AbortController();
    const m = marker('ignores-term');
    const result = await run(`trap '' TERM; echo ready; exec -a ${m} sleep 1000 & wait`, { signal: controller.signal, onLine: () => controller.abort(), killGraceMs: 200 });
    expect(result.aborted).toBe(true);
    // SIGKILL reaches the shell, or first the child it waits for (whose death ends the shell's `wait`).
    expect(result.signal === 'SIGKILL' || result.exitCode === 137 || result.exitCode === 0).toBe(true);
    expect(alive(m)).toBe(false);
  });

  it('ends the group when aborted, and at once when already aborted', async () => {
    const controller = new AbortController();
    const running = run('echo started; sleep 1000', { signal: controller.signal, onLine: () => controller.abort() });
    expect(await running).toMatchObject({ aborted: true, signal: 'SIGTERM' });
    const before = new AbortController();
    before.abort();
    expect(await run('sleep 1000', { signal: before.signal })).toMatchObject({ aborted: true });
  });

  it('killAllGroups ends every running command (the second Ctrl-C)', async () => {
    const running = run("trap '' TERM; echo started; sleep 1000", { onLine: () => killAllGroups('SIGKILL') });
    expect((await running).signal).toBe('SIGKILL');
  });

  it('says plainly why a command could not start', async () => {
    const noDir = await run('echo hi', { cwd: join(dir, 'missing') });
    expect(noDir.spawnError).toBe(`cannot start the command: the working directory ${join(dir, 'missing')} does not exist`);
    expect(noDir.exitCode).toBeNull();
    const noShell = await run('echo hi', { shell: 'no-such-shell-xyz' });
    expect(noShell.spawnError).toBe('cannot start the command: the shell `no-such-shell-xyz` was not found');
    // Preflight refuses commands and given values this long; an environment entry can still be.
    const tooBig = await run('echo hi', { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HUGE: 'x'.repeat(200_000) } });
    expect(tooBig.spawnError).toBe('cannot start the command: it and its environment (the values it is given) are larger than the system starts a program with (E2BIG); a value or command over 128 KiB does not fit');
  });

  it('writes masked lines to the log file and hands each masked line to onLine', async () => {
    const logFile = join(dir, 'masked.log');
    const lines: string[] = [];
    await run('echo "token s3cret-value here"; echo "to err s3cret-value" >&2; printf "no newline"', {
      mask: createMask(['s3cret-value']),
      logFile,
      onLine: (stream, line) => lines.push(`${stream}: ${line}`),
    });
    expect(lines.sort()).toEqual(['stderr: to err ***', 'stdout: no newline', 'stdout: token *** here']);
    const log = readFileSync(logFile, 'utf8');
    expect(log).not.toContain('s3cret');
    expect(log).toContain('token *** here\n');
  });

  it('never cuts a UTF-8 character in two, even when its bytes arrive apart', async () => {
    const logFile = join(dir, 'utf8.log');
    const lines: string[] = [];
    // é is \xc3\xa9 and ✓ is \xe2\x9c\x93: each is written in two parts, some time apart.
    const result = await run("printf 'h\\xc3'; sleep 0.2; printf '\\xa9llo \\xe2'; sleep 0.2; printf '\\x9c\\x93\\n'", { logFile, onLine: (_, line) => lines.push(line) });
    expect(lines).toEqual(['héllo ✓']);
    expect(result.stdout.text()).toBe('héllo ✓\n');
    expect(readFileSync(logFile, 'utf8')).toBe('héllo ✓\n');
  });

  it('shows an overlong line once, cut, while the log keeps all of it', async () => {
    const logFile = join(dir, 'long.log');
    const lines: string[] = [];
    await run('head -c 300000 /dev/zero | tr "\\0" y; echo; echo next', { logFile, onLine: (_, line) => lines.push(line) });
    expect(lines).toHaveLength(2);
    expect(lines[0]?.length).toBeLessThan(SHOWN_LINE + 100);
    expect(lines[0]).toMatch(/^y+… \[line cut; all of it is in the log file\]$/);
    expect(lines[1]).toBe('next');
    expect(readFileSync(logFile, 'utf8')).toBe(`${'y'.repeat(300000)}\nnext\n`);
  });
});
