// One step of the record: the latest try's commands, outcomes, captures and times, with a
// one-line "actual outcome" for the steps table. Pure.
import type { CommandResult, OutcomeResult, PlannedStep, StepStatus } from '../model/events.js';
import { findLast, msBetween, tryEndedAt, tryStatus, type Try } from './collect-run.js';
import type { AttestationRecord, CommandRecord, OutcomeRecord, RecordResult, StepRecord, StepTry } from './record-context.js';
import { formatDuration } from '../format/format-duration.js';
import { countPhrase, firstLine, isExitCheck, limitHead, limitTail, quote, statusWords } from './record-text.js';

export interface StepInput {
  id: string;
  plan: PlannedStep | undefined;
  title: string;
  tries: readonly Try[];
  winner: Try | undefined;
  status: StepStatus;
  dryRun: boolean;
  result: RecordResult;
  /** The step the run stopped at, when it is another step. */
  stopStep: string | undefined;
  rollback: boolean;
  attestations: readonly AttestationRecord[];
}

export function buildStepRecord(input: StepInput): StepRecord {
  const { plan, winner: w, status, dryRun } = input;
  const ran = !dryRun && w !== undefined && w.started;
  const results = ran ? w.results : [];
  const lastResult = results.at(-1);
  const exitCode = ran ? (w.end?.exitCode ?? lastResult?.exitCode ?? null) : null;
  const startedAt = ran ? w.startedAt : null;
  const endedAt = ran ? tryEndedAt(w) : null;
  const durationMs = ran ? (w.end?.durationMs ?? msBetween(startedAt, endedAt)) : null;
  // Captures and reasons of a bare step-end (skipped on resume) describe another attempt's try.
  const captures = ran ? Object.entries(w.end?.captures ?? {}).map(([name, value]) => ({ name, value: value.trim() })) : [];
  // The engine words a not-run reason as `not run: …`; the record says "Not run" itself.
  const reason = dryRun ? null : w?.end?.reason?.replace(/^not run:\s*/i, '') || null;
  const expected = plan?.expected ?? [];
  // Verdicts given after the winning try (a resume confirming what was left open) replace its own.
  const later = w === undefined ? [] : input.tries.slice(input.tries.indexOf(w) + 1).flatMap((t) => t.verdicts);
  const outcomes = buildOutcomes(plan, ran ? w.verdicts : [], later, status);
  const outputExcerpt = ran && ['failed', 'timed-out', 'interrupted'].includes(status) ? excerpt(w, lastResult) : null;

  return {
    id: input.id,
    title: input.title,
    section: plan?.section ?? null,
    sectionTitle: plan?.sectionTitle ?? null,
    actions: plan?.actions ?? [],
    commands: commandRecords(plan?.commands ?? [], results, status, ran),
    expected,
    actual: actualSummary({ ...input, exitCode, durationMs, captures, outcomes, reason, lastResult }),
    status,
    verdict: verdictLabel(status, outcomes),
    exitCode,
    startedAt,
    endedAt,
    durationMs,
    attempts: input.tries.filter((t) => t.started).length,
    tries: input.tries.filter((t) => t.started).map((t) => stepTry(t, dryRun)),
    outcomes,
    captures,
    outputExcerpt,
    reason,
    rollback: input.rollback,
    gate: plan?.gate ?? null,
  };
}

function stepTry(t: Try, dryRun: boolean): StepTry {
  const endedAt = tryEndedAt(t);
  return {
    runAttempt: t.runAttempt,
    try: t.try,
    startedAt: t.startedAt,
    endedAt,
    durationMs: t.end?.durationMs ?? msBetween(t.startedAt, endedAt),
    status: dryRun ? 'planned' : tryStatus(t),
    exitCode: t.end?.exitCode ?? t.results.at(-1)?.exitCode ?? null,
    reason: dryRun ? null : t.end?.reason ?? null,
  };
}

