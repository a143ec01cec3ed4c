// `runbook exec` as a user runs it: the exit codes 0, 1 and 2 and what each prints. The many
// finer cases (matchers, transcripts, retries, selection, refused input) run in-process in
// test/exec/outcomes.test.ts.
import { describe, expect, it } from 'vitest';
import { runbook, stepEnds, useCli } from './exec-helpers.js';

const { workspace } = useCli();

describe('runbook exec: pass and fail', () => {
  it('exits 0 when every step passes, and writes a journal and a drill record', async () => {
    const ws = workspace();
    ws.write('ok.md', runbook('All good', [
      ['First', '- **Command:** `echo first`', '- **Expected Outcome:** `stdout contains "first"`'],
      ['Second', '- **Command:** `echo second > second.txt`'],
    ]));
    const result = await ws.exec(['ok.md']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[1] ✔ verified: stdout contains "first"');
    expect(result.stdout).toMatch(/^run passed/m);
    expect(ws.exists('second.txt')).toBe(true);
    const events = ws.journal();
    expect(stepEnds(events)).toEqual({ 1: 'passed', 2: 'passed' });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'passed', exitCode: 0 });
    const record = ws.artefacts().find((a) => a.path.includes('rollback-drills'));
    expect(record?.text).toContain('All good');
  });

  it('exits 1 at the first failing step and marks the later ones not run', async () => {
    const ws = workspace();
    ws.write('fail.md', runbook('Fails', [
      ['First', '- **Command:** `echo one`'],
      ['Broken', '- **Command:** `echo about to fail; exit 7`'],
      ['Third', '- **Command:** `touch third.txt`'],
      ['Fourth', '- **Command:** `touch fourth.txt`'],
    ]));
    const result = await ws.execInProcess(['fail.md']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('[2] ✖ failed: exit 0 — exit code 7');
    expect(result.stdout).toMatch(/\[3\] not-run: not run: 2 failed/);
    expect(ws.exists('third.txt')).toBe(false);
    expect(ws.exists('fourth.txt')).toBe(false);
    const events = ws.journal();
    expect(stepEnds(events)).toEqual({ 1: 'passed', 2: 'failed', 3: 'not-run', 4: 'not-run' });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'failed', exitCode: 1 });
  });
});

describe('runbook exec: bad input', () => {
  it('exits 2 with one message for a bad flag value, a missing file and a runbook with lint errors', async () => {
    const ws = workspace();
    ws.write('ok.md', runbook('Ok', [['One', '- **Command:** `touch one.txt`']]));
    ws.write('bad.md', runbook('Bad', [['One', '- **Command:** `touch one.txt`', '- **Timeout:** soon']]));
    for (const args of [['ok.md', '--timeout', 'soon'], ['ok.md', '--concurrency', '0'], ['missing.md'], ['bad.md']]) {
      const result = await ws.execInProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^runbook: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(ws.exists('one.txt')).toBe(false);
  });
});
