// Totals: overall result in one sentence, step and outcome counts, durations, and time to roll
// back (see docs/RECORD.md for how it is measured). Pure.
import type { StepStatus } from '../model/events.js';
import { msBetween } from './collect-run.js';
import type { AttemptRecord, RecordResult, StepRecord, Totals } from './record-context.js';
import { countPhrase, incompleteReason, statusWords } from './record-text.js';

export interface TotalsInput {
  steps: readonly StepRecord[];
  attempts: readonly AttemptRecord[];
  result: RecordResult;
  exitCode: number | null;
  /** Where the run stopped: the first failed, timed-out or interrupted step. */
  stopStep: string | undefined;
  dryRun: boolean;
  /** Statements nobody confirmed, and why nobody could (`no terminal`), for an incomplete run. */
  unconfirmed: number;
  /** Statements a person declined: the run cannot have passed. */
  declined: number;
  /** Steps skipped at their gate, and steps not run because they needed a capture of one. */
  skippedAtGate: readonly string[];
  needsSkipped: readonly string[];
  unattended: string | null;
  answersFile: string | null;
  /** Versions whose capture and what the run was told disagree: `rollback target (to)`. */
  conflicts: string[];
}

export function buildTotals(t: TotalsInput): Totals {
  const { steps, attempts } = t;
  const countStatus = (s: StepStatus): number => steps.filter((x) => x.status === s).length;
  const stepCounts = {
    total: steps.length,
    passed: countStatus('passed'),
    failed: countStatus('failed'),
    timedOut: countStatus('timed-out'),
    interrupted: countStatus('interrupted'),
    notRun: countStatus('not-run'),
    skipped: countStatus('skipped'),
    planned: countStatus('planned'),
  };
  // What the author wrote is counted apart from the exit-code check every command gets.
  const all = steps.flatMap((s) => s.outcomes);
  const outcomes = all.filter((o) => !o.implicit);
  const exits = all.filter((o) => o.implicit);
  const exitChecks = {
    passed: exits.filter((o) => o.verdict === 'verified').length,
    failed: exits.filter((o) => o.verdict === 'failed').length,
    notRun: exits.filter((o) => o.verdict === 'not-run').length,
  };
  const countVerdict = (v: string): number => outcomes.filter((o) => o.verdict === v).length;
  const outcomeCounts = {
    verified: countVerdict('verified'),
    attested: countVerdict('attested'),
    unverified: countVerdict('unverified'),
    failed: countVerdict('failed'),
    notRun: countVerdict('not-run'),
    planned: countVerdict('planned'),
  };
  const firstStart = attempts[0]?.startedAt ?? null;
  const lastAttempt = attempts.at(-1);
  const wallClockMs = msBetween(firstStart, lastAttempt?.endedAt ?? lastAttempt?.lastEventAt) ?? 0;

  return {
    result: t.result,
    summary: runSummary(t, stepCounts),
    unconfirmed: t.unconfirmed,
    exitCode: t.exitCode,
    durationMs: attempts.reduce((sum, a) => sum + a.durationMs, 0),
    wallClockMs,
    ...timeToRollback(t, firstStart, wallClockMs),
    steps: stepCounts,
    stepSummary:
      countPhrase([
        [stepCounts.passed, 'passed'],
        [stepCounts.failed, 'failed'],
        [stepCounts.timedOut, 'timed out'],
        [stepCounts.interrupted, 'interrupted'],
        [stepCounts.skipped, 'skipped'],
        [stepCounts.notRun, 'not run'],
        [stepCounts.planned, 'planned'],
      ]) || 'no steps',
    outcomes: outcomeCounts,
    outcomeSummary:
      countPhrase([
        [outcomeCounts.verified, 'verified'],
        [outcomeCounts.attested, 'attested'],
        [outcomeCounts.unverified, 'unverified'],
        [outcomeCounts.failed, 'not met'],
        [outcomeCounts.notRun, 'not run'],
        [outcomeCounts.planned, 'planned'],
      ]) || 'no expected outcomes',
    exitChecks,
    exitCheckSummary: exits.length === 0 ? 'none run' : `${exitChecks.passed} of ${exits.length} passed${exitChecks.notRun > 0 ? ` (${exitChecks.notRun} cut short)` : ''}`,
  };
}

