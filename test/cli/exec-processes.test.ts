// A real engine process: a real SIGINT stops the run cleanly, and a step that prints a lot does not
// grow the engine's memory. Behaviour only: every wait is generous and no duration is asserted.
// Timeouts, background children and repeated interrupts run in-process: test/exec/processes.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processesMatching, runbook, sleeper, stepEnds, useCli, useMarkers, waitFor } from './exec-helpers.js';

const { workspace } = useCli();
const marker = useMarkers();

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
