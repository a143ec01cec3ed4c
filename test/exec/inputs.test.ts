// What goes into a run and what comes out of it, in-process: values that try to inject shell,
// missing values, gated steps, secrets in every artefact, NDJSON output and concurrent steps.
// (Answering at a real terminal and a closed stdout: test/cli/exec-inputs.test.ts.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/model/events.js';
import { parseNdjson } from '../cli/exec-helpers.js';
import { runbook, stepEnds, useSessions } from './session-harness.js';

const workspace = useSessions();

describe('values', () => {
  it('inserts a value as one literal word: `x; touch PWNED` is printed, not run', async () => {
    const ws = workspace();
    ws.write('echo.md', runbook('Echo', [['Echo', '- **Command:** `echo <release-name>`']]));
    const result = await ws.exec('echo.md', { set: ['release-name=x; touch PWNED'] });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[1] │ x; touch PWNED');
    expect(ws.exists('PWNED')).toBe(false);
  });

  it('a missing value stops the run before its first step, naming it with file:line:col', async () => {
    const ws = workspace();
    ws.write('missing.md', runbook('Missing', [
      ['First', '- **Command:** `touch ran.txt`'],
      ['Uses a value', '- **Command:** `helm history <release-name>`'],
    ]));
    const result = await ws.exec('missing.md', { yes: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no value for <release-name> \(used at missing\.md:9:\d+\)/);
    expect(result.stderr).toContain('--set release-name=');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.journals()).toEqual([]);
    expect(ws.exists('docs')).toBe(false);
  });

  it('a value failing its pattern is refused before anything runs', async () => {
    const ws = workspace();
    ws.write('pattern.md', runbook('Pattern', [['First', '- **Command:** `touch ran.txt`'], ['Uses', '- **Command:** `echo <name>`']], `
params:
  name:
    pattern: '^[a-z]+$'
`));
    const result = await ws.exec('pattern.md', { set: ['name=Not Valid'] });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('<name>');
    expect(ws.exists('ran.txt')).toBe(false);
  });
});

