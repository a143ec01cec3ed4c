import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEventSchema, type PlannedStep, type RunEvent } from '../../src/model/events.js';
import { buildRecordContext } from '../../src/record/build-record-context.js';
import { readJournal } from './read-journal.js';

const fixture = (name: string): RunEvent[] => readJournal(join(import.meta.dirname, 'fixtures', name, 'events.jsonl'));
const at = (s: number): string => new Date(Date.UTC(2026, 10, 26, 9, 0, s)).toISOString();
const step = (id: string, more: Partial<PlannedStep> = {}): PlannedStep => ({
  id,
  title: `Step ${id}`,
  actions: [],
  commands: [`echo ${id}`],
  expected: [],
  attestations: [],
  dependsOn: [],
  ...more,
});
const start = (steps: PlannedStep[], more: Record<string, unknown> = {}): unknown => ({
  type: 'run-start',
  time: at(0),
  runId: 'run-1',
  runbookPath: 'runbooks/x.md',
  runbookTitle: 'X',
  sha256: 'abc',
  gitCommit: null,
  engineVersion: '0.1.0',
  mode: 'live',
  operator: 'ops',
  params: {},
  steps,
  ...more,
});
const result = (command: string, s: number, exitCode: number, more: Record<string, unknown> = {}): Record<string, unknown> => ({
  command,
  displayCommand: command,
  cwd: '/',
  startedAt: at(s),
  durationMs: 1000,
  exitCode,
  signal: null,
  timedOut: false,
  failed: exitCode !== 0,
  stdout: '',
  stderr: '',
  stdoutBytes: 0,
  stderrBytes: 0,
  ...more,
});
const events = (...raw: unknown[]): RunEvent[] => raw.map((e) => runEventSchema.parse(e));