/** Every command result (retries included), then the planned commands that never ended. */
function commandRecords(planned: readonly string[], results: readonly CommandResult[], status: StepStatus, ran: boolean): CommandRecord[] {
  // A retry repeats its command, so consecutive results of one command stand for one planned command.
  const distinct = results.filter((r, i) => i === 0 || results[i - 1]?.displayCommand !== r.displayCommand).length;
  const pending = (i: number): CommandRecord['state'] => {
    if (status === 'planned') return 'planned';
    // The first command after the last result was running when the step was cut short.
    return status === 'interrupted' && ran && i === 0 ? 'interrupted' : 'not-run';
  };
  return [
    ...results.map((r) => ({
      command: r.displayCommand,
      state: 'completed' as const,
      exitCode: r.exitCode,
      signal: r.signal,
      timedOut: r.timedOut,
      startedAt: r.startedAt,
      durationMs: r.durationMs,
    })),
    ...planned.slice(distinct).map((command, i) => ({
      command,
      state: pending(i),
      exitCode: null,
      signal: null,
      timedOut: false,
      startedAt: null,
      durationMs: null,
    })),
  ];
}

/**
 * The try's verdicts, then every expected outcome no verdict speaks for. Verdicts join their
 * outcome by its id (`A.2#e1`); a journal written before outcomes had ids joins by the text.
 */
