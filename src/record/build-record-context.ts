// Builds the drill record's context from the run's event stream alone, so a journal read back
// from disk renders the same record the live run would have written. Pure: no clock, no
// environment, no files. Every value shown comes from an event; what no event says is null.
import { z } from 'zod';
import type { PlannedStep, RunEvent, StepStatus } from '../model/events.js';
import { buildAttestationRecords, isWaiver } from './build-attestation-records.js';
import { buildIssues } from './build-issues.js';
import { buildStepRecord } from './build-step-record.js';
import { buildTimeline } from './build-timeline.js';
import { buildTotals } from './build-totals.js';
import { collectRun, findLast, msBetween, tryStatus, winningTry, type Attempt, type Try } from './collect-run.js';
import { statusWords } from './record-text.js';
import { readContextFacts } from './read-context-facts.js';
import {
  recordContextSchema,
  type AttemptRecord,
  type AttestationRecord,
  type GateRecord,
  type RecordContext,
  type RecordResult,
  type StepRecord,
  type VersionFact,
} from './record-context.js';
import { rollbackCommandPattern } from './record-conventions.js';
import { renderGantt } from './render-gantt.js';

/** Facts the caller knows better than the journal (flags given to `runbook record`). */
export const recordExtraSchema = recordContextSchema
  .pick({ operator: true, environment: true, participants: true, releaseVersion: true, rollbackTargetVersion: true, objectives: true })
  .partial();
export type RecordExtra = z.infer<typeof recordExtraSchema>;

