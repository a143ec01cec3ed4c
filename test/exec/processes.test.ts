// What a run in-process does to the processes it starts: timeouts end them, background children
// do not outlive their step, an interrupt stops the run cleanly and a second one at once.
// Behaviour only: every wait is generous and no duration is asserted. (A real SIGINT to a real
// engine, and the memory of a step that prints 200 MB: test/cli/exec-processes.test.ts.)
import { describe, expect, it } from 'vitest';
import { processIO } from '../../src/exec/session-io.js';
import { processesMatching, sleeper, useMarkers } from '../cli/exec-helpers.js';
import { runbook, stepEnds, useSessions, waitFor } from './session-harness.js';

const workspace = useSessions();
const marker = useMarkers();

describe('timeouts', () => {
  it('a step Timeout ends the command, fails the step and stops the run', async () => {
    const ws = workspace();
    const name = marker('step-timeout');
    ws.write('t.md', runbook('Timeout', [
      ['Hangs', `- **Command:** \`${sleeper(name)}\``, '- **Timeout:** 1s'],
      ['After', '- **Command:** `touch after.txt`'],
    ]));
    const result = await ws.exec('t.md');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[1\] timed-out: timed out after 1s/);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'timed-out', 2: 'not-run' });
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'timed-out', exitCode: 1 });
    expect(ws.exists('after.txt')).toBe(false);
    expect(processesMatching(name)).toEqual([]);
  });

  it('a plain `sleep 30` with `Timeout: 1s` is ended too', async () => {
    const ws = workspace();
    ws.write('t.md', runbook('Timeout', [['Sleeps', '- **Command:** `sleep 30`', '- **Timeout:** 1s']]));
    const result = await ws.exec('t.md', { record: false });
    expect(result.code).toBe(1);
    const end = ws.journal().find((e) => e.type === 'command-end');
    expect(end?.type === 'command-end' && end.result).toMatchObject({ timedOut: true, signal: 'SIGTERM', exitCode: null });
  });

  it('--timeout limits the whole run: the running step is ended, the rest not run', async () => {
    const ws = workspace();
    const name = marker('run-timeout');
    ws.write('t.md', runbook('Global timeout', [
      ['Quick', '- **Command:** `echo quick`'],
      ['Hangs', `- **Command:** \`${sleeper(name)}\``],
      ['After', '- **Command:** `touch after.txt`'],
    ]));
    const result = await ws.exec('t.md', { timeout: '5s' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("[2] timed-out: the run's time limit of 5s ran out");
    expect(stepEnds(ws.journal())).toEqual({ 1: 'passed', 2: 'timed-out', 3: 'not-run' });
    expect(ws.exists('after.txt')).toBe(false);
    expect(processesMatching(name)).toEqual([]);
  });

  it('a retried step with its own Timeout is tried again after a timeout', async () => {
    const ws = workspace();
    ws.write('t.md', runbook('Timeout and retry', [['Hangs', '- **Command:** `echo try >> tries; sleep 30`', '- **Timeout:** 1s', '- **Retries:** 1, 100ms apart']]));
    const result = await ws.exec('t.md', { record: false });
    expect(result.code).toBe(1);
    expect(ws.journal().filter((e) => e.type === 'command-end' && e.result.timedOut)).toHaveLength(2);
    expect(result.stdout).toContain('timed out after 1s (2 attempts)');
  });
});

describe('background processes', () => {
  it('a step that starts `sleep 1000 &` leaves no process behind', async () => {
    const ws = workspace();
    const name = marker('background');
    ws.write('bg.md', runbook('Background', [
      ['Starts a daemon', `- **Command:** \`${sleeper(name)} & echo started\``, '- **Expected Outcome:** `stdout contains "started"`'],
      ['Next', '- **Command:** `echo next`'],
    ]));
    const result = await ws.exec('bg.md');
    expect(result.code).toBe(0);
    expect(processesMatching(name)).toEqual([]);
  });

  it('a background child that ignores TERM and closed its output is killed too', async () => {
    const ws = workspace();
    const name = marker('stubborn');
    ws.write('bg.md', runbook('Stubborn', [[
      'Starts a stubborn daemon',
      // The shell waits until the child ignores TERM, so the test is about that child.
      `- **Command:** \`(trap '' TERM; touch ready; exec -a ${name} sleep 1000) >/dev/null 2>&1 & until [ -e ready ]; do sleep 0.05; done; echo started\``,
    ]]));
    const result = await ws.exec('bg.md', { record: false }, { env: { RUNBOOK_KILL_GRACE_MS: '500' } });
    expect(result.code).toBe(0);
    expect(processesMatching(name)).toEqual([]);
  });
});