function buildOutcomes(plan: PlannedStep | undefined, own: readonly OutcomeResult[], later: readonly OutcomeResult[], status: StepStatus): OutcomeRecord[] {
  const verdicts = own.map((v) => (v.statementId === undefined ? v : findLast(later, (l) => l.statementId === v.statementId) ?? v));
  const expectations = plan?.expectations ?? (plan?.expected ?? []).map((text) => ({ id: undefined, text }));
  // A matcher's verdict is named by its inline code (`stdout contains "ok"`), which sits inside
  // the outcome's prose; a verdict naming the prose itself covers it too.
  const byText = (e: string, v: OutcomeResult): boolean => v.expected === e || e.includes(`\`${v.expected}\``) || (v.expected.startsWith('`') && e.includes(v.expected));
  const covered = (e: { id: string | undefined; text: string }): boolean =>
    verdicts.some((v) => (e.id !== undefined && v.statementId !== undefined ? v.statementId === e.id : byText(e.text, v)));
  const authoredExit = (plan?.expected ?? []).some((e) => /`exit\s/i.test(e));
  const ranToEnd = status === 'passed' || status === 'failed' || status === 'timed-out';
  return [
    ...verdicts.map((v) => ({
      expected: v.expected,
      matcher: v.matcher !== undefined,
      // Checks of a command killed by the interruption fail for that reason alone: not checked, not "not met".
      verdict: status === 'interrupted' && v.verdict === 'failed' ? ('not-run' as const) : v.verdict,
      evidence: v.evidence.trim() === '' ? null : limitHead(v.evidence),
      by: v.by ?? null,
      statementId: v.statementId ?? null,
      // An older journal does not say; its implicit check is `exit 0` where the author wrote no exit matcher.
      implicit: v.implicit ?? (v.statementId === undefined && v.expected === 'exit 0' && !authoredExit),
      via: v.via ?? null,
      note: v.note ?? null,
    })),
    ...expectations
      .filter((e) => !covered(e))
      .map((e) => ({
        expected: e.text,
        matcher: false,
        verdict: status === 'planned' ? ('planned' as const) : ranToEnd ? ('unverified' as const) : ('not-run' as const),
        evidence: ranToEnd ? 'No verdict was recorded for this outcome.' : null,
        by: null,
        statementId: e.id ?? null,
        implicit: false,
        via: null,
        note: null,
      })),
  ];
}

function verdictLabel(status: StepStatus, outcomes: readonly OutcomeRecord[]): string {
  const count = (v: string): number => outcomes.filter((o) => o.verdict === v).length;
  // A failed exit-code check is what "failed" already says.
  const notMet = outcomes.filter((o) => o.verdict === 'failed' && !isExitCheck(o.expected)).length;
  const qualifiers = countPhrase([
    [notMet, 'not met'],
    [count('unverified'), 'unverified'],
    [count('attested'), 'attested'],
  ]);
  const word = statusWords[status] ?? status;
  return qualifiers ? `${word} (${qualifiers})` : word;
}

function excerpt(t: Try, last: CommandResult | undefined): string | null {
  if (last === undefined) return t.output.length > 0 ? t.output.join('\n') : null;
  // Both streams in the order they were printed, when the engine saw every line.
  if (last.tail !== undefined) return last.tail.length > 0 ? last.tail.map((l) => `${l.stream === 'stderr' ? '[stderr] ' : ''}${l.line}`).join('\n') : null;
  const parts = [
    last.stdout.trim() ? limitTail(last.stdout) : '',
    last.stderr.trim() ? `[stderr]\n${limitTail(last.stderr)}` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('\n') : null;
}

interface SummaryInput extends StepInput {
  exitCode: number | null;
  durationMs: number | null;
  captures: Array<{ name: string; value: string }>;
  outcomes: OutcomeRecord[];
  reason: string | null;
  lastResult: CommandResult | undefined;
}

/** One line for the steps table's "Actual outcome" column. */
function actualSummary(s: SummaryInput): string {
  switch (s.status) {
    case 'planned':
      return 'Planned (dry run): nothing executed.';
    case 'skipped':
      return s.reason ? `Skipped: ${s.reason}.` : 'Skipped.';
    case 'not-run':
      if (s.reason) return `Not run: ${s.reason}.`;
      if (s.stopStep) return `Not run: the run stopped at step ${s.stopStep}.`;
      if (s.result === 'aborted' || s.result === 'interrupted') return `Not run: the run was ${s.result}.`;
      return 'Not run.';
    case 'interrupted':
      if (s.lastResult === undefined && s.winner?.end === undefined) {
        return s.result === 'aborted'
          ? 'Interrupted: the run was aborted while this step was running.'
          : 'Interrupted: the engine stopped while this step was running; no step end was recorded.';
      }
      break;
    default:
      break;
  }
  const parts: string[] = [];
  const r = s.lastResult;
  if (s.status === 'timed-out' || r?.timedOut) {
    parts.push(s.durationMs === null ? 'Timed out' : `Timed out after ${formatDuration(s.durationMs)}`);
  } else if (s.exitCode === null && r?.signal) {
    parts.push(`Killed by ${r.signal}`);
  } else if (s.exitCode !== null) {
    parts.push(`Exit ${s.exitCode}`);
  } else if (s.status === 'interrupted') {
    parts.push('Interrupted');
  }
  for (const c of s.captures) parts.push(`captured ${c.name} = ${firstLine(c.value, 80)}`);
  // The exit code is said first; the outcomes counted are those the author wrote.
  const verdicts = (v: string): number => s.outcomes.filter((o) => o.verdict === v && !o.implicit).length;
  const outcomes = countPhrase([
    [verdicts('verified'), 'verified'],
    [verdicts('attested'), 'attested'],
    [verdicts('unverified'), 'unverified'],
  ]);
  if (outcomes) parts.push(`outcomes: ${outcomes}`);
  const answers = (a: string): number => s.attestations.filter((x) => x.answer === a).length;
  const attestations = countPhrase([
    [answers('confirmed'), 'confirmed'],
    [answers('declined'), 'declined'],
    [answers('unconfirmed'), 'unconfirmed'],
  ]);
  if (attestations) parts.push(`attestations: ${attestations}`);
  // The exit-code check's failure is already said by "Exit 1"; name the others.
  for (const o of s.outcomes.filter((x) => x.verdict === 'failed' && !isExitCheck(x.expected))) {
    parts.push(`not met: ${quote(o.expected, 80)}`);
  }
  if (s.status !== 'passed') {
    const said = r ? firstLine(r.stderr) || firstLine(r.stdout) : '';
    if (said) parts.push(`output: ${firstLine(said, 120)}`);
  }
  const line = parts.length > 0 ? parts.join('; ') : (statusWords[s.status] ?? s.status);
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}
