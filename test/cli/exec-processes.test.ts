// What `runbook exec` does to the processes it starts: timeouts end them, background children do
// not outlive their step, Ctrl-C stops the run cleanly, and a step that prints a lot does not
// grow the engine's memory. Behaviour only: every wait is generous and no duration is asserted.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { killMatching, processesMatching, runbook, stepEnds, uniqueMarker, useCli, waitFor } from './exec-helpers.js';

const { workspace } = useCli();
const markers: string[] = [];
const marker = (name: string): string => {
  const m = uniqueMarker(name);
  markers.push(m);
  return m;
};
afterEach(() => {
  for (const m of markers.splice(0)) killMatching(m);
});

/** A shell snippet running `sleep 1000` under the name `name`, so pgrep can find exactly it. */
const sleeper = (name: string): string => `bash -c 'exec -a ${name} sleep 1000'`;

describe('runbook exec: timeouts', () => {
  it('a step Timeout ends the command, fails the step and stops the run', async () => {
    const ws = workspace();
    const name = marker('step-timeout');
    ws.write('t.md', runbook('Timeout', [
      ['Hangs', `- **Command:** \`${sleeper(name)}\``, '- **Timeout:** 1s'],
      ['After', '- **Command:** `touch after.txt`'],
    ]));
    const result = await ws.exec(['t.md']);
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
    const result = await ws.exec(['t.md', '--no-record']);
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
    const result = await ws.exec(['t.md', '--timeout', '5s']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("[2] timed-out: the run's time limit of 5s ran out");
    expect(stepEnds(ws.journal())).toEqual({ 1: 'passed', 2: 'timed-out', 3: 'not-run' });
    expect(ws.exists('after.txt')).toBe(false);
    expect(processesMatching(name)).toEqual([]);
  });

  it('a retried step with its own Timeout is tried again after a timeout', async () => {
    const ws = workspace();
    ws.write('t.md', runbook('Timeout and retry', [['Hangs', '- **Command:** `echo try >> tries; sleep 30`', '- **Timeout:** 1s', '- **Retries:** 1, 100ms apart']]));
    const result = await ws.exec(['t.md', '--no-record']);
    expect(result.code).toBe(1);
    expect(ws.journal().filter((e) => e.type === 'command-end' && e.result.timedOut)).toHaveLength(2);
    expect(result.stdout).toContain('timed out after 1s (2 attempts)');
  });
});

describe('runbook exec: background processes', () => {
  it('a step that starts `sleep 1000 &` leaves no process behind', async () => {
    const ws = workspace();
    const name = marker('background');
    ws.write('bg.md', runbook('Background', [
      ['Starts a daemon', `- **Command:** \`${sleeper(name)} & echo started\``, '- **Expected Outcome:** `stdout contains "started"`'],
      ['Next', '- **Command:** `echo next`'],
    ]));
    const result = await ws.exec(['bg.md']);
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
    const result = await ws.exec(['bg.md', '--no-record'], { env: { RUNBOOK_KILL_GRACE_MS: '500' } });
    expect(result.code).toBe(0);
    expect(processesMatching(name)).toEqual([]);
  });
});

describe('runbook exec: Ctrl-C', () => {
  const longRun = (name: string) => runbook('Long', [
    ['Long step', `- **Command:** \`echo long-step-started; ${sleeper(name)}\``],
    ['After', '- **Command:** `touch after.txt`'],
  ]);

  it('the first SIGINT ends the running step, skips the rest, writes journal and record, exits 130', async () => {
    const ws = workspace();
    const name = marker('sigint');
    ws.write('long.md', longRun(name));
    const run = ws.start(['long.md']);
    await waitFor(() => run.output().stdout.includes('long-step-started') && processesMatching(name).length > 0, 'the long step to start');
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('interrupted');
    expect(processesMatching(name)).toEqual([]);
    expect(ws.exists('after.txt')).toBe(false);
    const events = ws.journal();
    expect(stepEnds(events)).toEqual({ 1: 'interrupted', 2: 'not-run' });
    const end = events.at(-1);
    expect(end).toMatchObject({ type: 'run-end', status: 'aborted', exitCode: 130 });
    const recordPath = end?.type === 'run-end' ? end.recordPath : undefined;
    expect(recordPath).toBeDefined();
    expect(readFileSync(`${ws.dir}/${recordPath}`, 'utf8')).toMatch(/abort/i);
    expect(ws.artefacts().some((a) => a.path.endsWith('.lock'))).toBe(false);
  });

  it('a second SIGINT quits at once, killing a step that ignores TERM, and still closes the journal', async () => {
    const ws = workspace();
    const name = marker('sigint-twice');
    ws.write('long.md', runbook('Stubborn', [
      ['Ignores TERM', `- **Command:** \`trap '' TERM; echo long-step-started; exec -a ${name} sleep 1000\``],
      ['After', '- **Command:** `touch after.txt`'],
    ]));
    // A grace period far longer than the test may take: only the second Ctrl-C can end this run.
    const run = ws.start(['long.md'], { env: { RUNBOOK_KILL_GRACE_MS: '600000' } });
    await waitFor(() => run.output().stdout.includes('long-step-started') && processesMatching(name).length > 0, 'the long step to start');
    run.child.kill('SIGINT');
    await waitFor(() => run.output().stderr.includes('interrupted'), 'the first interrupt to be seen');
    expect(processesMatching(name)).not.toEqual([]);
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(processesMatching(name)).toEqual([]);
    expect(ws.exists('after.txt')).toBe(false);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'aborted', exitCode: 130 });
    expect(ws.artefacts().some((a) => a.path.endsWith('.lock'))).toBe(false);
  });

  it('SIGTERM stops the run the same way', async () => {
    const ws = workspace();
    const name = marker('sigterm');
    ws.write('long.md', longRun(name));
    const run = ws.start(['long.md', '--no-record']);
    await waitFor(() => processesMatching(name).length > 0, 'the long step to start');
    run.child.kill('SIGTERM');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(processesMatching(name)).toEqual([]);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'aborted' });
  });
});

describe('runbook exec: a step that prints 200 MB', () => {
  it('finds text printed at the very end, keeps memory modest and logs all of it', async () => {
    const ws = workspace();
    ws.write('big.md', runbook('Big output', [[
      'Prints a lot',
      "- **Command:** `head -c 200000000 /dev/zero | tr '\\0' 'x' | fold -w 100; echo; echo THE-VERY-END`",
      '- **Expected Outcome:** `stdout contains "THE-VERY-END"`',
    ]]));
    const run = ws.start(['big.md']);
    const pid = run.child.pid as number;
    let peakKb = 0;
    const sample = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // The process has exited.
      }
    }, 100);
    const result = await run.done.finally(() => clearInterval(sample));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ verified: stdout contains "THE-VERY-END"');
    expect(peakKb).toBeGreaterThan(0);
    expect(peakKb).toBeLessThan(300 * 1024);
    // Shown output is bounded; the log file has every line.
    expect(result.stdout.length).toBeLessThan(5_000_000);
    const end = ws.journal().find((e) => e.type === 'command-end');
    expect(end?.type === 'command-end' && end.result.stdoutBytes).toBeGreaterThan(200_000_000);
  }, 180_000);
});
