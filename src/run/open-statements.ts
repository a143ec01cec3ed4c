// What a resume still has to ask of the steps that passed: the statements whose latest answer is
// none (no terminal, no answers file). Those steps do not run again; only these are put to
// whoever can answer now, so an incomplete run can be completed without repeating a rollback.
import type { PlannedStep, RunEvent } from '../model/events.js';

export interface OpenStatement {
  id: string;
  stepId: string;
  kind: 'attestation' | 'outcome';
  text: string;
  label?: string;
}

export function openStatements(events: readonly RunEvent[], passed: ReadonlySet<string>): Map<string, OpenStatement[]> {
  const planned = new Map<string, PlannedStep>();
  const latest = new Map<string, 'open' | 'answered'>();
  for (const event of events) {
    if (event.type === 'run-start') for (const step of event.steps) planned.set(step.id, step);
    else if (event.type === 'attestation' && event.statementId !== undefined) latest.set(event.statementId, event.answer === 'unconfirmed' ? 'open' : 'answered');
    else if (event.type === 'verdict' && event.outcome.statementId !== undefined) latest.set(event.outcome.statementId, event.outcome.verdict === 'unverified' ? 'open' : 'answered');
  }
  const open = new Map<string, OpenStatement[]>();
  for (const stepId of passed) {
    const step = planned.get(stepId);
    if (step === undefined) continue;
    const statements: OpenStatement[] = [
      ...step.attestations.flatMap((a) => (a.id === undefined ? [] : [{ id: a.id, stepId, kind: 'attestation' as const, text: a.text, ...(a.label !== undefined && { label: a.label }) }])),
      ...(step.expectations ?? []).filter((e) => !e.checked).map((e) => ({ id: e.id, stepId, kind: 'outcome' as const, text: e.text })),
    ].filter((s) => latest.get(s.id) === 'open');
    if (statements.length > 0) open.set(stepId, statements);
  }
  return open;
}