export function buildRecordContext(events: readonly RunEvent[], extra: RecordExtra = {}): RecordContext {
  const run = collectRun(events);
  const first = run.attempts[0];
  const last = run.attempts.at(-1);
  if (first === undefined || last === undefined) {
    throw new Error('The run journal holds no run-start event, so there is no run to record.');
  }
  const dryRun = last.start.mode === 'dry-run';
  const facts = readContextFacts(run.attempts.map((a) => a.start));
  const titleOf = (id: string): string => run.planned.get(id)?.title ?? run.titles.get(id) ?? id;

  // Steps in plan order, then any step the events name that the plan does not.
  const stepIds = [...run.planned.keys(), ...[...run.tries.keys()].filter((id) => !run.planned.has(id))];
  const winners = new Map(stepIds.map((id) => [id, winningTry(run.tries.get(id) ?? [])]));
  const statusOf = (id: string): StepStatus => stepStatus(winners.get(id), dryRun);
  const stopStep = stepIds.find((id) => ['failed', 'timed-out', 'interrupted'].includes(statusOf(id)));
  const rollbackIds = rollbackStepIds(stepIds, run.planned, run.tries, facts.rollbackSteps);
  const attestations = buildAttestationRecords({ stepIds, planned: run.planned, titleOf, events: run.attestations, dryRun });
  // The engine's result; a run that passed with a statement nobody confirmed is incomplete (below).
  const ended = runResult(last, dryRun);

  const steps = stepIds.map((id) =>
    buildStepRecord({
      id,
      plan: run.planned.get(id),
      title: titleOf(id),
      tries: run.tries.get(id) ?? [],
      winner: winners.get(id),
      status: statusOf(id),
      dryRun,
      result: ended,
      stopStep: stopStep === id ? undefined : stopStep,
      rollback: rollbackIds.includes(id),
      attestations: attestations.filter((a) => a.stepId === id),
    }),
  );
  const unconfirmed = attestations.filter((a) => a.answer === 'unconfirmed').length + steps.flatMap((s) => s.outcomes).filter((o) => o.verdict === 'unverified' && !o.implicit).length;
  // Also for a journal written before runs could be incomplete: passed needs every statement
  // confirmed, and a statement declined is a failure, whatever the step did.
  const declined = attestations.filter((a) => a.answer === 'declined').length;
  // A step skipped at its gate was to run: without it the run is not a pass (SPEC §4).
  const skippedAtGate = [...new Set(run.gates.filter((g) => g.decision === 'skipped' && statusOf(g.stepId) === 'skipped').map((g) => g.stepId))];
  const needsSkipped = skippedAtGate.length > 0 && (ended === 'passed' || ended === 'incomplete') ? stepIds.filter((id) => statusOf(id) === 'not-run') : [];
  const result: RecordResult = ended !== 'passed' ? ended : declined > 0 ? 'failed' : unconfirmed > 0 || skippedAtGate.length > 0 ? 'incomplete' : 'passed';
  // A resume carries the captures it restores among its values: those are not parameters.
  const captureNames = new Set([...run.tries.values()].flat().flatMap((t) => Object.keys(t.end?.captures ?? {})));
  const attempts = run.attempts.map((a, i) => attemptRecord(a, i + 1, run.attempts[i - 1], captureNames));
  const gates: GateRecord[] = run.gates.map((g) => ({
    stepId: g.stepId,
    stepTitle: titleOf(g.stepId),
    reason: g.reason,
    approved: g.approved,
    decision: g.decision ?? (g.approved ? 'approved' : 'declined'),
    by: g.by,
    at: g.time,
  }));
  const operators = [...new Set(run.attempts.map((a) => a.start.operator.trim()).filter((o) => o !== ''))];
  const participants = extra.participants ?? facts.participants;
  const releaseVersion = extra.releaseVersion ?? facts.releaseVersion;
  const rollbackTargetVersion = extra.rollbackTargetVersion ?? facts.rollbackTargetVersion;
  const captures = findLast(run.attempts, (a) => a.start.versionCaptures !== undefined)?.start.versionCaptures ?? {};
  const versions = {
    from: versionFact(steps, captures.from, releaseVersion === null ? null : { source: 'release version', value: releaseVersion }),
    to: versionFact(steps, captures.to, rollbackTargetVersion === null ? null : { source: 'rollback target version', value: rollbackTargetVersion }),
    lastKnownGood: versionFact(steps, captures.lastKnownGood, null),
  };
  // What was not asked because the run stopped first is one line below the statements that were.
  const asked = dryRun ? attestations : attestations.filter((a) => a.answer !== 'not-asked');
  const timeline = buildTimeline(run, stepIds, titleOf);

  const context: RecordContext = {
    drillId: last.start.runId,
    date: first.start.time.slice(0, 10),
    startedAt: first.start.time,
    endedAt: last.end?.time ?? null,
    runbook: {
      title: last.start.runbookTitle,
      path: last.start.runbookPath,
      sha256: last.start.sha256,
      gitCommit: last.start.gitCommit,
    },
    engineVersion: last.start.engineVersion,
    mode: last.start.mode,
    operator: extra.operator ?? (operators.length > 0 ? operators.join(', ') : null),
    host: last.start.host ?? null,
    environment: extra.environment ?? facts.environment,
    ticket: findLast(run.attempts, (a) => a.start.ticket !== undefined)?.start.ticket ?? null,
    answersFile: last.start.answers ?? null,
    unattended: last.start.unattended ?? null,
    preconditions: last.start.preconditions ?? [],
    facts: last.start.facts ?? [],
    participants,
    releaseVersion,
    rollbackTargetVersion,
    objectives: extra.objectives ?? facts.objectives,
    notes: facts.notes,
    // The engine masks secrets before they reach any event; nothing here reads values elsewhere.
    params: Object.entries(last.start.params).filter(([name]) => !captureNames.has(name)).map(([name, value]) => ({ name, value })),
    versions,
    steps,
    attestations: asked.filter((a) => !isWaiver(a)),
    waivers: asked.filter(isWaiver),
    lintSilenced: last.start.lintSilenced ?? [],
    notAsked: notAskedLine(attestations, steps, run.planned, stopStep, ended),
    gates,
    decisions: run.decisions.map((d) => ({ decisionId: d.decisionId, title: d.title, kind: d.kind, option: d.option, optionTitle: d.optionTitle, by: d.by, how: d.how, evidence: d.evidence ?? null, at: d.time })),
    totals: buildTotals({ steps, attempts, result, exitCode: last.end?.exitCode ?? null, stopStep, dryRun, unconfirmed, declined, skippedAtGate, needsSkipped, unattended: last.start.unattended ?? null, answersFile: last.start.answers?.file ?? null, conflicts: conflictNames(versions) }),
    timeline,
    attempts,
    ...buildIssues({ steps, attestations, gates, attempts, versions, result, runId: last.start.runId }),
    signOff: signOffLines(participants),
    gantt: renderGantt({ title: last.start.runbookTitle, timeline, gates, unconfirmedSteps: new Set([...attestations.filter((a) => a.answer === 'unconfirmed').map((a) => a.stepId), ...steps.filter((s) => s.outcomes.some((o) => o.verdict === 'unverified')).map((s) => s.id)]) }),
  };
  // The schema is the contract templates are validated against; hold the builder to it too.
  return recordContextSchema.parse(context);
}

function stepStatus(t: Try | undefined, dryRun: boolean): StepStatus {
  if (dryRun) return t?.end?.status === 'skipped' ? 'skipped' : 'planned';
  if (t === undefined) return 'not-run';
  return tryStatus(t);
}

function attemptStatus(a: Attempt): RecordResult {
  const status = a.end?.status;
  if (status === undefined || status === 'running') return 'interrupted';
  // A dry run that went through is a plan, not a pass.
  return a.start.mode === 'dry-run' && status === 'passed' ? 'planned' : status;
}

function runResult(last: Attempt, dryRun: boolean): RecordResult {
  const status = attemptStatus(last);
  return dryRun && status === 'passed' ? 'planned' : status;
}