describe('processes in other process groups', () => {
  it('a step Timeout ends a child that `timeout` put in a process group of its own', async () => {
    const ws = workspace();
    const name = marker('timeout-group');
    ws.write('t.md', runbook('Timeout', [
      ['Waits', `- **Command:** \`timeout 600 ${sleeper(name)}\``, '- **Timeout:** 1s'],
      ['After', '- **Command:** `touch after.txt`'],
    ]));
    const result = await ws.exec('t.md', { record: false });
    expect(result.code).toBe(1);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'timed-out', 2: 'not-run' });
    expect(processesMatching(name)).toEqual([]);
  });

  it('the end of a step ends a job that `set -m` started in another process group', async () => {
    const ws = workspace();
    const name = marker('set-m');
    ws.write('m.md', runbook('Job control', [['Starts a job', `- **Command:** \`set -m; ${sleeper(name)} & echo started\``]]));
    const result = await ws.exec('m.md', { record: false });
    expect(result.code).toBe(0);
    expect(processesMatching(name)).toEqual([]);
  });

  it('an interrupt ends every process group of the running step', async () => {
    const ws = workspace();
    const name = marker('interrupt-groups');
    ws.write('i.md', runbook('Groups', [['Waits', `- **Command:** \`set -m; ${sleeper(name)} & timeout 600 ${sleeper(name)}\``]]));
    const run = ws.start('i.md', { record: false });
    const sleepers = () => processesMatching(name).filter((line) => line.split(' ')[1] === name);
    await waitFor(() => sleepers().length === 2, 'both sleepers to start');
    run.interrupt();
    expect((await run.done).code).toBe(130);
    expect(processesMatching(name)).toEqual([]);
  });

  it('a process that left the session with `setsid` is ended with its step, and the journal names it', async () => {
    const ws = workspace();
    const name = marker('setsid');
    // The shell waits until the sleeper runs, that is until it has left the session.
    ws.write('s.md', runbook('Escape', [['Leaves the session', `- **Command:** \`setsid ${sleeper(name)} & until pgrep -f '^${name}' >/dev/null; do sleep 0.05; done; echo started\``], ['Next', '- **Command:** `echo next`']]));
    const result = await ws.exec('s.md', { record: false });
    expect(result.code).toBe(0);
    expect(processesMatching(name)).toEqual([]);
    const found = ws.journal().filter((e) => e.type === 'processes').flatMap((e) => (e.type === 'processes' ? e.processes : []));
    // Step 1's shell, the process that made a session of its own, step 2's shell.
    expect(found.filter((p) => p.session)).toHaveLength(3);
  });

  it('a double fork that stays in the session is ended too', async () => {
    const ws = workspace();
    const name = marker('double-fork');
    ws.write('d.md', runbook('Double fork', [['Forks twice', `- **Command:** \`( ${sleeper(name)} & ) ; echo forked\``]]));
    expect((await ws.exec('d.md', { record: false })).code).toBe(0);
    expect(processesMatching(name)).toEqual([]);
  });

  it('the journal names the session each command ran in', async () => {
    const ws = workspace();
    ws.write('p.md', runbook('Pids', [['Echo', '- **Command:** `echo $$ > pid.txt`']]));
    expect((await ws.exec('p.md', { record: false })).code).toBe(0);
    const processes = ws.journal().filter((e) => e.type === 'processes');
    expect(processes).toEqual([expect.objectContaining({ stepId: '1', processes: [{ pid: Number(ws.read('pid.txt')), startTime: expect.any(Number), session: true }] })]);
  });
});

describe('interrupts', () => {
  it('a second interrupt quits at once, killing a step that ignores TERM, and still closes the journal', async () => {
    const ws = workspace();
    const name = marker('sigint-twice');
    ws.write('long.md', runbook('Stubborn', [
      ['Ignores TERM', `- **Command:** \`trap '' TERM; echo long-step-started; exec -a ${name} sleep 1000\``],
      ['After', '- **Command:** `touch after.txt`'],
    ]));
    // A grace period far longer than the test may take: only the second interrupt can end this run.
    const run = ws.start('long.md', {}, { env: { RUNBOOK_KILL_GRACE_MS: '600000' } });
    await waitFor(() => run.output().stdout.includes('long-step-started') && processesMatching(name).length > 0, 'the long step to start');
    run.interrupt();
    await waitFor(() => run.output().stderr.includes('interrupted'), 'the first interrupt to be seen');
    expect(processesMatching(name)).not.toEqual([]);
    run.interrupt();
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(run.exits).toEqual([130]);
    expect(processesMatching(name)).toEqual([]);
    expect(ws.exists('after.txt')).toBe(false);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'aborted', exitCode: 130 });
    expect(ws.artefacts().some((a) => a.path.endsWith('.lock'))).toBe(false);
  });

  it('SIGTERM stops the run the same way', async () => {
    const ws = workspace();
    const name = marker('sigterm');
    ws.write('long.md', runbook('Long', [
      ['Long step', `- **Command:** \`echo long-step-started; ${sleeper(name)}\``],
      ['After', '- **Command:** `touch after.txt`'],
    ]));
    const run = ws.start('long.md', { record: false });
    await waitFor(() => processesMatching(name).length > 0, 'the long step to start');
    run.interrupt();
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(processesMatching(name)).toEqual([]);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'aborted' });
  });

  it('a signal while the record is written finishes the record, the journal and the lock first', async () => {
    const ws = workspace();
    ws.write('r.md', runbook('Record', [['Hello', '- **Command:** `echo hello`']]));
    let signalled = false;
    const result = await ws.exec('r.md', { record: '-' }, {
      onStdout: (text, interrupt) => {
        // The record's first line (its frontmatter): the signal lands while it is written.
        if (!signalled && text.startsWith('---\n')) {
          signalled = true;
          interrupt();
        }
      },
    });
    expect(signalled).toBe(true);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('runbook: interrupted while finishing; the journal, the drill record and the lock are finished first\n');
    expect(result.stdout).toContain('## Steps');
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'passed' });
    expect(ws.locks()).toEqual([]);
  });

  it('the process interrupts a run on SIGINT, SIGTERM and SIGHUP, until the handler is removed', () => {
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const before = signals.map((s) => process.listenerCount(s));
    const seen: number[] = [];
    const remove = processIO().onInterrupt(() => seen.push(seen.length));
    // emit calls the listeners without a real signal reaching the test process.
    for (const signal of signals) process.emit(signal, signal);
    remove();
    expect(seen).toEqual([0, 1, 2]);
    expect(signals.map((s) => process.listenerCount(s))).toEqual(before);
  });
});
