// Gates asked at their turn, in-process at a scripted terminal (plain lines, questions on
// stderr): the question comes when the step is about to run, showing the command as it will run
// (a capture filled in, a secret masked) and why; y runs it, s skips it (the run goes on, and only
// what needs its capture is not run), a or n aborts, and Ctrl-C at the question aborts at once
// with the record written. Without a terminal: --yes approves every gate before the run, else
// exit 2 listing each gated command. (The same in a real terminal, drawn: test/e2e/terminal.test.ts.)
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/events.js';
import { runbook, stepEnds, useSessionEach, waitFor, type SessionWorkspace, type Started } from './session-harness.js';

let ws: SessionWorkspace;
useSessionEach((workspace) => (ws = workspace));

const gated = runbook('Gated', [
  ['Find the revision', '- **Command:** `echo 41`', '- **Capture:** `revision`'],
  ['Roll back', '- **Command:** `echo "rollback <release> <revision> --token <token>" > rolled-back.txt; echo done`', '- **Confirm:** yes', '- **Capture:** `rolled`'],
  ['Tell the team', '- **Command:** `touch told.txt`'],
  ['Check the rollback', '- **Command:** `echo "checked <rolled>" > checked.txt`'],
], 'params:\n  release:\n    default: web\n  token:\n    secret: true');

const question = [
  '2 Roll back asks first (Confirm: yes):',
  '  $ echo "rollback web 41 --token ***" > rolled-back.txt; echo done',
  '  [y] run  [s] skip  [a] abort ',
].join('\n');

/** Starts the gated run at a terminal and waits for the gate's question. */
async function atTheGate(): Promise<Started> {
  const run = ws.start('g.md', { set: ['token=s3cret-token-value'], operator: 'alice' }, { terminal: true });
  await waitFor(() => run.output().stderr.includes(question), 'the gate question');
  return run;
}

const gates = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'gate' ? [{ stepId: e.stepId, approved: e.approved, by: e.by, decision: e.decision }] : []));

describe('a gate asked at its turn', () => {
  it('comes when the step is about to run, with the command as it will run; y runs it', async () => {
    ws.write('g.md', gated);
    const run = await atTheGate();
    // Asked at its turn: the step before it has run, nothing of it or after it has.
    expect(stepEnds(ws.journal())).toEqual({ 1: 'passed' });
    expect(ws.exists('rolled-back.txt')).toBe(false);
    run.type('y');
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${question}run\n`);
    expect(result.stderr).not.toContain('s3cret-token-value');
    expect(ws.read('rolled-back.txt')).toBe('rollback web 41 --token s3cret-token-value\n');
    expect(gates(ws.journal())).toEqual([{ stepId: '2', approved: true, by: 'alice', decision: 'approved' }]);
    expect(result.stdout).toContain('[2] approved: Confirm: yes (by alice)');
  });

  it('s skips the step, recorded; the run goes on, and only a step that needs its capture is not run', async () => {
    ws.write('g.md', gated);
    const run = await atTheGate();
    run.type('s');
    const result = await run.done;
    // A step left out is not a pass (SPEC §4): incomplete, exit 3, saying which and why.
    expect(result.code).toBe(3);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'passed', 2: 'skipped', 3: 'passed', 4: 'not-run' });
    const ends = Object.fromEntries(ws.journal().flatMap((e) => (e.type === 'step-end' ? [[e.stepId, e.reason]] : [])));
    expect(ends['2']).toBe('skipped by alice at its gate');
    expect(ends['4']).toBe('not run: it needs <rolled>, which 2 was to capture; 2 was skipped at its gate');
    expect(ws.exists('rolled-back.txt')).toBe(false);
    expect(ws.exists('told.txt')).toBe(true);
    expect(gates(ws.journal())).toEqual([{ stepId: '2', approved: false, by: 'alice', decision: 'skipped' }]);
    expect(result.stdout).toContain('[2] skipped at its gate: Confirm: yes (by alice)');
    const why = '2 skipped at its gate; 4 not run: it needs a capture of a skipped step';
    expect(result.stdout).toMatch(new RegExp(`^run incomplete in [0-9.]+s: ${why}$`, 'm'));
    expect(ws.journal().find((e) => e.type === 'run-end')).toMatchObject({ status: 'incomplete', exitCode: 3 });
    expect(ws.records()).toHaveLength(1);
    expect(ws.read(`docs/releases/rollback-drills/${ws.records()[0]}`)).toContain(`Incomplete: ${why}; 2 of 4 steps passed.`);
  });

  it.each(['a', 'n'])('%s aborts the run: exit 130, nothing after it runs, the record says who', async (key) => {
    ws.write('g.md', gated);
    const run = await atTheGate();
    run.type(key);
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'passed', 2: 'not-run', 3: 'not-run', 4: 'not-run' });
    expect(ws.exists('told.txt')).toBe(false);
    expect(gates(ws.journal())).toEqual([{ stepId: '2', approved: false, by: 'alice', decision: 'aborted' }]);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'aborted', exitCode: 130, reason: 'alice aborted the run at the gate of 2' });
    expect(result.stdout).toMatch(/^run aborted in \S+: alice aborted the run at the gate of 2$/m);
    expect(ws.records()).toHaveLength(1);
    expect(ws.locks()).toEqual([]);
  });

  it.each([
    ['Ctrl-C typed at the question', (run: Started) => run.type('\u0003')],
    ['SIGTERM while the question is open', (run: Started) => run.interrupt()],
  ])('%s aborts cleanly and at once: exit 130, the record written', async (_, stop) => {
    ws.write('g.md', gated);
    const run = await atTheGate();
    stop(run);
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(run.exits).toEqual([]);
    expect(stepEnds(ws.journal())).toEqual({ 1: 'passed', 2: 'not-run', 3: 'not-run', 4: 'not-run' });
    expect(gates(ws.journal())).toEqual([]);
    expect(ws.journal().at(-1)).toMatchObject({ type: 'run-end', status: 'aborted', exitCode: 130 });
    expect(ws.records()).toHaveLength(1);
    expect(ws.exists('rolled-back.txt')).toBe(false);
  });
});

describe('gates without a terminal', () => {
  it('stop the run before anything runs, listing each gated command as it would run', async () => {
    ws.write('g.md', gated);
    const result = await ws.exec('g.md', { set: ['token=s3cret-token-value'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe([
      'runbook: nothing was run:',
      '  - 2 asks before it runs (Confirm: yes); run in a terminal to answer it at its turn, or pass --yes:',
      '      $ echo "rollback web <revision> --token ***" > rolled-back.txt; echo done',
      '',
    ].join('\n'));
    expect(ws.journals()).toEqual([]);
  });

  it('--yes approves every gate before the run, each recorded as approved by --yes', async () => {
    ws.write('g.md', gated);
    const result = await ws.exec('g.md', { set: ['token=s3cret-token-value'], yes: true, operator: 'bob' });
    expect(result.code).toBe(0);
    expect(gates(ws.journal())).toEqual([{ stepId: '2', approved: true, by: 'bob (--yes)', decision: undefined }]);
    const events = ws.journal();
    expect(events.findIndex((e) => e.type === 'gate')).toBeLessThan(events.findIndex((e) => e.type === 'step-start'));
  });

  it('--yes at a terminal asks nothing either', async () => {
    ws.write('g.md', gated);
    const result = await ws.exec('g.md', { set: ['token=s3cret-token-value'], yes: true }, { terminal: true });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('asks first');
  });
});