function attemptRecord(a: Attempt, n: number, before: Attempt | undefined, captureNames: ReadonlySet<string>): AttemptRecord {
  const names = [...new Set([...Object.keys(before?.start.params ?? {}), ...Object.keys(a.start.params)])].filter((name) => !captureNames.has(name));
  const paramsChanged = before === undefined ? [] : names
    .filter((name) => before.start.params[name] !== a.start.params[name])
    .map((name) => ({ name, from: before.start.params[name] ?? null, to: a.start.params[name] ?? null }));
  return {
    attempt: n,
    mode: a.start.mode,
    operator: a.start.operator,
    startedAt: a.start.time,
    endedAt: a.end?.time ?? null,
    lastEventAt: a.lastEventAt,
    status: attemptStatus(a),
    exitCode: a.end?.exitCode ?? null,
    durationMs: a.end?.durationMs ?? msBetween(a.start.time, a.lastEventAt) ?? 0,
    note: a.start.note ?? null,
    paramsChanged,
  };
}

/** Steps named by context `rollback-steps`, else every step with a rollback command. */
function rollbackStepIds(
  ids: readonly string[],
  planned: ReadonlyMap<string, PlannedStep>,
  tries: ReadonlyMap<string, readonly Try[]>,
  explicit: readonly string[] | null,
): string[] {
  if (explicit !== null) return ids.filter((id) => explicit.includes(id));
  return ids.filter((id) => {
    const commands = [...(planned.get(id)?.commands ?? []), ...(tries.get(id) ?? []).flatMap((t) => t.results.map((r) => r.displayCommand))];
    return commands.some((c) => rollbackCommandPattern.test(c));
  });
}

/**
 * A version only as the run established it: the capture the runbook names for it (frontmatter
 * `record.versions`), and what the run was told; both, when they disagree, as a conflict. A
 * capture holding an image (`registry/web:v1.2.0`) agrees with the tag it ends in.
 */
function versionFact(steps: readonly StepRecord[], captureName: string | undefined, given: VersionFact['given']): VersionFact {
  // The latest capture of that name: a step run again on resume captured it anew.
  const capture = captureName === undefined ? null : steps.flatMap((s) => s.captures.filter((c) => c.name === captureName && c.value !== '').map((c) => ({ name: c.name, stepId: s.id, value: c.value }))).at(-1) ?? null;
  const agree = capture === null || given === null || capture.value === given.value || capture.value.endsWith(`:${given.value}`);
  // The version itself is the tag: an image the capture holds names it, and is shown beside it.
  return { value: agree ? (given?.value ?? capture?.value ?? null) : null, capture, given, conflict: !agree };
}

function conflictNames(versions: RecordContext['versions']): string[] {
  const names = { from: 'release version (from)', to: 'rollback target (to)', lastKnownGood: 'last known good' } as const;
  return (Object.keys(names) as (keyof typeof names)[]).filter((k) => versions[k].conflict).map((k) => names[k]);
}

/** `3 statements were not asked: the run stopped at step A.3 (failed) first (steps B.1, C, D).` */
function notAskedLine(attestations: readonly AttestationRecord[], steps: readonly StepRecord[], planned: ReadonlyMap<string, PlannedStep>, stopStep: string | undefined, result: RecordResult): RecordContext['notAsked'] {
  // Outcomes only a person could judge, by the plan's word: a matcher's would not have been asked.
  const prose = new Set([...planned.values()].flatMap((p) => (p.expectations ?? []).filter((e) => !e.checked).map((e) => e.id)));
  const left = [
    ...attestations.filter((a) => a.answer === 'not-asked').map((a) => a.stepId),
    ...steps.flatMap((s) => s.outcomes.filter((o) => o.verdict === 'not-run' && o.statementId !== null && prose.has(o.statementId)).map(() => s.id)),
  ];
  if (left.length === 0) return null;
  const n = left.length;
  const stop = steps.find((s) => s.id === stopStep);
  const why = stop ? `the run stopped at step ${stop.id} (${statusWords[stop.status] ?? stop.status}) first` : `the run was ${statusWords[result] ?? result} first`;
  const ids = [...new Set(left)];
  return { count: n, text: `${n} statement${n === 1 ? ' was' : 's were'} not asked: ${why} (step${ids.length === 1 ? '' : 's'} ${ids.join(', ')}).` };
}

/** `Alice Ng (drill lead)` signs as drill lead; a participant without a role, as participant. */
function signOffLines(participants: readonly string[]): RecordContext['signOff'] {
  if (participants.length === 0) return [{ role: 'Drill lead', name: null }, { role: 'Service owner', name: null }];
  return participants.map((p) => {
    const match = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(p);
    const role = match?.[2]?.trim();
    return role ? { role: `${role.charAt(0).toUpperCase()}${role.slice(1)}`, name: match?.[1]?.trim() || p } : { role: 'Participant', name: p };
  });
}
