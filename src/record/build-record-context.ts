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
import { collectRun, msBetween, tryStatus, winningTry, type Attempt, type Try } from './collect-run.js';
import { readContextFacts } from './read-context-facts.js';
import {
  recordContextSchema,
  type AttemptRecord,
  type GateRecord,
  type RecordContext,
  type RecordResult,
  type StepRecord,
  type VersionRef,
} from './record-context.js';
import { normalizeName, rollbackCommandPattern, versionCaptureNames } from './record-conventions.js';

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
  const result = runResult(last, dryRun);
  const facts = readContextFacts(run.attempts.map((a) => a.start));
  const titleOf = (id: string): string => run.planned.get(id)?.title ?? run.titles.get(id) ?? id;

  // Steps in plan order, then any step the events name that the plan does not.
  const stepIds = [...run.planned.keys(), ...[...run.tries.keys()].filter((id) => !run.planned.has(id))];
  const winners = new Map(stepIds.map((id) => [id, winningTry(run.tries.get(id) ?? [])]));
  const statusOf = (id: string): StepStatus => stepStatus(winners.get(id), dryRun);
  const stopStep = stepIds.find((id) => ['failed', 'timed-out', 'interrupted'].includes(statusOf(id)));
  const rollbackIds = rollbackStepIds(stepIds, run.planned, run.tries, facts.rollbackSteps);
  const attestations = buildAttestationRecords({ stepIds, planned: run.planned, titleOf, events: run.attestations, dryRun });

  const steps = stepIds.map((id) =>
    buildStepRecord({
      id,
      plan: run.planned.get(id),
      title: titleOf(id),
      tries: run.tries.get(id) ?? [],
      winner: winners.get(id),
      status: statusOf(id),
      dryRun,
      result,
      stopStep: stopStep === id ? undefined : stopStep,
      rollback: rollbackIds.includes(id),
      attestations: attestations.filter((a) => a.stepId === id),
    }),
  );
  const attempts = run.attempts.map((a, i) => attemptRecord(a, i + 1));
  const gates: GateRecord[] = run.gates.map((g) => ({
    stepId: g.stepId,
    stepTitle: titleOf(g.stepId),
    reason: g.reason,
    approved: g.approved,
    by: g.by,
    at: g.time,
  }));
  const operators = [...new Set(run.attempts.map((a) => a.start.operator.trim()).filter((o) => o !== ''))];

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
    environment: extra.environment ?? facts.environment,
    participants: extra.participants ?? facts.participants,
    releaseVersion: extra.releaseVersion ?? facts.releaseVersion,
    rollbackTargetVersion: extra.rollbackTargetVersion ?? facts.rollbackTargetVersion,
    objectives: extra.objectives ?? facts.objectives,
    notes: facts.notes,
    // The engine masks secrets before they reach any event; nothing here reads values elsewhere.
    params: Object.entries(last.start.params).map(([name, value]) => ({ name, value })),
    versions: findVersions(steps),
    steps,
    attestations: attestations.filter((a) => !isWaiver(a)),
    waivers: attestations.filter(isWaiver),
    gates,
    decisions: run.decisions.map((d) => ({ decisionId: d.decisionId, title: d.title, kind: d.kind, option: d.option, optionTitle: d.optionTitle, by: d.by, how: d.how, evidence: d.evidence ?? null, at: d.time })),
    totals: buildTotals({ steps, attempts, result, exitCode: last.end?.exitCode ?? null, stopStep, dryRun }),
    timeline: buildTimeline(run, stepIds, titleOf),
    attempts,
    ...buildIssues({ steps, attestations, gates, result, runId: last.start.runId }),
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

function attemptRecord(a: Attempt, n: number): AttemptRecord {
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

/** Versions from captures (record-conventions.ts): first "from", last "to" and last "last known good". */
function findVersions(steps: readonly StepRecord[]): RecordContext['versions'] {
  const refs = steps.flatMap((s) => s.captures.map((c) => ({ value: c.value, capture: c.name, stepId: s.id })));
  const named = (names: readonly string[]): VersionRef[] =>
    refs.filter((r) => names.includes(normalizeName(r.capture)) && r.value.trim() !== '');
  return {
    from: named(versionCaptureNames.from)[0] ?? null,
    to: named(versionCaptureNames.to).at(-1) ?? null,
    lastKnownGood: named(versionCaptureNames.lastKnownGood).at(-1) ?? null,
  };
}