/**
 * From the first run start to the end of the last rollback step that passed. A rollback step
 * that did not pass is named in the basis (the measure is then partial); with no rollback
 * step passed there is no measure. A runbook with no rollback step is measured to the run's
 * end, if the run passed.
 */
function timeToRollback(
  t: TotalsInput,
  firstStart: string | null,
  wallClockMs: number,
): Pick<Totals, 'timeToRollbackMs' | 'timeToRollbackBasis' | 'rollbackStepIds'> {
  const rollback = t.steps.filter((s) => s.rollback);
  const rollbackStepIds = rollback.map((s) => s.id);
  if (t.dryRun) return { timeToRollbackMs: null, timeToRollbackBasis: 'not measured: dry run', rollbackStepIds };
  if (rollback.length === 0) {
    return t.result === 'passed' || t.result === 'incomplete'
      ? { timeToRollbackMs: wallClockMs, timeToRollbackBasis: 'run start to run end; no rollback step identified', rollbackStepIds }
      : { timeToRollbackMs: null, timeToRollbackBasis: `not reached: the run ${t.result === 'aborted' || t.result === 'interrupted' ? 'was ' : ''}${statusWords[t.result] ?? t.result} and no rollback step was identified`, rollbackStepIds };
  }
  const passed = rollback.filter((s) => s.status === 'passed' && s.endedAt !== null);
  const missing = rollback.filter((s) => !passed.includes(s));
  const missingText = missing.map((s) => `${s.id} ${statusWords[s.status] ?? s.status}`).join(', ');
  if (passed.length === 0) {
    return { timeToRollbackMs: null, timeToRollbackBasis: `not reached: rollback step ${missingText}`, rollbackStepIds };
  }
  const last = passed.reduce((a, b) => (Date.parse(b.endedAt ?? '') > Date.parse(a.endedAt ?? '') ? b : a));
  const basis = `run start to the end of step ${last.id}, the last rollback step to pass`;
  return {
    timeToRollbackMs: msBetween(firstStart, last.endedAt),
    timeToRollbackBasis: missing.length > 0 ? `partial: ${basis}; rollback step ${missingText}` : basis,
    rollbackStepIds,
  };
}

function runSummary(t: TotalsInput, counts: Totals['steps']): string {
  const said = sentence(t, counts);
  if (t.conflicts.length === 0) return said;
  return `${said} Versions in conflict: ${t.conflicts.join(', ')} (see Release).`;
}

function sentence(t: TotalsInput, counts: Totals['steps']): string {
  const stop = t.steps.find((s) => s.id === t.stopStep);
  const passed = `${counts.passed} of ${counts.total} steps passed${t.attempts.length > 1 ? ` over ${t.attempts.length} attempts` : ''}`;
  const at = stop ? ` at step ${stop.id} (${stop.title})` : '';
  const during = stop ? ` during step ${stop.id} (${stop.title})` : '';
  switch (t.result) {
    case 'planned':
      return `Dry run: ${counts.total} steps planned, nothing executed.`;
    case 'passed':
      return `${passed}.`;
    case 'incomplete':
      return `Incomplete: ${incompleteReason({ unconfirmed: t.unconfirmed, unattended: t.unattended, answersFile: t.answersFile, skippedAtGate: t.skippedAtGate, needsSkipped: t.needsSkipped })}; ${passed}.`;
    case 'failed':
      if (!stop && t.declined > 0) return `Failed: ${t.declined} statement${t.declined === 1 ? '' : 's'} declined; ${passed}.`;
      return `Failed${at}${stop?.exitCode != null ? `: exit ${stop.exitCode}` : ''}; ${passed}.`;
    case 'timed-out':
      return `Timed out${at}; ${passed}.`;
    case 'aborted':
      return `Aborted${during}; ${passed}.`;
    case 'interrupted':
      return `Interrupted${during}: the engine stopped and no run end was recorded; ${passed}.`;
  }
}