describe('gated steps', () => {
  const fakeHelm = '#!/bin/bash\necho "helm $*"\necho "Rollback was a success! Happy Helming!"\ntouch "$HELM_MARK"\n';
  const gated = runbook('Gated', [
    ['First', '- **Command:** `touch ran.txt`'],
    ['Roll back', '- **Command:** `helm rollback web 2`', '- **Expected Outcome:** `stdout contains "Rollback was a success"`'],
  ]);

  it('without a terminal and without --yes: exit 2, nothing ran', async () => {
    const ws = workspace();
    ws.write('bin/helm', fakeHelm, { executable: true });
    ws.write('gated.md', gated);
    const result = await ws.exec('gated.md', {}, { path: ['bin'], env: { HELM_MARK: `${ws.dir}/helm-ran` } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/2 asks before it runs \(helm rollback/);
    expect(result.stderr).toContain('--yes');
    expect(ws.exists('ran.txt')).toBe(false);
    expect(ws.exists('helm-ran')).toBe(false);
  });

  it('with --yes it runs, and the approval is in the journal', async () => {
    const ws = workspace();
    ws.write('bin/helm', fakeHelm, { executable: true });
    ws.write('gated.md', gated);
    const result = await ws.exec('gated.md', { yes: true }, { path: ['bin'], env: { HELM_MARK: `${ws.dir}/helm-ran` } });
    expect(result.code).toBe(0);
    expect(ws.exists('helm-ran')).toBe(true);
    expect(ws.journal().find((e) => e.type === 'gate')).toMatchObject({ stepId: '2', approved: true });
  });

  it('`Confirm: yes` gates a harmless command the same way', async () => {
    const ws = workspace();
    ws.write('confirm.md', runbook('Confirm', [['First', '- **Command:** `touch ran.txt`'], ['Asks', '- **Confirm:** yes', '- **Command:** `touch confirmed.txt`']]));
    const refused = await ws.exec('confirm.md');
    expect(refused.code).toBe(2);
    expect(ws.exists('ran.txt')).toBe(false);
    const approved = await ws.exec('confirm.md', { yes: true });
    expect(approved.code).toBe(0);
    expect(ws.exists('confirmed.txt')).toBe(true);
  });
});

describe('secrets', () => {
  it('a secret param and a token in the environment appear in no output, journal, log or record', async () => {
    const ws = workspace();
    const secret = 'hunter2-Pa55"word$x';
    const token = 'tok-0123456789-abcdef';
    ws.write('secret.md', runbook('Secrets', [
      ['Uses them', '- **Command:** `echo "pw=<db-password> token=$API_TOKEN"; echo "stderr <db-password>" >&2`', '- **Expected Outcome:** `stdout contains "pw="`', '- **Capture:** `leak`'],
      ['Echoes the capture', '- **Command:** `echo <leak>`'],
      ['Fails showing it', '- **Command:** `echo "<db-password>"; exit 3`'],
    ], `
params:
  db-password:
    description: the database password
    secret: true
`));
    for (const json of [false, true]) {
      const result = await ws.exec('secret.md', { set: [`db-password=${secret}`], junit: 'junit.xml', json }, { env: { API_TOKEN: token } });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('***');
      for (const text of [result.stdout, result.stderr]) {
        expect(text).not.toContain('hunter2');
        expect(text).not.toContain(token);
      }
    }
    const artefacts = [...ws.artefacts(), { path: 'junit.xml', text: readFileSync(`${ws.dir}/junit.xml`, 'utf8') }];
    expect(artefacts.filter((a) => a.path.endsWith('.log')).length).toBeGreaterThan(0);
    expect(artefacts.filter((a) => a.path.endsWith('journal.jsonl'))).toHaveLength(2);
    expect(artefacts.filter((a) => a.path.includes('rollback-drills'))).toHaveLength(2);
    for (const { path, text } of artefacts) {
      expect(text, path).not.toContain('hunter2');
      expect(text, path).not.toContain(token);
    }
  });
});

describe('--json and --concurrency', () => {
  it('--json prints only NDJSON events on stdout; the human lines go to stderr', async () => {
    const ws = workspace();
    ws.write('json.md', runbook('Json', [
      ['Talks', '- **Command:** `echo "{not json"; echo "to stderr" >&2`'],
      ['Fails', '- **Command:** `exit 1`'],
    ]));
    const result = await ws.exec('json.md', { json: true });
    expect(result.code).toBe(1);
    const events = parseNdjson(result.stdout);
    expect(events[0]?.type).toBe('run-start');
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'failed' });
    expect(events).toContainEqual(expect.objectContaining({ type: 'step-output', stepId: '1', stream: 'stdout', line: '{not json' }));
    expect(result.stderr).toContain('[1] │ {not json');
  });

  it('--json with --record - is refused: the record would land among the events', async () => {
    const ws = workspace();
    ws.write('json.md', runbook('Json', [['One', '- **Command:** `touch ran.txt`']]));
    const result = await ws.exec('json.md', { json: true, record: '-' });
    expect(result.code).toBe(2);
    expect(ws.exists('ran.txt')).toBe(false);
  });

  it('--concurrency 2 runs two independent steps at once, each output attributed to its step', async () => {
    const ws = workspace();
    // Each step waits for the other to have started: they can only finish if both run at once.
    const step = (me: string, other: string) =>
      `touch ${me}.started; for i in $(seq 1 600); do [ -e ${other}.started ] && break; sleep 0.05; done; [ -e ${other}.started ] || exit 9; for i in 1 2 3 4 5; do echo ${me}-line-$i; echo ${me}-err-$i >&2; sleep 0.02; done`;
    ws.write('two.md', runbook('Concurrent', [
      ['Left', '- **Depends on:** none', `- **Command:** \`${step('left', 'right')}\``],
      ['Right', '- **Depends on:** none', `- **Command:** \`${step('right', 'left')}\``],
    ]));
    const result = await ws.exec('two.md', { concurrency: '2', json: true });
    expect(result.code).toBe(0);
    const events = parseNdjson(result.stdout);
    const output = events.filter((e): e is Extract<RunEvent, { type: 'step-output' }> => e.type === 'step-output');
    expect(output).toHaveLength(20);
    for (const e of output) expect(e.line.startsWith(e.stepId === '1' ? 'left-' : 'right-')).toBe(true);
    const startedBeforeEnd = events.findIndex((e) => e.type === 'step-start' && e.stepId === '2') < events.findIndex((e) => e.type === 'step-end' && e.stepId === '1');
    expect(startedBeforeEnd).toBe(true);
    expect(stepEnds(events)).toEqual({ 1: 'passed', 2: 'passed' });
  });
});
