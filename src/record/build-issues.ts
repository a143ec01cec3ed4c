// Issues encountered and the action items that follow from them: failed, timed-out and
// interrupted steps, every earlier failed try and what the operator said between attempts,
// outcomes not met or not verified, declined attestations and gates, versions in conflict, and
// a run that did not finish. Pure.
import type { AttemptRecord, AttestationRecord, FollowUp, GateRecord, Issue, RecordContext, RecordResult, StepRecord, StepTry } from './record-context.js';
import { formatDuration } from '../format/format-duration.js';
import { firstLine, isExitCheck, quote, statusWords, telltaleLine } from './record-text.js';

export interface IssuesInput {
  steps: readonly StepRecord[];
  attestations: readonly AttestationRecord[];
  gates: readonly GateRecord[];
  attempts: readonly AttemptRecord[];
  versions: RecordContext['versions'];
  result: RecordResult;
  runId: string;
}

const versionNames = { from: 'Release version (from)', to: 'Rollback target (to)', lastKnownGood: 'Last known good' } as const;

export function buildIssues(input: IssuesInput): { issues: Issue[]; followUps: FollowUp[] } {
  const issues: Issue[] = [];
  // Owner and due date are left for the people who review the drill.
  const followUps: Omit<FollowUp, 'owner' | 'due'>[] = [];
  // Earlier tries that did not pass and what the operator did between attempts, in the order they happened.
  const history: { at: number; issue: Issue }[] = [];
  for (const a of input.attempts.filter((x) => x.note !== null)) {
    history.push({ at: a.attempt - 0.5, issue: { kind: 'operator-note', stepId: null, text: `Before attempt ${a.attempt}, ${a.operator || 'the operator'} noted: ${quote(a.note ?? '', 400)}.` } });
  }
  for (const s of input.steps) {
    for (const t of earlierFailures(s)) {
      history.push({ at: t.runAttempt, issue: { kind: 'attempt-failed', stepId: s.id, text: `${attemptName(t, input.attempts)}: step ${s.id} (${s.title}) ${statusWords[t.status] ?? t.status}${t.reason ? `: ${t.reason}` : t.exitCode !== null ? `: exit ${t.exitCode}` : ''}.` } });
    }
  }
  issues.push(...history.sort((a, b) => a.at - b.at).map((h) => h.issue));
  for (const [which, v] of Object.entries(input.versions) as [keyof typeof versionNames, RecordContext['versions']['from']][]) {
    if (!v.conflict || v.capture === null || v.given === null) continue;
    issues.push({ kind: 'version-conflict', stepId: v.capture.stepId, text: `${versionNames[which]}: the ${v.given.source} given to the run says ${v.given.value}, but capture ${v.capture.name} (step ${v.capture.stepId}) says ${v.capture.value}.` });
    followUps.push({ stepId: v.capture.stepId, text: `Find out which ${versionNames[which].toLowerCase().replace(/ \(.*\)$/, '')} the drill really had (${v.given.value} or ${v.capture.value}), and correct the runbook or the flags.` });
  }
  for (const s of input.steps) {
    const name = `${s.id} (${s.title})`;
    const failedOutcomes = s.outcomes.filter((o) => o.verdict === 'failed');
    if (s.status === 'failed' || s.status === 'timed-out') {
      // The step's own issue carries its failed outcomes, so they are not listed twice.
      const why = [
        ...(s.status === 'timed-out' && s.durationMs !== null ? [`after ${formatDuration(s.durationMs)}`] : []),
        ...failedOutcomes.map((o) =>
          isExitCheck(o.expected) && o.evidence ? firstLine(o.evidence, 120) : `${quote(o.expected, 80)} not met${o.evidence ? ` (${firstLine(o.evidence, 120)})` : ''}`,
        ),
        ...(failedOutcomes.length === 0 && s.reason ? [s.reason] : []),
        ...(failedOutcomes.length === 0 && !s.reason && s.exitCode !== null ? [`exit ${s.exitCode}`] : []),
      ];
      const said = telltaleLine(s.outputExcerpt);
      if (said) why.push(`output: ${said}`);
      const what = s.status === 'failed' ? 'failed' : 'timed out';
      issues.push({ kind: s.status === 'failed' ? 'step-failed' : 'step-timed-out', stepId: s.id, text: `Step ${name} ${what}${why.length > 0 ? `: ${why.join('; ')}` : ''}.` });
      followUps.push({
        stepId: s.id,
        text: s.status === 'failed'
          ? `Find and fix the cause of the failure of step ${name}, then run the drill again.`
          : `Find out why step ${name} timed out; fix the cause or raise its Timeout.`,
      });
    } else {
      if (s.status === 'interrupted') {
        issues.push({ kind: 'step-interrupted', stepId: s.id, text: `Step ${name} was interrupted while running; its effect is unknown.` });
        followUps.push({ stepId: s.id, text: `Check what step ${name} changed before it was interrupted.` });
      }
      // An interrupted step's failed checks only restate the interruption.
      for (const o of s.status === 'interrupted' ? [] : failedOutcomes) {
        const why = o.evidence ? ` (${firstLine(o.evidence, 120)})` : '';
        issues.push({ kind: 'outcome-failed', stepId: s.id, text: `Step ${s.id}: expected outcome not met: ${quote(o.expected)}${why}.` });
        followUps.push({ stepId: s.id, text: `Step ${s.id}: find out why ${quote(o.expected)} was not met.` });
      }
    }
    for (const o of s.outcomes.filter((x) => x.verdict === 'unverified')) {
      issues.push({ kind: 'outcome-unverified', stepId: s.id, text: `Step ${s.id}: expected outcome not verified: ${quote(o.expected)}.` });
      followUps.push({ stepId: s.id, text: `Step ${s.id}: make ${quote(o.expected)} checkable (a matcher such as \`exit 0\` or \`stdout contains "…"\`), or confirm it.` });
    }
  }
  for (const a of input.attestations.filter((x) => x.answer === 'declined')) {
    const what = a.label ?? 'attestation';
    issues.push({ kind: 'attestation-declined', stepId: a.stepId, text: `Step ${a.stepId}: ${what} declined${a.by ? ` by ${a.by}` : ''}: ${quote(a.text)}.` });
    followUps.push({
      stepId: a.stepId,
      text: /waiver/i.test(what)
        ? `Step ${a.stepId}: the waiver ${quote(a.text)} was declined; obtain and document it, or change the release.`
        : `Step ${a.stepId}: resolve the declined ${what.toLowerCase()} ${quote(a.text)}, or record a waiver.`,
    });
  }
  const unconfirmed = [
    ...input.attestations.filter((a) => a.answer === 'unconfirmed').map((a) => a.stepId),
    ...input.steps.flatMap((s) => s.outcomes.filter((o) => o.verdict === 'unverified').map(() => s.id)),
  ];
  if (unconfirmed.length > 0) {
    // One item, not one per statement: they are usually all left for the same reason (no terminal).
    const ids = [...new Set(unconfirmed)].join(', ');
    const n = unconfirmed.length;
    followUps.push({ stepId: null, text: `Confirm the ${n} statement${n === 1 ? '' : 's'} left unconfirmed (step${ids.includes(',') ? 's' : ''} ${ids}): at a terminal, or \`runbook resume ${input.runId} --answers FILE\`.` });
  }
  for (const g of input.gates.filter((x) => !x.approved)) {
    const what = g.decision === 'skipped' ? `was skipped at its gate by ${g.by}` : g.decision === 'aborted' ? `was not approved: ${g.by} aborted the run at its gate` : `was not approved by ${g.by}`;
    issues.push({ kind: 'gate-declined', stepId: g.stepId, text: `Step ${g.stepId} ${what}: ${g.reason}.` });
    followUps.push({ stepId: g.stepId, text: `Step ${g.stepId}: decide whether the gated action (${g.reason}) belongs in the drill.` });
  }
  if (input.result === 'aborted' || input.result === 'interrupted') {
    issues.push(
      input.result === 'aborted'
        ? { kind: 'run-aborted', stepId: null, text: 'The run was aborted before it finished.' }
        : { kind: 'run-interrupted', stepId: null, text: 'The engine stopped before the run ended (no run end in the journal).' },
    );
    followUps.push({ stepId: null, text: `Finish the drill: \`runbook resume ${input.runId}\`, or run it again.` });
  }
  return { issues, followUps: followUps.map((a) => ({ ...a, owner: null, due: null })) };
}

/** Tries of a step that did not pass before the one the record shows: a retry, or an earlier attempt. */
function earlierFailures(s: StepRecord): StepTry[] {
  return s.tries.slice(0, -1).filter((t) => ['failed', 'timed-out', 'interrupted'].includes(t.status));
}

/** `Attempt 1 (try 2)`, with the parameters the next attempt changed as this one had them. */
function attemptName(t: StepTry, attempts: readonly AttemptRecord[]): string {
  const changed = attempts.find((a) => a.attempt === t.runAttempt + 1)?.paramsChanged ?? [];
  const params = changed.length > 0 ? `, with ${changed.map((p) => `${p.name}=${p.from ?? '(none)'}`).join(', ')}` : '';
  return `Attempt ${t.runAttempt}${t.try > 1 ? ` (try ${t.try})` : ''}${params}`;
}