describe('buildRecordContext', () => {
  it('needs a run-start', () => {
    expect(() => buildRecordContext([])).toThrow(/no run-start/);
  });

  it('records a passing run', () => {
    const c = buildRecordContext(fixture('passed'));
    expect(c.totals.result).toBe('passed');
    expect(c.steps.every((s) => s.status === 'passed')).toBe(true);
    expect(c.issues).toEqual([]);
    expect(c.followUps).toEqual([]);
    // Without frontmatter `record.versions` no capture is read as a version, whatever its name.
    expect(c.versions.from).toEqual({ value: 'v1.4.0', capture: null, given: { source: 'release version', value: 'v1.4.0' }, conflict: false });
    expect(c.versions.to).toEqual({ value: 'v1.3.2', capture: null, given: { source: 'rollback target version', value: 'v1.3.2' }, conflict: false });
    expect(c.versions.lastKnownGood).toEqual({ value: null, capture: null, given: null, conflict: false });
    expect(c.waivers.map((w) => w.stepId)).toEqual(['B.2']);
    expect(c.gates).toEqual([expect.objectContaining({ stepId: 'A.2.2', approved: true, by: 'alice' })]);
    expect(c.totals.rollbackStepIds).toEqual(['A.2.2', 'B.1']);
    expect(c.totals.timeToRollbackMs).toBe(148_000);
  });

  it('records a failing run: the failed step, later steps not run, issues and follow-ups', () => {
    const c = buildRecordContext(fixture('failed'));
    expect(c.totals.result).toBe('failed');
    expect(c.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'failed', 'not-run', 'not-run', 'not-run', 'not-run', 'not-run']);
    expect(c.steps[3]?.actual).toBe('Not run: A.2.2 failed.');
    expect(c.issues.map((i) => i.kind)).toEqual(['outcome-unverified', 'step-failed']);
    expect(c.issues[1]?.text).toContain('Error: release: not found');
    expect(c.totals.timeToRollbackMs).toBeNull();
    expect(c.runbook.gitCommit).toBeNull();
  });

  it('records an aborted run', () => {
    const c = buildRecordContext(fixture('aborted'));
    expect(c.totals.result).toBe('aborted');
    expect(c.totals.exitCode).toBe(130);
    expect(c.steps.find((s) => s.id === 'A.3')?.status).toBe('interrupted');
    expect(c.issues.map((i) => i.kind)).toEqual(['step-interrupted', 'run-aborted']);
    // The deployment was rolled back before the abort; the data rollback never ran.
    expect(c.totals.timeToRollbackMs).toBe(36_000);
    expect(c.totals.timeToRollbackBasis).toMatch(/^partial: .*A\.2\.2.*; rollback step B\.1 not run$/);
  });

  it('records a journal cut short by SIGKILL: the running step and the run are interrupted', () => {
    const c = buildRecordContext(fixture('killed'));
    expect(c.totals.result).toBe('interrupted');
    expect(c.endedAt).toBeNull();
    expect(c.totals.exitCode).toBeNull();
    const killed = c.steps.find((s) => s.id === 'A.2.2');
    expect(killed).toMatchObject({ status: 'interrupted', startedAt: at(0).replace('09:00:00', '14:00:06'), endedAt: null, exitCode: null });
    expect(killed?.commands[0]?.state).toBe('interrupted');
    expect(killed?.outputExcerpt).toContain('Waiting for rollback');
    expect(c.steps.slice(3).every((s) => s.status === 'not-run')).toBe(true);
    expect(c.attempts[0]).toMatchObject({ endedAt: null, status: 'interrupted', durationMs: 21_000 });
    expect(c.followUps.at(-1)?.text).toContain('runbook resume 20261126T140000Z-k1ll3d');
  });

  it('records a resumed run: the latest attempt wins, every attempt keeps its times', () => {
    const c = buildRecordContext(fixture('resumed'));
    // The engine of this journal said passed; a waiver declined by a person is a failure all the same.
    expect(c.attempts.at(-1)?.status).toBe('passed');
    expect(c.totals.result).toBe('failed');
    expect(c.totals.summary).toBe('Failed: 1 statement declined; 8 of 8 steps passed over 2 attempts.');
    expect(c.attempts.map((a) => [a.attempt, a.status, a.operator])).toEqual([
      [1, 'interrupted', 'alice'],
      [2, 'passed', 'bob'],
    ]);
    expect(c.operator).toBe('alice, bob');
    const redeploy = c.steps.find((s) => s.id === 'A.2.2');
    expect(redeploy?.status).toBe('passed');
    expect(redeploy?.tries.map((t) => [t.runAttempt, t.status])).toEqual([
      [1, 'interrupted'],
      [2, 'passed'],
    ]);
    // Skipped on resume because it passed before: the earlier pass (and its capture) stands.
    const first = c.steps.find((s) => s.id === 'A.1');
    expect(first).toMatchObject({ status: 'passed', startedAt: '2026-11-26T14:00:01.000Z' });
    expect(first?.captures).toEqual([{ name: 'deployed-image', value: 'registry.example.com/checkout:v1.4.0' }]);
    expect(c.timeline.some((e) => e.stepId === 'A.1' && e.status === 'skipped' && e.attempt === 2)).toBe(true);
    expect(c.participants).toContain('Cy Diaz (observer)');
    expect(c.totals.durationMs).toBe(21_000 + 147_000);
    expect(c.totals.wallClockMs).toBe(1_347_000);
    // The try the first attempt lost stays an issue after the resume.
    expect(c.issues.map((i) => i.kind)).toEqual(['attempt-failed', 'attestation-declined']);
    expect(c.issues[0]?.text).toBe('Attempt 1: step A.2.2 (Redeploy Previous RC/GA) interrupted.');
    expect(c.followUps.map((f) => f.text)).toContain('Confirm the 4 statements left unconfirmed (steps B.3, D): at a terminal, or `runbook resume 20261126T140000Z-r35um3 --answers FILE`.');
    expect(c.followUps.every((f) => f.owner === null && f.due === null)).toBe(true);
    expect(c.signOff).toEqual([{ role: 'Drill lead', name: 'Alice Ng' }, { role: 'Service owner', name: 'Bo Chen' }, { role: 'Observer', name: 'Cy Diaz' }]);
  });

  it('records a dry run: every step planned, nothing measured, no issues', () => {
    const c = buildRecordContext(fixture('dry-run'));
    expect(c.mode).toBe('dry-run');
    expect(c.totals.result).toBe('planned');
    expect(c.steps.every((s) => s.status === 'planned')).toBe(true);
    expect(c.steps.flatMap((s) => s.outcomes).every((o) => o.verdict === 'planned')).toBe(true);
    expect(c.steps.flatMap((s) => s.commands).every((x) => x.state === 'planned')).toBe(true);
    expect([...c.attestations, ...c.waivers].every((a) => a.answer === 'planned')).toBe(true);
    expect(c.totals.timeToRollbackMs).toBeNull();
    expect(c.issues).toEqual([]);
    expect(c.followUps).toEqual([]);
  });

  it('counts retries within one attempt as tries, the last one winning', () => {
    const c = buildRecordContext(
      events(
        start([step('1')]),
        { type: 'step-start', time: at(1), stepId: '1', title: 'Step 1' },
        { type: 'command-end', time: at(2), stepId: '1', result: result('echo 1', 1, 1) },
        { type: 'step-start', time: at(3), stepId: '1', title: 'Step 1' },
        { type: 'command-end', time: at(4), stepId: '1', result: result('echo 1', 3, 0) },
        { type: 'step-end', time: at(4), stepId: '1', status: 'passed', durationMs: 1000, exitCode: 0 },
        { type: 'run-end', time: at(5), status: 'passed', exitCode: 0, durationMs: 5000 },
      ),
    );
    const s = c.steps[0];
    expect(s?.status).toBe('passed');
    expect(s?.attempts).toBe(2);
    expect(s?.tries.map((t) => [t.try, t.status, t.exitCode])).toEqual([
      [1, 'failed', 1],
      [2, 'passed', 0],
    ]);
    expect(s?.startedAt).toBe(at(3));
  });

  it('groups retried commands so later planned commands still show as not run', () => {
    const c = buildRecordContext(
      events(
        start([step('1', { commands: ['first', 'second'] })]),
        { type: 'step-start', time: at(1), stepId: '1', title: 'Step 1' },
        { type: 'command-end', time: at(2), stepId: '1', result: result('first', 1, 1) },
        { type: 'command-end', time: at(3), stepId: '1', result: result('first', 2, 1) },
        { type: 'step-end', time: at(3), stepId: '1', status: 'failed', durationMs: 2000, exitCode: 1 },
        { type: 'run-end', time: at(4), status: 'failed', exitCode: 1, durationMs: 4000 },
      ),
    );
    expect(c.steps[0]?.commands.map((x) => [x.command, x.state])).toEqual([
      ['first', 'completed'],
      ['first', 'completed'],
      ['second', 'not-run'],
    ]);
  });

  it('lets a matcher verdict speak for the prose its inline code sits in, and marks outcomes nobody judged', () => {
    const prose = 'The tag is shown: `stdout matches /v\\d+/`';
    const c = buildRecordContext(
      events(
        start([step('1', { expected: [prose, 'The pods settle.'] })]),
        { type: 'step-start', time: at(1), stepId: '1', title: 'Step 1' },
        { type: 'command-end', time: at(2), stepId: '1', result: result('echo 1', 1, 0) },
        { type: 'verdict', time: at(2), stepId: '1', outcome: { expected: 'exit 0', matcher: { kind: 'exit', code: 0 }, verdict: 'verified', evidence: 'exit code 0' } },
        { type: 'verdict', time: at(2), stepId: '1', outcome: { expected: 'stdout matches /v\\d+/', matcher: { kind: 'matches', stream: 'stdout', source: 'v\\d+', flags: '' }, verdict: 'verified', evidence: 'v1' } },
        { type: 'step-end', time: at(2), stepId: '1', status: 'passed', durationMs: 1000, exitCode: 0 },
        { type: 'run-end', time: at(3), status: 'passed', exitCode: 0, durationMs: 3000 },
      ),
    );
    expect(c.steps[0]?.outcomes.map((o) => [o.expected, o.matcher, o.verdict])).toEqual([
      ['exit 0', true, 'verified'],
      ['stdout matches /v\\d+/', true, 'verified'],
      ['The pods settle.', false, 'unverified'],
    ]);
    expect(c.issues.map((i) => i.kind)).toEqual(['outcome-unverified']);
  });

  it('reads context facts by documented keys, keeps the rest as notes, and lets extra override', () => {
    const c = buildRecordContext(
      events(
        start([step('1')], {
          context: { Environment: 'prod-eu', participants: 'Ann, Bo; Cy', releaseVersion: 'v2.0.0', 'rollback-target': 'v1.9.9', objective: 'Be fast\nBe safe', ticket: 'OPS-1' },
        }),
      ),
      { operator: 'Dana (on call)', releaseVersion: 'v2.0.1' },
    );
    expect(c).toMatchObject({
      environment: 'prod-eu',
      participants: ['Ann', 'Bo', 'Cy'],
      releaseVersion: 'v2.0.1',
      rollbackTargetVersion: 'v1.9.9',
      objectives: ['Be fast', 'Be safe'],
      operator: 'Dana (on call)',
      notes: [{ key: 'ticket', value: 'OPS-1' }],
    });
  });

  it('never invents absent facts', () => {
    const c = buildRecordContext(events(start([step('1')], { operator: '' })));
    expect(c).toMatchObject({ environment: null, operator: null, releaseVersion: null, rollbackTargetVersion: null, participants: [], objectives: [] });
    const none = { value: null, capture: null, given: null, conflict: false };
    expect(c.versions).toEqual({ from: none, to: none, lastKnownGood: none });
    expect([c.host, c.ticket, c.answersFile, c.gantt]).toEqual([null, null, null, null]);
    expect(c.signOff).toEqual([{ role: 'Drill lead', name: null }, { role: 'Service owner', name: null }]);
    expect(c.steps[0]).toMatchObject({ status: 'not-run', exitCode: null, startedAt: null, durationMs: null });
  });

  it('reads versions only from the captures record.versions names; a disagreement with what the run was told is a conflict', () => {
    const ends = (id: string, s: number, captures: Record<string, string>): unknown[] => [
      { type: 'step-start', time: at(s), stepId: id, title: id },
      { type: 'step-end', time: at(s + 1), stepId: id, status: 'passed', durationMs: 1000, exitCode: 0, captures },
    ];
    const c = buildRecordContext(
      events(
        start([step('1'), step('2'), step('3')], {
          versionCaptures: { from: 'deployed', to: 'chosen', lastKnownGood: 'lkg' },
          context: { releaseVersion: 'v2.0.0', rollbackTargetVersion: 'v1.1.0' },
        }),
        // `previous-tag` is not named, so it says nothing about any version.
        ...ends('1', 1, { deployed: 'registry.example.com/web:v2.0.0 \n', 'previous-tag': 'v9' }),
        ...ends('2', 3, { chosen: 'v1.2.0' }),
        ...ends('3', 5, { lkg: 'ga-1.1.0' }),
      ),
    );
    expect(c.versions).toEqual({
      // An image agrees with the tag it ends in, and the version is that tag; the captured value is trimmed.
      from: { value: 'v2.0.0', capture: { name: 'deployed', stepId: '1', value: 'registry.example.com/web:v2.0.0' }, given: { source: 'release version', value: 'v2.0.0' }, conflict: false },
      to: { value: null, capture: { name: 'chosen', stepId: '2', value: 'v1.2.0' }, given: { source: 'rollback target version', value: 'v1.1.0' }, conflict: true },
      lastKnownGood: { value: 'ga-1.1.0', capture: { name: 'lkg', stepId: '3', value: 'ga-1.1.0' }, given: null, conflict: false },
    });
    expect(c.issues.filter((i) => i.kind === 'version-conflict').map((i) => i.text)).toEqual(['Rollback target (to): the rollback target version given to the run says v1.1.0, but capture chosen (step 2) says v1.2.0.']);
  });

  it('takes rollback steps from context when given, for time to roll back', () => {
    const c = buildRecordContext(
      events(
        start([step('1'), step('2', { commands: ['helm rollback app 3'] })], { context: { 'rollback-steps': '1' } }),
        { type: 'step-start', time: at(1), stepId: '1', title: '1' },
        { type: 'step-end', time: at(4), stepId: '1', status: 'passed', durationMs: 3000, exitCode: 0 },
        { type: 'step-start', time: at(5), stepId: '2', title: '2' },
        { type: 'step-end', time: at(9), stepId: '2', status: 'passed', durationMs: 4000, exitCode: 0 },
        { type: 'run-end', time: at(10), status: 'passed', exitCode: 0, durationMs: 10_000 },
      ),
    );
    expect(c.totals.rollbackStepIds).toEqual(['1']);
    expect(c.totals.timeToRollbackMs).toBe(4000);
  });

  it('measures a runbook with no rollback step to the end of a passing run', () => {
    const c = buildRecordContext(
      events(
        start([step('1')]),
        { type: 'step-start', time: at(1), stepId: '1', title: '1' },
        { type: 'step-end', time: at(2), stepId: '1', status: 'passed', durationMs: 1000, exitCode: 0 },
        { type: 'run-end', time: at(7), status: 'passed', exitCode: 0, durationMs: 7000 },
      ),
    );
    expect(c.totals.timeToRollbackMs).toBe(7000);
    expect(c.totals.timeToRollbackBasis).toContain('no rollback step identified');
  });

  it('shows steps the plan did not list, titled from their step-start', () => {
    const c = buildRecordContext(
      events(start([step('1')]), { type: 'step-start', time: at(1), stepId: 'extra', title: 'Ad hoc check' }, { type: 'step-end', time: at(2), stepId: 'extra', status: 'passed', durationMs: 1000, exitCode: 0 }),
    );
    expect(c.steps.map((s) => [s.id, s.title, s.status])).toEqual([
      ['1', 'Step 1', 'not-run'],
      ['extra', 'Ad hoc check', 'passed'],
    ]);
  });
});
